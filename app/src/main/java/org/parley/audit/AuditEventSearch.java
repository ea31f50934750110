package org.parley.audit;

import java.util.List;

/** Filtered reads of the audit log (the admin page and CSV export). */
interface AuditEventSearch {

    List<AuditEvent> search(AuditFilter filter, int offset, int limit);

    long count(AuditFilter filter);
}
