package org.parley.mention;

import org.parley.base.LiveUpdate;

/**
 * A mentioned staff member opened the conversation: their mentions there are read (the bell and the notes change).
 *
 * @param staffId        who read them
 * @param conversationId where
 */
public record MentionsRead(long staffId, long conversationId) implements LiveUpdate {
}
