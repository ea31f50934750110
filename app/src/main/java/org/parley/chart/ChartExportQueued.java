package org.parley.chart;

/**
 * A chart export was stored for sending (or queued again by a staff member); the queue picks it up after commit.
 *
 * @param exportId       the export's id
 * @param conversationId the conversation its messages are in
 * @param exporterId     the configured exporter it goes to
 * @param messageCount   how many messages it holds
 */
public record ChartExportQueued(String exportId, long conversationId, String exporterId, int messageCount)
        implements ChartExportChanged {
}
