package org.parley.assignment;

import java.util.Set;
import org.parley.base.LiveUpdate;

/**
 * Who holds a conversation changed. Carries ids only.
 *
 * @param conversationId the conversation
 * @param listId         the list it now waits in, or {@code null}
 * @param assigneeIds    the staff members now holding it (empty when it waits in a list)
 * @param byStaffId      who assigned it
 */
public record ConversationAssigned(long conversationId, Long listId, Set<Long> assigneeIds, long byStaffId)
        implements LiveUpdate {
}
