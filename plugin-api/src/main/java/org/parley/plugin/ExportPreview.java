package org.parley.plugin;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What an export would send, shown to the staff member before sending.
 *
 * @param mediaType what the content is: a text type (e.g. {@code application/fhir+json}, {@code x-application/hl7-v2+er7},
 *                  {@code text/plain}) is shown as text, {@code application/pdf} as a document
 * @param content   the content
 * @since 1.2.0
 */
public record ExportPreview(String mediaType, byte[] content) {

    /** Checks both parts are present. */
    public ExportPreview {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(content, "content");
    }

    /** A preview that is text. */
    public static ExportPreview text(String mediaType, String text) {
        return new ExportPreview(mediaType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the content is text to show as it is. */
    public boolean isText() {
        return mediaType.startsWith("text/") || mediaType.endsWith("json") || mediaType.endsWith("xml")
                || mediaType.contains("hl7");
    }

    /** The content as UTF-8 text. */
    public String asText() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
