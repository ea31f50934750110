package org.parley.chart;

import java.time.Instant;
import java.util.Set;

/**
 * A chart export as the conversation shows it next to each of its messages.
 *
 * @param exportId       the export's id
 * @param conversationId its conversation
 * @param messageIds     the messages it holds
 * @param exporterName   where it goes, as staff know the configured exporter
 * @param status         where it is
 * @param reference      the EHR's reference once exported, or {@code null}
 * @param reason         why it failed or is being retried, or {@code null}
 * @param attempts       how often it was tried
 * @param nextAttemptAt  when it is tried next while queued, or {@code null}
 * @param requestedAt    when the staff member sent it
 * @param exportedAt     when the EHR took it, or {@code null}
 * @param requestedBy    the staff member's name
 * @param documentName   the file name of the document the exporter returned, or {@code null}
 */
public record ExportView(String exportId, long conversationId, Set<Long> messageIds, String exporterName,
                         ExportStatus status, String reference, String reason, int attempts, Instant nextAttemptAt,
                         Instant requestedAt, Instant exportedAt, String requestedBy, String documentName) {

    /** Whether staff can ask for another try: a failure, or an export waiting after a retryable one. */
    public boolean canRetry() {
        return status == ExportStatus.FAILED || (status == ExportStatus.QUEUED && reason != null);
    }
}
