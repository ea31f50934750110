/**
 * Lists: the practice's group inboxes (Front Desk, Nurses, Billing), who subscribes to each, which list a line's new
 * patient conversations land in, the special BLOCKED list, and practice roles such as the patient ombudsman.
 *
 * <p>Public face: {@link org.parley.lists.ListService} and {@link org.parley.lists.InboxListSummary}. Admins manage
 * lists (enforced by the server); everyone reads them. Conversations point at lists; this package knows nothing of
 * conversations.
 */
package org.parley.lists;
