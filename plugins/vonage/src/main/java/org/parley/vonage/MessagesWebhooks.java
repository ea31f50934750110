package org.parley.vonage;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.parley.plugin.DeliveryStatus;
import org.parley.plugin.LineContext;
import org.parley.plugin.MalformedWebhookException;
import org.parley.plugin.Media;
import org.parley.plugin.MediaFetchException;
import org.parley.plugin.ProviderEvent;

/**
 * Reads the Messages API's two webhooks: an inbound message (the application's Inbound URL) and a message
 * status (its Status URL).
 */
final class MessagesWebhooks {

    /** The media message types of an inbound SMS/MMS: each carries {@code {type}.url} and maybe a caption. */
    private static final List<String> MEDIA_TYPES = List.of("image", "video", "audio", "file", "vcard");

    /**
     * How Vonage words a rejection because the recipient opted out of texts from the sending number (Opt-Out
     * Assist, a carrier STOP list). Matched on the error's words rather than a numeric code: the code is not
     * reliably documented, and a false match would wrongly stop a patient's texts.
     */
    private static final Pattern OPTED_OUT = Pattern.compile(
            "\\bopt(?:ed)?[ -]?out\\b|\\bunsubscribed\\b|requested not to receive", Pattern.CASE_INSENSITIVE);

    private MessagesWebhooks() {
    }

    /** A patient's text or picture. */
    static ProviderEvent.InboundMessage inbound(LineContext line, WebhookPayload payload, MediaSource media)
            throws MalformedWebhookException {
        String id = payload.require("message_uuid");
        String from = PhoneNumbers.toE164(payload.require("from"));
        if (from == null) {
            throw new MalformedWebhookException("field 'from' is not a phone number");
        }
        String to = payload.text("to").map(PhoneNumbers::toE164).orElse(line.number());
        String type = payload.text("message_type").orElse("text").toLowerCase(Locale.ROOT);
        String text = payload.text("text").orElse("");
        List<Media> attachments = new ArrayList<>();
        if (MEDIA_TYPES.contains(type)) {
            attachments.add(fetch(media, payload.requireUrl(type, "url"), type));
            if (text.isEmpty()) {
                text = payload.text(type, "caption").orElse("");
            }
        }
        if (text.isEmpty() && attachments.isEmpty()) {
            throw new MalformedWebhookException("the message has neither text nor media (message_type '"
                    + (type.matches("[a-z_]{1,20}") ? type : "?") + "')");
        }
        return new ProviderEvent.InboundMessage(id, from, to, text, attachments);
    }

    /**
     * A delivery report; empty for a status Parley has no word for (Vonage may add some), which is answered
     * 200 all the same so that Vonage does not retry it.
     */
    static Optional<ProviderEvent.DeliveryUpdate> status(WebhookPayload payload) throws MalformedWebhookException {
        String id = payload.require("message_uuid");
        DeliveryStatus status = switch (payload.require("status").toLowerCase(Locale.ROOT)) {
            case "submitted" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "rejected" -> DeliveryStatus.FAILED;
            case "undeliverable" -> DeliveryStatus.UNDELIVERED;
            case "read" -> DeliveryStatus.READ;
            default -> null;
        };
        if (status == null) {
            return Optional.empty();
        }
        Optional<String> title = payload.text("error", "title");
        Optional<String> detail = payload.text("error", "detail");
        String code = errorCode(title.orElse(null), payload.text("error", "type").orElse(null));
        String reason = Redaction.redact(detail.or(() -> title).orElse(null));
        boolean optedOut = title.filter(t -> OPTED_OUT.matcher(t).find()).isPresent()
                || detail.filter(d -> OPTED_OUT.matcher(d).find()).isPresent();
        return Optional.of(new ProviderEvent.DeliveryUpdate(id, status, code, reason, optedOut));
    }

    /**
     * Vonage's error code: the title when it is the number ({@code "1250"}), else the fragment of the error
     * type URL ({@code https://developer.vonage.com/api-errors/messages#1250}), else the title itself.
     */
    private static String errorCode(String title, String type) {
        if (title != null && title.matches("\\d{1,6}")) {
            return title;
        }
        if (type != null) {
            int hash = type.lastIndexOf('#');
            if (hash >= 0 && hash < type.length() - 1) {
                String fragment = type.substring(hash + 1);
                if (fragment.matches("[A-Za-z0-9_-]{1,40}")) {
                    return fragment;
                }
            }
        }
        return title == null ? null : Redaction.redact(title);
    }

    private static Media fetch(MediaSource media, URI uri, String type) throws MalformedWebhookException {
        try {
            return media.fetch(uri);
        } catch (MediaFetchException e) {
            throw new MalformedWebhookException("the " + type + " could not be fetched: " + e.getMessage());
        }
    }
}
