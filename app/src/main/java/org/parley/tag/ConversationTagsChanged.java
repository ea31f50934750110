package org.parley.tag;

/**
 * A conversation's tags changed (staff, or a routing rule): the inbox announces the conversation as changed so open
 * screens show its new tags. Ids only.
 *
 * @param conversationId the conversation
 */
public record ConversationTagsChanged(long conversationId) {
}
