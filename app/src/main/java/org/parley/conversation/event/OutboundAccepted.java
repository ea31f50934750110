package org.parley.conversation.event;

/**
 * The provider accepted a message and named its id, now recorded: delivery statuses that arrived for that id before
 * (see intake's early statuses) can be applied after the transaction commits.
 */
public record OutboundAccepted(String lineId, String providerMessageId) {
}
