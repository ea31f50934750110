/**
 * Broadcasts: one message, filled per patient from a text with placeholders, sent from a line to an audience (a search
 * by date of birth, a list, the imported last visit or a tag, an uploaded CSV of MRNs or cell numbers, or a saved
 * search), by an admin or a staff member an admin lets send them. Before it goes the sender sees the
 * count, who is skipped and why, and the text for three real recipients. Each recipient is a row
 * ({@code broadcast_recipient}) with a state, so progress, pause, resume and cancel are database state that every node
 * reads; {@code BroadcastFeeder} (each node's thread) hands the recipients to the outbound queue a few at a time
 * (one message in each patient's own conversation, through {@link org.parley.conversation.BulkMessages}), only within
 * quiet hours in the patient's zone ({@link org.parley.hours.QuietHours}). Public: {@link org.parley.broadcast.Broadcasts}
 * and its records; the admin page is {@code broadcast.ui.BroadcastsView}.
 */
package org.parley.broadcast;
