package org.parley.audit;

import java.time.Clock;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Writes and reads the audit log. */
@Service
public class AuditLog {

    /** Actor of entries made by Parley itself rather than a person. */
    public static final String SYSTEM = "system";

    private final AuditEventRepository events;
    private final Clock clock;

    AuditLog(AuditEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /**
     * Appends an entry, inside the caller's transaction when there is one, so an action that rolls back
     * leaves no entry behind.
     *
     * @param actor      the user name of who acted, or {@link #SYSTEM}
     * @param action     what happened, e.g. {@code CONVERSATION_VIEWED}
     * @param targetType the kind of record, e.g. {@code conversation}, or {@code null}
     * @param targetId   the record's id, or {@code null}
     * @param detail     more context; never PHI (no names, numbers, dates of birth or message text)
     */
    @Transactional
    public void record(String actor, String action, String targetType, String targetId, String detail) {
        events.save(new AuditEvent(clock.instant(), actor, action, targetType, targetId, detail));
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
