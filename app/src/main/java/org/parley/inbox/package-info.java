/**
 * The shared inbox: conversations, messages, the webhook intake and the durable outbound queue.
 * Public: {@link org.parley.inbox.ConversationService}, the records it returns, and the events
 * {@link org.parley.inbox.ConversationChanged}; {@link org.parley.inbox.MessageContents} hands messages in full
 * (attachments' bytes included) to features that copy them elsewhere, such as a patient's chart.
 */
package org.parley.inbox;
