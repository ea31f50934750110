package org.parley.inbox;

/**
 * What the top of an opened conversation shows.
 *
 * @param id            the conversation's id
 * @param contactName   the patient's name or formatted number
 * @param status        open or closed
 * @param lineName      the line it runs on
 * @param maxTextLength the longest reply the line's provider accepts, or 0 when the provider is not loaded
 */
public record ConversationHeader(long id, String contactName, ConversationStatus status, String lineName,
                                 int maxTextLength) {

    /** Whether replies can be sent at all. */
    public boolean canReply() {
        return maxTextLength > 0;
    }
}
