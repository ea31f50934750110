package org.parley.inbox;

import java.time.Instant;
import org.parley.conversation.Attention;
import org.parley.conversation.ConversationStatus;

/**
 * A row of the conversation query, the same for every viewer: the contact's name, the assignment badge and whether the
 * viewer has seen the latest patient message are added after.
 */
record InboxRow(long id, long contactId, String lineId, String preview, Instant lastActivityAt, Instant lastInboundAt,
                Attention attention, Long assignedListId, ConversationStatus status) {
}
