/**
 * The shared inbox: conversations, messages, the webhook intake and the durable outbound queue.
 * Public: {@link org.parley.inbox.ConversationService}, the records it returns, the events
 * {@link org.parley.inbox.ConversationChanged}, and {@link org.parley.inbox.MessageWords}, search by whole words in
 * message text, which is stored encrypted: every place that stores a message's text also indexes its words
 * ({@code MessageWordIndex}, table {@code message_word}).
 */
package org.parley.inbox;
