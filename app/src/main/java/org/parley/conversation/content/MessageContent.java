package org.parley.conversation.content;

import java.time.Instant;
import java.util.List;
import org.parley.attachment.Attachment;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageStatus;

/**
 * A message in full, attachments' content included, for copying it somewhere else (a patient's chart). Protected
 * health information: never log it.
 *
 * @param id          the message's id
 * @param direction   inbound, outbound, note, voicemail or system
 * @param status      where an outbound message is, {@code null} for notes
 * @param body        the text; a voicemail's transcript (blank until it arrives)
 * @param authorId    the staff member who wrote it, or {@code null} (a patient's message, an automatic reply)
 * @param systemReply whether Parley wrote it automatically (a STOP/START/HELP confirmation)
 * @param createdAt   when it was written or received
 * @param attachments its pictures and files, a voicemail's recording; those too large to keep are left out
 */
public record MessageContent(long id, Direction direction, MessageStatus status, String body, Long authorId,
                             boolean systemReply, Instant createdAt, List<Attachment> attachments) {

    /** Copies the list. */
    public MessageContent {
        attachments = List.copyOf(attachments);
    }

    /**
     * An attachment's content.
     *
     * @param fileName    its file name, or {@code null}
     * @param contentType its MIME type
     * @param data        the bytes
     */
    public record Attachment(String fileName, String contentType, byte[] data) {
    }

    @Override
    public String toString() {
        return "MessageContent[" + id + ", " + direction + "]";
    }
}
