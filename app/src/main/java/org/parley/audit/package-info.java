/**
 * The audit log: who did what to which record, when. Append-only; entries name records by id and never
 * carry message text, names or numbers. Public: {@link org.parley.audit.AuditLog}.
 */
package org.parley.audit;
