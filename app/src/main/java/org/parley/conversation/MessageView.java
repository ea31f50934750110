package org.parley.conversation;

import java.time.Instant;
import java.util.List;
import org.parley.conversation.media.MediaInfo;

/**
 * A message as the thread shows it.
 *
 * @param id           the message's id
 * @param direction    inbound, outbound, note or voicemail
 * @param body         the text (empty once deleted)
 * @param authorName   the staff member who wrote it, or {@code null} for a patient's message
 * @param status       where it is
 * @param statusReason why it failed, or {@code null}
 * @param createdAt    when it was written or received
 * @param media        its attachments
 * @param authorId     the staff member who wrote it, or {@code null}
 * @param deletion     who deleted it and when, or {@code null}
 * @param mentions     the staff members a note mentions and whether they have read it
 * @param scheduledFor when a scheduled reply goes out, or {@code null} (sent at once)
 */
public record MessageView(long id, Direction direction, String body, String authorName, MessageStatus status,
                          String statusReason, Instant createdAt, List<MediaInfo> media, Long authorId,
                          Deletion deletion, List<MentionView> mentions, Instant scheduledFor) {

    /** A message that was not scheduled. */
    public MessageView(long id, Direction direction, String body, String authorName, MessageStatus status,
                       String statusReason, Instant createdAt, List<MediaInfo> media, Long authorId,
                       Deletion deletion, List<MentionView> mentions) {
        this(id, direction, body, authorName, status, statusReason, createdAt, media, authorId, deletion, mentions,
                null);
    }

    /** Whether this is a scheduled reply still waiting to go out (it can be changed or cancelled). */
    public boolean waitingToBeSent() {
        return scheduledFor != null && status == MessageStatus.QUEUED && deletion == null;
    }

    /** Who deleted a message and when. */
    public record Deletion(String byName, Instant at) {
    }

    /** A mentioned staff member and when they first read the note, or {@code null} while unread. */
    public record MentionView(String name, Instant firstReadAt) {
    }

    /** Whether the message was deleted. */
    public boolean deleted() {
        return deletion != null;
    }
}
