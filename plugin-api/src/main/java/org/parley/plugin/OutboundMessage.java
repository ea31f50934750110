package org.parley.plugin;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A message the practice sends to a patient.
 *
 * @param messageKey        Parley's stable id for this message: the same on every retry, so a provider that
 *                          supports idempotency keys can refuse a duplicate
 * @param from              the line's number, E.164
 * @param to                the recipient's number, E.164
 * @param text              the text; may be empty when media is sent
 * @param media             pictures or files to send as MMS; empty for a plain text
 * @param statusCallbackUrl where the provider should report delivery, or {@code null}
 */
public record OutboundMessage(String messageKey, String from, String to, String text, List<Media> media,
                              URI statusCallbackUrl) {

    /** Checks the required parts and copies the media list. */
    public OutboundMessage {
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        text = text == null ? "" : text;
        media = media == null ? List.of() : List.copyOf(media);
    }
}
