package org.parley.chart;

import java.time.Instant;
import java.util.List;
import org.parley.plugin.ChartCategory;

/**
 * What a staff member asks to copy to the chart. The preview fixes {@code exportId} and {@code requestedAt}, and
 * sending uses the previewed request, so what was previewed is exactly what is sent.
 *
 * @param exportId       the export's id, its idempotency key; {@code null} until previewed
 * @param conversationId the conversation the messages are in
 * @param messageIds     the selected messages
 * @param exporterId     the configured exporter to send to
 * @param category       what the messages are about, or {@code null}
 * @param comment        the staff member's comment for the chart, or {@code null}
 * @param requestedAt    when it was previewed for sending; {@code null} until previewed
 */
public record ExportRequest(String exportId, long conversationId, List<Long> messageIds, String exporterId,
                            ChartCategory category, String comment, Instant requestedAt) {

    /** Copies the ids, sorted and without repeats; a blank comment is none. */
    public ExportRequest {
        messageIds = messageIds == null ? List.of() : messageIds.stream().distinct().sorted().toList();
        comment = comment == null || comment.isBlank() ? null : comment.strip();
    }

    /** A request not previewed yet. */
    public static ExportRequest draft(long conversationId, List<Long> messageIds, String exporterId,
                                      ChartCategory category, String comment) {
        return new ExportRequest(null, conversationId, messageIds, exporterId, category, comment, null);
    }

    /** This request with the id and time a preview fixes. */
    ExportRequest previewed(String id, Instant at) {
        return new ExportRequest(id, conversationId, messageIds, exporterId, category, comment, at);
    }
}
