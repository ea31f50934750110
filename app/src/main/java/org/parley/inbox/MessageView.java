package org.parley.inbox;

import java.time.Instant;
import java.util.List;

/**
 * A message as the thread shows it.
 *
 * @param id           the message's id
 * @param direction    inbound, outbound, note or voicemail
 * @param body         the text
 * @param authorName   the staff member who wrote it, or {@code null} for a patient's message
 * @param status       where it is
 * @param statusReason why it failed, or {@code null}
 * @param createdAt    when it was written or received
 * @param media        its attachments
 */
public record MessageView(long id, Direction direction, String body, String authorName, MessageStatus status,
                          String statusReason, Instant createdAt, List<MediaInfo> media) {
}
