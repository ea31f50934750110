/**
 * Lists: the practice's group inboxes (Front Desk, Nurses, Billing), who subscribes to each, which list a line's new
 * patient conversations land in, the special BLOCKED list, practice roles such as the patient ombudsman, and each
 * list's response goal ({@link org.parley.lists.ResponseGoal}: columns of {@code inbox_list}, V78; the escalation
 * feature measures and escalates waits against it).
 *
 * <p>Public face: {@link org.parley.lists.ListService}, {@link org.parley.lists.InboxListSummary} and
 * {@link org.parley.lists.ResponseGoal}. Admins manage
 * lists (enforced by the server); everyone reads them. Conversations point at lists; this package knows nothing of
 * conversations.
 */
package org.parley.lists;
