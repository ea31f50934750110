/**
 * The shared inbox's views: My inbox, each list, All open, Closed, BLOCKED, a colleague's inbox, with their counts,
 * and search by name, number, date of birth, MRN or whole message words ({@link org.parley.inbox.MessageWords} over
 * the word index). Public: {@link org.parley.inbox.InboxService}, {@link org.parley.inbox.Inbox},
 * {@link org.parley.inbox.ConversationSearch}, {@link org.parley.inbox.ConversationRow},
 * {@link org.parley.inbox.InboxCount}. The inbox's screens are in {@code inbox.ui}.
 */
package org.parley.inbox;
