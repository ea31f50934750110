package org.parley.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Writes and reads the audit log. */
@Service
public class AuditLog {

    /** Actor of entries made by Parley itself rather than a person. */
    public static final String SYSTEM = "system";

    private final AuditEventRepository events;
    private final AuditChain chain;
    private final Clock clock;

    AuditLog(AuditEventRepository events, AuditChain chain, Clock clock) {
        this.events = events;
        this.chain = chain;
        this.clock = clock;
    }

    /**
     * Appends an entry, inside the caller's transaction when there is one, so an action that rolls back
     * leaves no entry behind. The entry joins the hash chain as that transaction commits, so it is not visible
     * to reads inside the same transaction.
     *
     * @param actor      the user name of who acted, or {@link #SYSTEM}
     * @param action     what happened, from the catalogue
     * @param targetType the kind of record, e.g. {@code conversation}, or {@code null}
     * @param targetId   the record's id, or {@code null}
     * @param detail     more context; never PHI (no names, numbers, dates of birth or message text)
     */
    @Transactional
    public void record(String actor, AuditAction action, String targetType, String targetId, String detail) {
        chain.append(new AuditEvent.AuditDraft(clock.instant(), actor, action.name(), targetType, targetId, detail));
    }

    /** A page of entries matching the filter, newest first (admins only). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<AuditEntry> search(AuditFilter filter, int offset, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return events.search(filter, offset, limit).stream().map(AuditEvent::toEntry).toList();
    }

    /** How many entries match the filter (admins only). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public long count(AuditFilter filter) {
        return events.count(filter);
    }

    /**
     * Writes the matching entries as CSV, newest first, page by page (the log can be large), and records the export
     * itself in the log (admins only).
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void exportCsv(String actor, AuditFilter filter, Writer out) throws IOException {
        out.write("id,occurred_at,actor,action,target_type,target_id,detail\n");
        int page = 0;
        List<AuditEntry> entries;
        do {
            entries = search(filter, page * 1000, 1000);
            for (AuditEntry e : entries) {
                out.write(e.id() + "," + e.occurredAt() + "," + csv(e.actor()) + "," + csv(e.action()) + ","
                        + csv(e.targetType()) + "," + csv(e.targetId()) + "," + csv(e.detail()) + "\n");
            }
            page++;
        } while (entries.size() == 1000);
        record(actor, AuditAction.AUDIT_EXPORTED, null, null, null);
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        // Quote always; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula.
        String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    /**
     * Walks the whole hash chain and reports the first entry that is missing, was changed or was slipped in; the
     * check and its result are themselves audited (admins only).
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public ChainCheck checkChain(String actor) {
        ChainCheck result = chain.check();
        record(actor, AuditAction.AUDIT_CHAIN_CHECKED, null, null, result.summary());
        return result;
    }
}
