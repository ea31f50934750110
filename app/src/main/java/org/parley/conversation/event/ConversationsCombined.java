package org.parley.conversation.event;

/**
 * Two conversations of one patient on one line became one (their patient records were merged): everything that
 * pointed at {@code goneId} now points at {@code keptId}. Published inside the combining transaction, before the gone
 * conversation's row is deleted, so a feature keeping rows of its own per conversation (chart exports, notifications)
 * moves them in the same transaction.
 */
public record ConversationsCombined(long keptId, long goneId) {
}
