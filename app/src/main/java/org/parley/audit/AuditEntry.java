package org.parley.audit;

import java.time.Instant;

/** An audit log entry as other features read it. */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String targetType,
                         String targetId, String detail) {
}
