package org.parley.mention;

import java.time.Instant;

/**
 * An unread mention, as the bell lists it: no patient data.
 *
 * @param conversationId where
 * @param messageId      the note that mentions
 * @param at             when
 * @param byName         the colleague who wrote the note
 */
public record MentionNotice(long conversationId, long messageId, Instant at, String byName) {
}
