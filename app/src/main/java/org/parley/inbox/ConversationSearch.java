package org.parley.inbox;

import java.time.LocalDate;
import org.parley.conversation.ConversationStatus;

/**
 * What a staff member searches for: a patient's name, a phone number in any format, a date of birth or words of a
 * message, narrowed by status, list, assignee and dates. Empty parts do not narrow.
 *
 * @param text       name, number, date of birth, MRN, or whole words of a message (all of them); blank for none
 * @param status     open or closed, or {@code null} for both
 * @param listId     only conversations waiting in this list, or {@code null}
 * @param assigneeId only conversations assigned to this staff member, or {@code null}
 * @param from       last activity on or after this day, or {@code null}
 * @param to         last activity on or before this day, or {@code null}
 * @param tagId      only conversations with this tag, or {@code null}
 */
public record ConversationSearch(String text, ConversationStatus status, Long listId, Long assigneeId,
                                 LocalDate from, LocalDate to, Long tagId) {

    /** A search without a tag. */
    public ConversationSearch(String text, ConversationStatus status, Long listId, Long assigneeId, LocalDate from,
                              LocalDate to) {
        this(text, status, listId, assigneeId, from, to, null);
    }

    /** A search for text alone. */
    public static ConversationSearch forText(String text) {
        return new ConversationSearch(text, null, null, null, null, null);
    }

    /** A search for the conversations with a tag, open or closed. */
    public static ConversationSearch forTag(long tagId) {
        return new ConversationSearch(null, null, null, null, null, null, tagId);
    }

    boolean hasText() {
        return text != null && !text.isBlank();
    }
}
