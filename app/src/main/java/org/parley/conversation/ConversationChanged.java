package org.parley.conversation;

import org.parley.base.LiveUpdate;

/**
 * Something in a conversation changed: a message arrived or was queued, or a message's status moved.
 * Carries ids only. Changes to one conversation that arrive together are delivered to open screens as one.
 *
 * @param conversationId the conversation
 * @param messageId      the message concerned (the latest, when several changes were merged)
 * @param inbound        whether a patient's message arrived (in any of the merged changes)
 * @param patientOnly    whether every merged change was a patient's message arriving: nothing staff wrote, moved or
 *                       deleted, so nothing but the conversation's unread state and place in the lists can have
 *                       changed (a screen need not recount mentions for it)
 */
public record ConversationChanged(long conversationId, long messageId, boolean inbound, boolean patientOnly)
        implements LiveUpdate {

    /** One change: a patient's message arriving ({@code inbound}) or anything else. */
    public ConversationChanged(long conversationId, long messageId, boolean inbound) {
        this(conversationId, messageId, inbound, inbound);
    }

    private record Key(long conversationId) {
    }

    @Override
    public Object coalescingKey() {
        return new Key(conversationId);
    }

    @Override
    public LiveUpdate coalesceWith(LiveUpdate later) {
        ConversationChanged next = (ConversationChanged) later;
        return new ConversationChanged(conversationId, next.messageId, inbound || next.inbound,
                patientOnly && next.patientOnly);
    }
}
