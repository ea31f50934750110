package org.parley.conversation;

import org.parley.base.LiveUpdate;

/**
 * Something in a conversation changed: a message arrived or was queued, or a message's status moved.
 * Carries ids only.
 *
 * @param conversationId the conversation
 * @param messageId      the message concerned
 * @param inbound        whether a patient's message arrived
 */
public record ConversationChanged(long conversationId, long messageId, boolean inbound) implements LiveUpdate {
}
