/**
 * The shared inbox: conversations, messages and their attachments, the webhook intake, the durable outbound queue
 * and the public, signed links providers fetch a reply's pictures from. Public:
 * {@link org.parley.inbox.ConversationService}, {@link org.parley.inbox.ReplyAttachments} (what may be attached),
 * the records they take and return, and the events {@link org.parley.inbox.ConversationChanged};
 * {@link org.parley.inbox.MessageContents} hands messages in full (attachments' bytes included) to features that
 * copy them elsewhere, such as a patient's chart.
 */
package org.parley.inbox;
