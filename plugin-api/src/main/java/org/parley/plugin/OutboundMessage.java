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
 * @param mediaUrls         for providers that fetch MMS media themselves (Twilio, Vonage): public, unguessable,
 *                          time-limited URLs of the same media, in the same order (since 1.1.0)
 */
public record OutboundMessage(String messageKey, String from, String to, String text, List<Media> media,
                              URI statusCallbackUrl, List<URI> mediaUrls) {

    /** Checks the required parts and copies the lists. */
    public OutboundMessage {
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        text = text == null ? "" : text;
        media = media == null ? List.of() : List.copyOf(media);
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
    }

    /** A message without public media URLs: the 1.0 form, kept for plugins built against it. */
    public OutboundMessage(String messageKey, String from, String to, String text, List<Media> media,
                           URI statusCallbackUrl) {
        this(messageKey, from, to, text, media, statusCallbackUrl, List.of());
    }
}
