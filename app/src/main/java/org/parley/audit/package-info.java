/**
 * The audit log: who did what to which record, when. Append-only and tamper-evident: entries name records by id
 * and never carry message text, names or numbers; each is chained to the one before by a SHA-256 hash, and a
 * check reports the first entry missing, changed or slipped in. Public: {@link org.parley.audit.AuditLog},
 * {@link org.parley.audit.ChainCheck}.
 */
package org.parley.audit;
