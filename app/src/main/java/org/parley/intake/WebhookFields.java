package org.parley.intake;

import java.util.List;
import java.util.Optional;
import org.parley.plugin.Media;
import org.parley.plugin.ProviderEvent;

/**
 * What a signed webhook's events must hold to be stored: ids, numbers and media types no longer than their columns.
 * A value that does not fit is the provider's malformed call, answered 400 naming the field (never its value); before
 * this check it failed inside the transaction, was retried as if it had lost a race and ended in a 503 the provider
 * would retry for ever (found by {@code WebhookPropertiesIT}).
 */
final class WebhookFields {

    /** {@code message.provider_message_id}. */
    static final int MAX_ID = 120;
    /** {@code contact.phone_number}: E.164 has at most 15 digits; short codes and sender ids fit too. */
    static final int MAX_NUMBER = 20;
    /** {@code message_media.content_type}. */
    static final int MAX_CONTENT_TYPE = 120;

    private WebhookFields() {
    }

    /** Why the events cannot be stored, or empty when they can. */
    static Optional<String> problem(List<ProviderEvent> events) {
        for (ProviderEvent event : events) {
            Optional<String> problem = switch (event) {
                case ProviderEvent.InboundMessage inbound -> id(inbound.providerMessageId(), "message id")
                        .or(() -> number(inbound.from(), true))
                        .or(() -> media(inbound.media()));
                case ProviderEvent.Voicemail voicemail -> id(voicemail.providerCallId(), "call id")
                        .or(() -> number(voicemail.from(), false))
                        .or(() -> voicemail.recording() == null ? Optional.empty()
                                : media(List.of(voicemail.recording())));
                case ProviderEvent.DeliveryUpdate update -> id(update.providerMessageId(), "message id");
            };
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> id(String id, String what) {
        if (id.isBlank()) {
            return Optional.of("the " + what + " is empty");
        }
        return id.length() > MAX_ID ? Optional.of("the " + what + " is longer than " + MAX_ID + " characters")
                : Optional.empty();
    }

    private static Optional<String> number(String from, boolean required) {
        if (from == null || from.isBlank()) {
            return required ? Optional.of("the sender's number is empty") : Optional.empty();
        }
        return from.length() > MAX_NUMBER
                ? Optional.of("the sender's number is longer than " + MAX_NUMBER + " characters") : Optional.empty();
    }

    private static Optional<String> media(List<Media> media) {
        return media.stream().anyMatch(m -> m.contentType().length() > MAX_CONTENT_TYPE)
                ? Optional.of("a media type is longer than " + MAX_CONTENT_TYPE + " characters") : Optional.empty();
    }
}
