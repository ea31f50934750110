package org.parley.conversation.event;

/** A message was stored for sending; the queue picks it up after the transaction commits. */
public record OutboundQueued(long messageId) {
}
