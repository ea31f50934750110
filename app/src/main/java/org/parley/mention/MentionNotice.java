package org.parley.mention;

import java.time.Instant;

/**
 * An unread mention, as the bell lists it: no patient data.
 *
 * @param conversationId where
 * @param at             when
 * @param byName         the colleague who wrote the note
 */
public record MentionNotice(long conversationId, Instant at, String byName) {
}
