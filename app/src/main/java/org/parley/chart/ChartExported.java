package org.parley.chart;

/**
 * The EHR took a chart export.
 *
 * @param exportId       the export's id
 * @param conversationId the conversation its messages are in
 * @param exporterId     the configured exporter it went to
 * @param messageCount   how many messages it held
 */
public record ChartExported(String exportId, long conversationId, String exporterId, int messageCount)
        implements ChartExportChanged {
}
