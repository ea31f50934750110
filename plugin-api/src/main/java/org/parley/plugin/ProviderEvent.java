package org.parley.plugin;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Something a provider told the practice through a webhook. */
public sealed interface ProviderEvent {

    /**
     * A patient's text, with any pictures or files.
     *
     * @param providerMessageId the provider's id; the app stores a message once per line and id
     * @param from              the sender's number, E.164
     * @param to                the line's number, E.164
     * @param text              the text; may be empty for a picture alone
     * @param media             the pictures and files, fetched through {@link MediaFetcher}
     */
    record InboundMessage(String providerMessageId, String from, String to, String text, List<Media> media)
            implements ProviderEvent {
        /** Checks the ids are present and copies the media. */
        public InboundMessage {
            Objects.requireNonNull(providerMessageId, "providerMessageId");
            Objects.requireNonNull(from, "from");
            text = text == null ? "" : text;
            media = media == null ? List.of() : List.copyOf(media);
        }
    }

    /**
     * A report on an outbound message.
     *
     * @param providerMessageId the id the provider returned from {@link MessagingProvider#send}
     * @param status            where the message is now
     * @param errorCode         the provider's error code for a failure, or {@code null}
     * @param reason            a sentence for staff explaining a failure, or {@code null}
     * @param recipientOptedOut whether the failure means the recipient opted out of texts (e.g. Twilio 21610);
     *                          the app then marks the number opted out (since 1.1.0)
     */
    record DeliveryUpdate(String providerMessageId, DeliveryStatus status, String errorCode, String reason,
                          boolean recipientOptedOut) implements ProviderEvent {
        /** Checks the id and status are present. */
        public DeliveryUpdate {
            Objects.requireNonNull(providerMessageId, "providerMessageId");
            Objects.requireNonNull(status, "status");
        }

        /** A report that says nothing about opting out: the 1.0 form, kept for plugins built against it. */
        public DeliveryUpdate(String providerMessageId, DeliveryStatus status, String errorCode, String reason) {
            this(providerMessageId, status, errorCode, reason, false);
        }
    }

    /**
     * A voicemail, or part of one: recording and transcription may arrive in separate calls, in any order,
     * tied together by {@code providerCallId}. The part sent when the call comes in names the caller; the app
     * keeps parts that arrive before it and joins them when it comes.
     *
     * @param providerCallId the provider's id for the call
     * @param from           the caller's number, E.164, or {@code null} when this part does not say
     * @param to             the line's number, or {@code null}
     * @param recording      the recording, or {@code null} in a transcription-only part
     * @param transcript     the automatic transcription, or {@code null}
     * @param length         the recording's length, or {@code null}
     */
    record Voicemail(String providerCallId, String from, String to, Media recording, String transcript,
                     Duration length) implements ProviderEvent {
        /** Checks the call id is present. */
        public Voicemail {
            Objects.requireNonNull(providerCallId, "providerCallId");
        }
    }
}
