package org.parley.plugin;

import java.util.Objects;

/**
 * A picture, file or recording in a chart export, or a document an exporter produced (e.g. a PDF).
 *
 * @param fileName    a file name to use (never a patient's name)
 * @param contentType the MIME type, e.g. {@code image/jpeg}
 * @param data        the content
 * @since 1.2.0
 */
public record ChartAttachment(String fileName, String contentType, byte[] data) {

    /** Checks the parts are present. */
    public ChartAttachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(data, "data");
    }

    /** Whether this is a picture a document can show inline. */
    public boolean isImage() {
        return contentType.startsWith("image/");
    }
}
