package org.parley.audit;

import java.time.Instant;

/**
 * Which audit entries to show; every part is optional.
 *
 * @param actor      the user name (exact, any case)
 * @param action     e.g. {@code CONVERSATION_VIEWED}
 * @param targetType e.g. {@code contact} for a patient, {@code conversation}
 * @param targetId   the record's id
 * @param from       from this time on, inclusive
 * @param until      before this time
 */
public record AuditFilter(String actor, String action, String targetType, String targetId, Instant from,
                          Instant until) {

    /** No filter: everything. */
    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null, null, null);
    }
}
