package org.parley.broadcast;

import java.util.List;
import java.util.Map;

/**
 * A prepared broadcast as the admin checks it before sending.
 *
 * @param broadcastId the draft's id
 * @param toSend      recipients who will be texted (if nothing changes meanwhile)
 * @param skipped     recipients skipped, by why
 * @param notFound    values of an uploaded file that matched no patient
 * @param previews    the text as it goes to up to three real recipients
 */
public record BroadcastPlan(long broadcastId, long toSend, Map<SkipKind, Long> skipped, int notFound,
                            List<Preview> previews) {

    /** The filled text for one recipient. */
    public record Preview(String patientName, String text) {
    }

    /** How many are skipped in all. */
    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
