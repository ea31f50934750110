package org.parley.vonage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.plugin.MalformedWebhookException;
import org.parley.plugin.ProviderEvent.Voicemail;
import org.parley.plugin.ProviderEvent;
import org.parley.plugin.WebhookOutcome;
import org.parley.plugin.WebhookRequest;
import org.parley.plugin.testkit.FakeLine;

class VoicemailTest extends AbstractVonageTest {

    private static final String CALL = "CON-f972836a-550f-45fa-956c-12a2ab5b7d22";
    private static final byte[] AUDIO = {'I', 'D', '3', 4, 0, 0, 0, 0, 1, 2, 3};
    private static final String TRANSCRIPT = """
            {"channels": [{"transcript": [
                {"sentence": "Hi, this is Ana Lopez.", "raw_sentence": "hi this is ana lopez", "duration": 1.4},
                {"sentence": "Please call me back about my test results.", "duration": 2.1}],
              "duration": 4, "audio_duration": 4}]}""";

    @BeforeEach
    void vonageHoldsTheRecordingAndItsTranscription() {
        vonage.stubFor(get(urlEqualTo("/v1/files/recording-1")).willReturn(aResponse()
                .withHeader("Content-Type", "audio/mpeg").withBody(AUDIO)));
        vonage.stubFor(get(urlEqualTo("/v1/files/transcript-1")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(TRANSCRIPT)));
    }

    @Test
    void anAnsweredCallHearsTheGreetingAndIsRecordedAfterABeepWithTranscription() throws Exception {
        WebhookOutcome outcome = provider.handleWebhook(line, "answer", answer());

        assertThat(outcome.response().status()).isEqualTo(200);
        assertThat(outcome.response().contentType()).isEqualTo("application/json");
        JsonNode ncco = new ObjectMapper().readTree(outcome.response().body());
        assertThat(ncco.isArray()).isTrue();
        assertThat(ncco).hasSize(2);
        assertThat(ncco.get(0).path("action").asText()).isEqualTo("talk");
        assertThat(ncco.get(0).path("text").asText()).isEqualTo(VonageProvider.DEFAULT_GREETING);
        JsonNode record = ncco.get(1);
        assertThat(record.path("action").asText()).isEqualTo("record");
        assertThat(record.path("beepStart").asBoolean()).isTrue();
        assertThat(record.path("endOnSilence").asInt()).isEqualTo(3);
        assertThat(record.path("eventUrl").get(0).asText())
                .isEqualTo("https://parley.example/webhooks/front-desk/recording");
        assertThat(record.path("transcription").path("eventUrl").get(0).asText())
                .isEqualTo("https://parley.example/webhooks/front-desk/transcription");
        assertThat(record.path("transcription").path("language").asText()).isEqualTo("en-US");
    }

    @Test
    void anAnsweredCallTellsParleyWhoCalledWhichLine() throws MalformedWebhookException {
        WebhookOutcome outcome = provider.handleWebhook(line, "answer", answer());

        assertThat(outcome.events()).containsExactly(
                new Voicemail(CALL, "+14155550123", "+14155550100", null, null, null));
    }

    @Test
    void theLinesOwnGreetingIsSpokenWhenOneIsSet() throws Exception {
        FakeLine withGreeting = line.with(VonageProvider.GREETING, "Dr Smith's office is closed today.");

        WebhookOutcome outcome = provider.handleWebhook(withGreeting, "answer", answer());

        JsonNode ncco = new ObjectMapper().readTree(outcome.response().body());
        assertThat(ncco.get(0).path("text").asText()).isEqualTo("Dr Smith's office is closed today.");
    }

    @Test
    void aCallerWhoWithholdsTheirNumberStillGetsAVoicemailWithoutACaller() throws MalformedWebhookException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("to", "14155550100");
        query.put("conversation_uuid", CALL);

        WebhookOutcome outcome = provider.handleWebhook(line, "answer", SignedRequests.get("answer", query, "{}"));

        assertThat(outcome.events()).containsExactly(new Voicemail(CALL, null, "+14155550100", null, null, null));
    }

    @Test
    void anAnswerWebhookWithoutTheCallIsMalformed() {
        Map<String, String> query = Map.of("from", "14155550123");

        assertThatThrownBy(() -> provider.handleWebhook(line, "answer", SignedRequests.get("answer", query, "{}")))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("missing field 'conversation_uuid'");
    }

    @Test
    void theRecordingIsDownloadedWithTheApplicationsJwtAndCarriesItsLength() throws MalformedWebhookException {
        List<ProviderEvent> events = provider.handleWebhook(line, "recording", recording()).events();

        assertThat(events).singleElement().isInstanceOfSatisfying(Voicemail.class, part -> {
            assertThat(part.providerCallId()).isEqualTo(CALL);
            assertThat(part.from()).isNull();
            assertThat(part.transcript()).isNull();
            assertThat(part.recording().contentType()).isEqualTo("audio/mpeg");
            assertThat(part.recording().data()).isEqualTo(AUDIO);
            assertThat(part.length()).isEqualTo(Duration.ofSeconds(12));
        });
        vonage.verify(getRequestedFor(urlEqualTo("/v1/files/recording-1"))
                .withHeader("Authorization", matching("Bearer ey.+")));
    }

    @Test
    void theTranscriptionIsFetchedWithTheApplicationsJwtAndItsSentencesJoined() throws MalformedWebhookException {
        List<ProviderEvent> events = provider.handleWebhook(line, "transcription", transcription()).events();

        assertThat(events).containsExactly(new Voicemail(CALL, null, null, null,
                "Hi, this is Ana Lopez. Please call me back about my test results.", null));
        vonage.verify(getRequestedFor(urlEqualTo("/v1/files/transcript-1"))
                .withHeader("Authorization", matching("Bearer ey.+")));
    }

    @Test
    void recordingThenTranscriptionGiveTwoPartsOfTheSameCall() throws MalformedWebhookException {
        Voicemail audio = (Voicemail) provider.handleWebhook(line, "recording", recording()).events().get(0);
        Voicemail words = (Voicemail) provider.handleWebhook(line, "transcription", transcription()).events().get(0);

        assertThat(List.of(audio.providerCallId(), words.providerCallId())).containsOnly(CALL);
        assertThat(audio.recording()).isNotNull();
        assertThat(audio.transcript()).isNull();
        assertThat(words.recording()).isNull();
        assertThat(words.transcript()).startsWith("Hi, this is Ana Lopez.");
    }

    @Test
    void transcriptionBeforeRecordingGivesTheSameTwoParts() throws MalformedWebhookException {
        Voicemail words = (Voicemail) provider.handleWebhook(line, "transcription", transcription()).events().get(0);
        Voicemail audio = (Voicemail) provider.handleWebhook(line, "recording", recording()).events().get(0);

        assertThat(List.of(words.providerCallId(), audio.providerCallId())).containsOnly(CALL);
        assertThat(words.transcript()).isNotBlank();
        assertThat(words.recording()).isNull();
        assertThat(audio.recording()).isNotNull();
        assertThat(audio.transcript()).isNull();
    }

    @Test
    void aTranscriptionThatCameEmptyIsRefusedSoVonageSendsItAgain() {
        // what a host that could not fetch it hands over (plugin API 1.4.0): an empty placeholder
        vonage.stubFor(get(urlEqualTo("/v1/files/transcript-1")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(new byte[0])));

        assertThatThrownBy(() -> provider.handleWebhook(line, "transcription", transcription()))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("the transcription could not be fetched (nothing came)");
    }

    @Test
    void aFailedTranscriptionAddsNothing() throws MalformedWebhookException {
        WebhookOutcome outcome = provider.handleWebhook(line, "transcription", SignedRequests.post("transcription", """
                {"conversation_uuid": "%s", "type": "transcription", "recording_uuid": "r-1",
                 "status": "failed"}""".formatted(CALL)));

        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.response().status()).isEqualTo(200);
    }

    @Test
    void aRecordingWithoutItsUrlIsMalformed() {
        assertThatThrownBy(() -> provider.handleWebhook(line, "recording", SignedRequests.post("recording", """
                {"conversation_uuid": "%s", "recording_uuid": "r-1"}""".formatted(CALL))))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("missing field 'recording_url'");
    }

    @Test
    void aRecordingWithoutItsCallIsMalformed() {
        assertThatThrownBy(() -> provider.handleWebhook(line, "recording", SignedRequests.post("recording", """
                {"recording_url": "%s/v1/files/recording-1"}""".formatted(vonage.baseUrl()))))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("missing field 'conversation_uuid'");
    }

    @Test
    void aTranscriptionWithoutItsUrlIsMalformed() {
        assertThatThrownBy(() -> provider.handleWebhook(line, "transcription",
                SignedRequests.post("transcription", "{\"conversation_uuid\": \"" + CALL + "\"}")))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("missing field 'transcription_url'");
    }

    @Test
    void callProgressEventsAreAcknowledgedAndIgnored() throws MalformedWebhookException {
        WebhookOutcome outcome = provider.handleWebhook(line, "event", SignedRequests.post("event", """
                {"from": "14155550123", "to": "14155550100", "uuid": "u-1", "conversation_uuid": "%s",
                 "status": "completed", "direction": "inbound", "timestamp": "2025-02-03T12:14:25Z"}"""
                .formatted(CALL)));

        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.response().status()).isEqualTo(200);
    }

    private static WebhookRequest answer() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("to", "14155550100");
        query.put("from", "14155550123");
        query.put("uuid", "63f61863-4a51-4f6b-86e1-46edeb190391");
        query.put("conversation_uuid", CALL);
        return SignedRequests.get("answer", query, "{}");
    }

    private WebhookRequest recording() {
        return SignedRequests.post("recording", """
                {"start_time": "2025-02-03T12:14:25Z", "recording_url": "%s/v1/files/recording-1",
                 "size": 12222, "recording_uuid": "r-1", "end_time": "2025-02-03T12:14:37Z",
                 "conversation_uuid": "%s", "timestamp": "2025-02-03T12:14:38Z"}"""
                .formatted(vonage.baseUrl(), CALL));
    }

    private WebhookRequest transcription() {
        return SignedRequests.post("transcription", """
                {"conversation_uuid": "%s", "type": "transcription", "recording_uuid": "r-1",
                 "status": "completed", "transcription_url": "%s/v1/files/transcript-1"}"""
                .formatted(CALL, vonage.baseUrl()));
    }
}
