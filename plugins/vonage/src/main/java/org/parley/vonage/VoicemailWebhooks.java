package org.parley.vonage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vonage.client.voice.ncco.Language;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.RecordAction;
import com.vonage.client.voice.ncco.TalkAction;
import com.vonage.client.voice.ncco.TranscriptionSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import org.parley.plugin.LineContext;
import org.parley.plugin.MalformedWebhookException;
import org.parley.plugin.Media;
import org.parley.plugin.MediaFetchException;
import org.parley.plugin.ProviderEvent;
import org.parley.plugin.WebhookOutcome;
import org.parley.plugin.WebhookResponse;

/**
 * Voicemail through the Voice API. The answer webhook replies with an NCCO that plays the greeting and records
 * after a beep; Vonage then calls the recording webhook with the audio's URL and, once transcribed, the
 * transcription webhook with the text's URL, in either order. Every part names the call by its
 * {@code conversation_uuid}, which is what ties them together.
 */
final class VoicemailWebhooks {

    /** Silence that ends a voicemail, in seconds (Vonage allows 3 to 10). */
    static final int END_ON_SILENCE = 3;
    /** The longest voicemail, in seconds: Vonage's default would record for two hours. */
    static final int MAX_LENGTH = 180;

    private static final ObjectMapper JSON = new ObjectMapper();

    private VoicemailWebhooks() {
    }

    /** A call came in: the caller hears the greeting and is recorded; Parley learns who called. */
    static WebhookOutcome answer(LineContext line, WebhookPayload payload, String greeting)
            throws MalformedWebhookException {
        String callId = payload.text("conversation_uuid").or(() -> payload.text("uuid"))
                .orElseThrow(() -> new MalformedWebhookException("missing field 'conversation_uuid'"));
        String from = payload.text("from").map(PhoneNumbers::toE164).orElse(null);
        String to = payload.text("to").map(PhoneNumbers::toE164).orElse(line.number());
        Ncco ncco = new Ncco(
                TalkAction.builder(greeting).build(),
                RecordAction.builder()
                        .beepStart(true)
                        .endOnSilence(END_ON_SILENCE)
                        .timeOut(MAX_LENGTH)
                        .eventUrl(line.webhookUrl("recording").toString())
                        .transcription(TranscriptionSettings.builder()
                                .eventUrl(line.webhookUrl("transcription").toString())
                                .language(Language.ENGLISH_UNITED_STATES)
                                .build())
                        .build());
        return new WebhookOutcome(List.of(new ProviderEvent.Voicemail(callId, from, to, null, null, null)),
                WebhookResponse.json(ncco.toJson()));
    }

    /** The recording is ready: fetched now, while Vonage keeps it. */
    static ProviderEvent.Voicemail recording(WebhookPayload payload, MediaSource media)
            throws MalformedWebhookException {
        String callId = payload.require("conversation_uuid");
        URI url = payload.requireUrl("recording_url");
        Media recording;
        try {
            recording = media.fetch(url);
        } catch (MediaFetchException e) {
            throw new MalformedWebhookException("the recording could not be fetched: " + e.getMessage());
        }
        return new ProviderEvent.Voicemail(callId, null, null, recording, null, length(payload).orElse(null));
    }

    /**
     * The transcription is ready: its text is fetched from the URL Vonage gives. Empty when Vonage reports no
     * text (a failed transcription, a silent message): there is nothing to add to the voicemail.
     */
    static Optional<ProviderEvent.Voicemail> transcription(WebhookPayload payload, MediaSource media)
            throws MalformedWebhookException {
        String callId = payload.require("conversation_uuid");
        Optional<String> status = payload.text("status").map(s -> s.toLowerCase(Locale.ROOT));
        if (status.isPresent() && !status.get().equals("completed") && !status.get().equals("success")) {
            return Optional.empty();
        }
        URI url = payload.requireUrl("transcription_url");
        Media transcript;
        try {
            transcript = media.fetch(url);
        } catch (MediaFetchException e) {
            throw new MalformedWebhookException("the transcription could not be fetched: " + e.getMessage());
        }
        if (transcript.isTooLarge()) {
            return Optional.empty();
        }
        if (transcript.size() == 0) {
            // A host from plugin API 1.4.0 hands an empty placeholder for media it could not fetch (it fetches
            // pictures again later, not transcripts): answered 400, Vonage sends the webhook again.
            throw new MalformedWebhookException("the transcription could not be fetched (nothing came)");
        }
        String text = transcriptText(transcript.data());
        return text.isBlank() ? Optional.empty()
                : Optional.of(new ProviderEvent.Voicemail(callId, null, null, null, text, null));
    }

    /**
     * The words of a Vonage transcription: {@code {"channels": [{"transcript": [{"sentence": "..."}]}]}},
     * sentences joined in order; a plain-text body is taken as it is.
     */
    static String transcriptText(byte[] body) throws MalformedWebhookException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException notJson) {
            return new String(body, StandardCharsets.UTF_8).strip();
        }
        if (root == null || root.isMissingNode()) {
            return "";
        }
        if (root.isTextual()) {
            return root.asText().strip();
        }
        StringJoiner sentences = new StringJoiner(" ");
        for (JsonNode channel : root.path("channels")) {
            for (JsonNode part : channel.path("transcript")) {
                String sentence = part.path("sentence").asText("").strip();
                if (!sentence.isEmpty()) {
                    sentences.add(sentence);
                }
            }
        }
        if (sentences.length() == 0 && !root.has("channels")) {
            throw new MalformedWebhookException("the transcription is not in Vonage's format");
        }
        return sentences.toString();
    }

    /** The recording's length: {@code duration} in seconds when given, else from its start and end times. */
    private static Optional<Duration> length(WebhookPayload payload) {
        Optional<String> seconds = payload.text("duration").filter(s -> s.matches("\\d{1,6}"));
        if (seconds.isPresent()) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(seconds.get())));
        }
        Optional<String> start = payload.text("start_time");
        Optional<String> end = payload.text("end_time");
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        try {
            Duration length = Duration.between(Instant.parse(start.get()), Instant.parse(end.get()));
            return length.isNegative() ? Optional.empty() : Optional.of(length);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
