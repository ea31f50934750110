package org.parley.assignment;

/**
 * A staff member closed a conversation: whatever waited on it (a patient waiting for an answer) ends. Ids only.
 *
 * @param conversationId the conversation
 */
public record ConversationClosed(long conversationId) {
}
