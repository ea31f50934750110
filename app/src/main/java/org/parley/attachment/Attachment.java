package org.parley.attachment;

import java.util.Objects;

/**
 * A picture or file chosen for a reply, as {@link ReplyAttachments#check} accepted it: its type read from its
 * content. {@link ConversationService#reply(org.parley.security.StaffMember, long, String, java.util.List)} checks
 * it again before storing it.
 *
 * @param fileName    the name it had on the staff member's computer, without folders
 * @param contentType the MIME type its content shows, e.g. {@code image/jpeg}
 * @param data        the content
 */
public record Attachment(String fileName, String contentType, byte[] data) {

    /** Checks the parts are present. */
    public Attachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(data, "data");
    }

    /** The size in bytes. */
    public long sizeBytes() {
        return data.length;
    }

    /** Whether it is a picture (shown as a thumbnail before sending). */
    public boolean isImage() {
        return contentType.startsWith("image/");
    }

    @Override
    public String toString() {
        // Never the file name: it may carry a patient's name.
        return "Attachment[" + contentType + ", " + data.length + " bytes]";
    }
}
