package org.parley.conversation;

import java.util.Set;
import org.parley.compliance.OptOutStatus;
import org.parley.compliance.SendingRules;

/**
 * What the top of an opened conversation shows.
 *
 * @param id            the conversation's id
 * @param contactName   the patient's name or formatted number
 * @param status        open or closed
 * @param lineName      the line it runs on
 * @param maxTextLength the longest reply the line's provider accepts, or 0 when the provider is not loaded
 * @param lineId        the line's id
 * @param optOut        whether the number opted out of texts on this line, since when and why
 * @param attention     why the conversation is flagged, or {@code null}
 * @param attentionReason the flag's explanation for staff, or {@code null}
 * @param contactId     the contact (patient, unknown number or organisation) the conversation is with
 * @param sendingBlocked why nothing can be texted (no number, DO NOT TEXT, opted out), or {@code null}
 * @param textedVia     for a dependent, the guardian whose phone their texts go to; else {@code null}
 * @param assignment    who holds the conversation
 * @param blockReason   the kind of {@code sendingBlocked}, or {@code null} when nothing blocks sending
 */
public record ConversationHeader(long id, String contactName, ConversationStatus status, String lineName,
                                 int maxTextLength, String lineId, OptOutStatus optOut,
                                 Attention attention, String attentionReason, long contactId,
                                 String sendingBlocked, String textedVia, Assignment assignment,
                                 SendingRules.Reason blockReason) {

    /**
     * Who holds a conversation.
     *
     * @param listId      the list it waits in, or {@code null}
     * @param assigneeIds the staff members holding it
     * @param badge       the list's name or the staff members' names; empty when nobody holds it
     * @param version     goes up with each change: handed back with a change to detect a colleague's change
     * @param blocked     whether it is in the BLOCKED list
     */
    public record Assignment(Long listId, Set<Long> assigneeIds, String badge, int version,
                             boolean blocked) {

        /** Whether this staff member holds the conversation. */
        public boolean heldBy(long staffId) {
            return assigneeIds.contains(staffId);
        }
    }

    /** Whether replies can be sent at all. */
    public boolean canReply() {
        return maxTextLength > 0 && sendingBlocked == null;
    }

    /** Why replies cannot be sent, or {@code null} when they can. */
    public String whyNoReply() {
        if (sendingBlocked != null) {
            return sendingBlocked;
        }
        return maxTextLength > 0 ? null : "This line's provider plugin is not loaded: replies cannot be sent.";
    }
}
