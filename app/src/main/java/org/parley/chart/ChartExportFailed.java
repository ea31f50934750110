package org.parley.chart;

/**
 * A try at sending a chart export failed.
 *
 * @param exportId       the export's id
 * @param conversationId the conversation its messages are in
 * @param exporterId     the configured exporter it goes to
 * @param messageCount   how many messages it holds
 * @param retryable      whether Parley tries again by itself; otherwise it waits for a person
 */
public record ChartExportFailed(String exportId, long conversationId, String exporterId, int messageCount,
                                boolean retryable) implements ChartExportChanged {
}
