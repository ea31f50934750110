/**
 * The shared inbox: conversations, messages and their attachments, the webhook intake, the durable outbound queue
 * and the public, signed links providers fetch a reply's pictures from. Public:
 * {@link org.parley.inbox.ConversationService}, {@link org.parley.inbox.ReplyAttachments} (what may be attached),
 * the records they take and return, and the events {@link org.parley.inbox.ConversationChanged};
 * {@link org.parley.inbox.MessageContents} hands messages in full (attachments' bytes included) to features that
 * copy them elsewhere, such as a patient's chart;
 * {@link org.parley.inbox.MessageWords} searches by whole words in message text, which is stored encrypted: every
 * place that stores a message's text also indexes its words ({@code MessageWordIndex}, table {@code message_word}).
 */
package org.parley.inbox;
