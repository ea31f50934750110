/**
 * The shared inbox: conversations, messages, the webhook intake and the durable outbound queue.
 * Public: {@link org.parley.inbox.ConversationService}, the records it returns, and the events
 * {@link org.parley.inbox.ConversationChanged}.
 */
package org.parley.inbox;
