package org.parley.escalation;

/**
 * A patient has waited past their list's response goal: whoever should hear of it is told once. Ids only.
 *
 * @param conversationId the conversation
 * @param listId         the list whose goal passed
 * @param notifyStaffId  the person the list's admin chose to tell, or {@code null} for the list's subscribers
 */
public record ConversationEscalated(long conversationId, long listId, Long notifyStaffId) {
}
