package org.parley.inbox;

import java.time.Instant;
import java.util.List;
import org.parley.conversation.Attention;
import org.parley.conversation.ConversationStatus;
import org.parley.escalation.Wait;
import org.parley.tag.Tag;

/**
 * A conversation as the inbox list shows it.
 *
 * @param id             the conversation's id
 * @param contactName    the patient's name, or the formatted number of an unknown contact
 * @param preview        the start of the last message
 * @param lastActivityAt when the last message came or went
 * @param unseen         whether it has patient messages this staff member has not opened
 * @param attention      why it is flagged for staff, or {@code null}
 * @param assignment     the badge: the list it waits in or the staff member(s) holding it; empty when nowhere
 * @param status         open or closed
 * @param tags           its tags, by name
 * @param waiting        how long the patient has waited for a staff answer (office hours), or {@code null}
 */
public record ConversationRow(long id, String contactName, String preview, Instant lastActivityAt, boolean unseen,
                              Attention attention, String assignment, ConversationStatus status,
                              List<Tag> tags, Wait waiting) {

    public ConversationRow {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
