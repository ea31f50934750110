package org.parley.inbox;

/**
 * How many conversations an inbox view holds.
 *
 * @param total  all of them
 * @param unread those with patient messages the viewer has not opened
 */
public record InboxCount(long total, long unread) {
}
