package org.parley.plugin;

import java.util.Objects;

/**
 * A picture, file or recording that travels with a message.
 *
 * @param contentType the MIME type, e.g. {@code image/jpeg}
 * @param fileName    a file name to offer on download (never a patient's name), or {@code null}
 * @param size        the size in bytes
 * @param data        the content, or {@code null} when it was too large to fetch (see {@link #tooLarge})
 */
public record Media(String contentType, String fileName, long size, byte[] data) {

    /** Checks the content type is present and the size matches the data. */
    public Media {
        Objects.requireNonNull(contentType, "contentType");
        if (data != null && size != data.length) {
            throw new IllegalArgumentException("size " + size + " does not match data length " + data.length);
        }
    }

    /** Media with its content. */
    public static Media of(String contentType, String fileName, byte[] data) {
        return new Media(contentType, fileName, data.length, data);
    }

    /** Media that was over the size limit: only its metadata is kept. */
    public static Media tooLarge(String contentType, String fileName, long size) {
        return new Media(contentType, fileName, size, null);
    }

    /** Whether the content was left behind because it was too large. */
    public boolean isTooLarge() {
        return data == null;
    }
}
