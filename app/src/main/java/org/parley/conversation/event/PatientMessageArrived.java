package org.parley.conversation.event;

import java.util.Set;

/**
 * A patient's text or voicemail arrived: whoever holds the conversation may want to know. Carries ids only. Nobody is
 * notified of messages from a blocked number.
 *
 * @param conversationId the conversation
 * @param messageId      the message
 * @param listId         the list the conversation waits in, or {@code null}
 * @param assigneeIds    the staff members holding it
 * @param blocked        whether it went to the BLOCKED list
 */
public record PatientMessageArrived(long conversationId, long messageId, Long listId, Set<Long> assigneeIds,
                                    boolean blocked) {
}
