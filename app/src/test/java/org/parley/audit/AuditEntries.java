package org.parley.audit;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tests' read of the audit log: the newest entries, all or of one action. A test fixture on purpose: production code
 * reads the log only through {@link AuditLog}'s admin-guarded search, so it has no unguarded read of the whole log.
 */
@Component
public class AuditEntries {

    private final AuditEventRepository events;

    AuditEntries(AuditEventRepository events) {
        this.events = events;
    }

    /** The newest entries first. */
    @Transactional(readOnly = true)
    public List<AuditEntry> newest(Pageable page) {
        return events.findByOrderByOccurredAtDescIdDesc(page).stream().map(AuditEvent::toEntry).toList();
    }

    /** The newest entries of one action first. */
    @Transactional(readOnly = true)
    public List<AuditEntry> newest(String action, Pageable page) {
        return events.findByActionOrderByOccurredAtDescIdDesc(action, page).stream().map(AuditEvent::toEntry)
                .toList();
    }
}
