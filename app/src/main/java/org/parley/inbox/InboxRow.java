package org.parley.inbox;

import java.time.Instant;
import org.parley.conversation.Attention;
import org.parley.conversation.ConversationStatus;

/** A row of the conversation query, before the contact's name and the assignment badge are added. */
record InboxRow(long id, long contactId, String lineId, String preview, Instant lastActivityAt, boolean unseen,
                Attention attention, Long assignedListId, ConversationStatus status) {
}
