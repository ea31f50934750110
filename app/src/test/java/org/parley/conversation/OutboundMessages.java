package org.parley.conversation;

import java.time.Instant;

/** For tests of other features: an outbound message as the sender records it once the provider accepted it. */
public final class OutboundMessages {

    private OutboundMessages() {
    }

    /** A reply the provider accepted under {@code providerMessageId} (not yet saved). */
    public static Message accepted(long conversationId, String lineId, long authorId, String body,
                                   String providerMessageId, Instant at) {
        Message message = Message.outbound(conversationId, lineId, authorId, body, at);
        message.accepted(providerMessageId, at);
        return message;
    }
}
