package org.parley.inbox;

/** A message was stored for sending; the queue picks it up after the transaction commits. */
record OutboundQueued(long messageId) {
}
