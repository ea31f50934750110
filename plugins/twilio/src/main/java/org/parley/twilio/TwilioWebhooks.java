package org.parley.twilio;

import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parley.plugin.DeliveryStatus;
import org.parley.plugin.LineContext;
import org.parley.plugin.MalformedWebhookException;
import org.parley.plugin.Media;
import org.parley.plugin.MediaFetchException;
import org.parley.plugin.ProviderEvent;
import org.parley.plugin.WebhookOutcome;
import org.parley.plugin.WebhookRequest;
import org.parley.plugin.WebhookResponse;

/**
 * Reads Twilio's webhooks: form posts named as in Twilio's docs ({@code MessageSid}, {@code From}...).
 * Errors name the field, never its value.
 */
final class TwilioWebhooks {

    static final String SMS = "sms";
    static final String STATUS = "status";
    static final String VOICE = "voice";
    static final String RECORDING = "recording";
    static final String TRANSCRIPTION = "transcription";

    static final String OPTED_OUT = "21610";
    static final int MAX_RECORDING_SECONDS = 120;

    private TwilioWebhooks() {
    }

    /** A patient's text ("A message comes in"), with its pictures fetched from Twilio. */
    static WebhookOutcome inboundMessage(LineContext line, Credentials credentials, WebhookRequest request)
            throws MalformedWebhookException {
        String sid = request.requireParameter("MessageSid");
        String from = request.requireParameter("From");
        String to = request.parameter("To").orElse(line.number());
        String text = request.parameter("Body").orElse("");
        int count = number(request, "NumMedia", 0);
        List<Media> media = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            URI uri = url(request, "MediaUrl" + i);
            Media fetched = fetch(line, credentials, uri, "picture " + (i + 1) + " of " + count);
            // Twilio names the type the sender sent; keep it over whatever the download said
            String declared = request.parameter("MediaContentType" + i).filter(s -> !s.isBlank()).orElse(null);
            media.add(declared == null ? fetched
                    : new Media(declared, fetched.fileName(), fetched.size(), fetched.data()));
        }
        return WebhookOutcome.of(new ProviderEvent.InboundMessage(sid, from, to, text, media));
    }

    /** A delivery report on a message Parley sent; the statuses before "sent" are not reported. */
    static WebhookOutcome deliveryStatus(WebhookRequest request) throws MalformedWebhookException {
        String sid = request.requireParameter("MessageSid");
        String value = request.requireParameter("MessageStatus").toLowerCase(Locale.ROOT);
        DeliveryStatus status = switch (value) {
            case "sent" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "undelivered" -> DeliveryStatus.UNDELIVERED;
            case "failed", "canceled" -> DeliveryStatus.FAILED;
            case "read" -> DeliveryStatus.READ;
            // queued, accepted, sending, scheduled: still on its way; anything newer Twilio adds: not ours to know
            default -> null;
        };
        if (status == null) {
            return WebhookOutcome.of();
        }
        String errorCode = request.parameter("ErrorCode").filter(s -> !s.isBlank()).orElse(null);
        String reason = request.parameter("ErrorMessage").filter(s -> !s.isBlank())
                .map(Redaction::withoutPhoneNumbers)
                .orElseGet(() -> DeliveryErrors.describe(errorCode));
        return WebhookOutcome.of(new ProviderEvent.DeliveryUpdate(sid, status, errorCode, reason,
                OPTED_OUT.equals(errorCode)));
    }

    /**
     * A call ("A call comes in"): greet the caller and record a voicemail, which Twilio transcribes. The event
     * names the caller; recording and transcription follow on their own webhooks. When the recording ends,
     * Twilio asks this URL again (the {@code action}), with the recording's details: then the call is hung up.
     */
    static WebhookOutcome incomingCall(LineContext line, String greeting, WebhookRequest request)
            throws MalformedWebhookException {
        String callSid = request.requireParameter("CallSid");
        if (request.parameter("RecordingUrl").isPresent()) {
            return new WebhookOutcome(List.of(), twiml(new VoiceResponse.Builder()
                    .hangup(new Hangup.Builder().build()).build()));
        }
        VoiceResponse answer = new VoiceResponse.Builder()
                .say(new Say.Builder(greeting).build())
                .record(new Record.Builder()
                        .action(line.webhookUrl(VOICE))
                        .playBeep(true)
                        .maxLength(MAX_RECORDING_SECONDS)
                        .recordingStatusCallback(line.webhookUrl(RECORDING))
                        .transcribe(true)
                        .transcribeCallback(line.webhookUrl(TRANSCRIPTION))
                        .build())
                // reached only when nothing was recorded
                .hangup(new Hangup.Builder().build())
                .build();
        ProviderEvent caller = new ProviderEvent.Voicemail(callSid, request.parameter("From").orElse(null),
                request.parameter("To").orElse(null), null, null, null);
        return new WebhookOutcome(List.of(caller), twiml(answer));
    }

    /** The recording of a voicemail, fetched as MP3 once Twilio reports it completed. */
    static WebhookOutcome recording(LineContext line, Credentials credentials, WebhookRequest request)
            throws MalformedWebhookException {
        String callSid = request.requireParameter("CallSid");
        String status = request.parameter("RecordingStatus").orElse("completed").toLowerCase(Locale.ROOT);
        if (!status.equals("completed")) {
            return WebhookOutcome.of();
        }
        URI recordingUrl = url(request, "RecordingUrl");
        URI mp3 = URI.create(recordingUrl + ".mp3");
        Media recording = fetch(line, credentials, mp3, "the recording");
        int seconds = number(request, "RecordingDuration", -1);
        Duration length = seconds < 0 ? null : Duration.ofSeconds(seconds);
        return WebhookOutcome.of(new ProviderEvent.Voicemail(callSid, null, null, recording, null, length));
    }

    /** The transcript of a voicemail; a failed transcription is no news. */
    static WebhookOutcome transcription(WebhookRequest request) throws MalformedWebhookException {
        String callSid = request.requireParameter("CallSid");
        String status = request.requireParameter("TranscriptionStatus").toLowerCase(Locale.ROOT);
        String text = request.parameter("TranscriptionText").orElse("");
        if (!status.equals("completed") || text.isBlank()) {
            return WebhookOutcome.of();
        }
        return WebhookOutcome.of(new ProviderEvent.Voicemail(callSid, request.parameter("From").orElse(null),
                request.parameter("To").orElse(null), null, text, null));
    }

    private static Media fetch(LineContext line, Credentials credentials, URI uri, String what)
            throws MalformedWebhookException {
        try {
            return fetchMedia(line, credentials, uri);
        } catch (MediaFetchException e) {
            // An app older than plugin API 1.4.0 lets this through: it answers 400 and Twilio shows the error in its
            // console. A newer app keeps the text with a placeholder and fetches the picture again later.
            throw new MalformedWebhookException(what + " could not be fetched from Twilio: " + e.getMessage());
        }
    }

    /** Media from Twilio, with the account's credentials. */
    static Media fetchMedia(LineContext line, Credentials credentials, URI uri) throws MediaFetchException {
        return line.media().fetch(uri, Map.of("Authorization", credentials.basicAuthorization()));
    }

    private static URI url(WebhookRequest request, String field) throws MalformedWebhookException {
        String value = request.requireParameter(field);
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new MalformedWebhookException("field '" + field + "' is not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new MalformedWebhookException("field '" + field + "' is not a URL");
        }
    }

    private static int number(WebhookRequest request, String field, int absent) throws MalformedWebhookException {
        String value = request.parameter(field).filter(s -> !s.isBlank()).orElse(null);
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new MalformedWebhookException("field '" + field + "' is not a number");
        }
    }

    private static WebhookResponse twiml(VoiceResponse response) {
        try {
            return WebhookResponse.xml(response.toXml());
        } catch (TwiMLException e) {
            throw new IllegalStateException("TwiML could not be written", e);
        }
    }
}
