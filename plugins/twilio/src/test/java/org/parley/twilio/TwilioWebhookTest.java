package org.parley.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.plugin.DeliveryStatus;
import org.parley.plugin.MalformedWebhookException;
import org.parley.plugin.Media;
import org.parley.plugin.ProviderEvent;
import org.parley.plugin.ProviderEvent.DeliveryUpdate;
import org.parley.plugin.ProviderEvent.InboundMessage;
import org.parley.plugin.ProviderEvent.Voicemail;
import org.parley.plugin.WebhookOutcome;
import org.parley.plugin.WebhookRequest;
import org.parley.plugin.testkit.FakeLine;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Twilio's webhooks read into Parley's events; WireMock stands in for Twilio's media host. */
class TwilioWebhookTest {

    @RegisterExtension
    static WireMockExtension media = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String PATIENT = "+15557654321";
    private static final String CALL = "CA11111111111111111111111111111111";

    private final TwilioProvider provider = new TwilioProvider(
            TwilioProvider.restClientsOver(new WireMockRoutedHttpClient(media.baseUrl())));
    private FakeLine line = TwilioLine.configured();

    @Test
    void sentDeliveredUndeliveredAndReadReportsBecomeDeliveryUpdates() throws Exception {
        assertThat(status("sent")).isEqualTo(new DeliveryUpdate("SM1", DeliveryStatus.SENT, null, null, false));
        assertThat(status("delivered")).isEqualTo(new DeliveryUpdate("SM1", DeliveryStatus.DELIVERED, null, null, false));
        assertThat(status("read")).isEqualTo(new DeliveryUpdate("SM1", DeliveryStatus.READ, null, null, false));
        assertThat(status("failed").status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(status("canceled").status()).isEqualTo(DeliveryStatus.FAILED);
    }

    @Test
    void anUndeliveredReportCarriesTwiliosErrorCodeAndASentenceForStaff() throws Exception {
        WebhookOutcome outcome = webhook("status", fields("MessageSid", "SM1", "MessageStatus", "undelivered",
                "ErrorCode", "30003", "To", PATIENT));

        assertThat(outcome.events()).containsExactly(new DeliveryUpdate("SM1", DeliveryStatus.UNDELIVERED, "30003",
                "The phone is switched off or out of reach", false));
    }

    @Test
    void anErrorMessageTwilioSendsIsCarriedWithoutTheNumber() throws Exception {
        WebhookOutcome outcome = webhook("status", fields("MessageSid", "SM1", "MessageStatus", "failed",
                "ErrorCode", "30008", "ErrorMessage", "Unknown error sending to " + PATIENT));

        DeliveryUpdate update = (DeliveryUpdate) outcome.events().get(0);
        assertThat(update.errorCode()).isEqualTo("30008");
        assertThat(update.reason()).startsWith("Unknown error sending to").doesNotContain("5557654321");
    }

    @Test
    void aFailureBecauseThePatientRepliedStopMarksTheRecipientOptedOut() throws Exception {
        WebhookOutcome outcome = webhook("status", fields("MessageSid", "SM1", "MessageStatus", "undelivered",
                "ErrorCode", "21610"));

        assertThat(outcome.events()).singleElement()
                .isInstanceOfSatisfying(DeliveryUpdate.class, u -> assertThat(u.recipientOptedOut()).isTrue());
    }

    @Test
    void statusesBeforeSentAreAnsweredWithoutAnEvent() throws Exception {
        for (String early : List.of("queued", "accepted", "sending", "scheduled")) {
            WebhookOutcome outcome = webhook("status", fields("MessageSid", "SM1", "MessageStatus", early));

            assertThat(outcome.events()).as(early).isEmpty();
            assertThat(outcome.response().status()).isEqualTo(200);
        }
    }

    @Test
    void deliveredArrivingBeforeSentIsJustReportedBothTimes() throws Exception {
        // Twilio's callbacks race; the app keeps the furthest status, the plugin only reports
        assertThat(status("delivered").status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(status("sent").status()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void anIncomingTextBecomesAnInboundMessage() throws Exception {
        WebhookOutcome outcome = webhook("sms", fields("MessageSid", "SM2", "From", PATIENT, "To", TwilioLine.NUMBER,
                "Body", "Can I move my appointment?", "NumMedia", "0"));

        assertThat(outcome.events()).containsExactly(new InboundMessage("SM2", PATIENT, TwilioLine.NUMBER,
                "Can I move my appointment?", List.of()));
        assertThat(outcome.response().status()).isEqualTo(200);
        assertThat(outcome.response().body()).isEmpty();
    }

    @Test
    void picturesOfAnIncomingMmsAreFetchedWithBasicAuthAndKeepTheirContentTypes() throws Exception {
        String first = "/2010-04-01/Accounts/" + TwilioLine.ACCOUNT_SID + "/Messages/MM3/Media/ME1";
        String second = "/2010-04-01/Accounts/" + TwilioLine.ACCOUNT_SID + "/Messages/MM3/Media/ME2";
        media.stubFor(get(urlEqualTo(first)).willReturn(aResponse().withHeader("Content-Type", "image/jpeg")
                .withBody(new byte[] {1, 2, 3})));
        media.stubFor(get(urlEqualTo(second)).willReturn(aResponse().withHeader("Content-Type", "application/pdf")
                .withBody(new byte[] {4, 5})));

        WebhookOutcome outcome = webhook("sms", fields("MessageSid", "MM3", "From", PATIENT, "To", TwilioLine.NUMBER,
                "Body", "", "NumMedia", "2",
                "MediaUrl0", media.baseUrl() + first, "MediaContentType0", "image/jpeg",
                "MediaUrl1", media.baseUrl() + second, "MediaContentType1", "application/pdf"));

        InboundMessage message = (InboundMessage) outcome.events().get(0);
        assertThat(message.text()).isEmpty();
        assertThat(message.media()).extracting(Media::contentType).containsExactly("image/jpeg", "application/pdf");
        assertThat(message.media().get(0).data()).containsExactly(1, 2, 3);
        assertThat(message.media().get(1).data()).containsExactly(4, 5);
        BasicCredentials account = new BasicCredentials(TwilioLine.ACCOUNT_SID, TwilioLine.AUTH_TOKEN);
        media.verify(getRequestedFor(urlEqualTo(first)).withBasicAuth(account));
        media.verify(getRequestedFor(urlEqualTo(second)).withBasicAuth(account));
    }

    @Test
    void aPictureTheAppCouldNotFetchIsFetchedAgainWithBasicAuth() throws Exception {
        String path = "/2010-04-01/Accounts/" + TwilioLine.ACCOUNT_SID + "/Messages/MM5/Media/ME1";
        media.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", "image/png")
                .withBody(new byte[] {7, 8})));

        Media again = provider.fetchMediaAgain(line, URI.create(media.baseUrl() + path));

        assertThat(again.data()).containsExactly(7, 8);
        media.verify(getRequestedFor(urlEqualTo(path))
                .withBasicAuth(new BasicCredentials(TwilioLine.ACCOUNT_SID, TwilioLine.AUTH_TOKEN)));
    }

    @Test
    void aPictureOverTheAppsLimitIsPassedOnAsTooLarge() throws Exception {
        media.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withHeader("Content-Type", "image/png")
                .withBody(new byte[2048])));

        WebhookOutcome outcome = provider.handleWebhook(TwilioLine.configured(1024), "sms", TwilioSignatures.signedPost(
                url("sms"), fields("MessageSid", "MM4", "From", PATIENT, "NumMedia", "1",
                        "MediaUrl0", media.baseUrl() + "/big", "MediaContentType0", "image/png")));

        Media picture = ((InboundMessage) outcome.events().get(0)).media().get(0);
        assertThat(picture.isTooLarge()).isTrue();
        assertThat(picture.contentType()).isEqualTo("image/png");
        assertThat(picture.size()).isEqualTo(2048);
    }

    @Test
    void aPictureTwilioWillNotHandOverRefusesTheWebhookNamingWhichPicture() {
        media.stubFor(get(urlEqualTo("/gone")).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> webhook("sms", fields("MessageSid", "MM5", "From", PATIENT, "NumMedia", "1",
                "MediaUrl0", media.baseUrl() + "/gone")))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("picture 1 of 1").hasMessageNotContaining("5557654321");
    }

    @Test
    void aWebhookWithoutItsIdsIsMalformedNamingTheMissingField() {
        assertThatThrownBy(() -> webhook("sms", fields("MessageSid", "SM6", "Body", "hi")))
                .isInstanceOf(MalformedWebhookException.class).hasMessage("missing field 'From'");
        assertThatThrownBy(() -> webhook("sms", fields("From", PATIENT, "Body", "hi")))
                .isInstanceOf(MalformedWebhookException.class).hasMessage("missing field 'MessageSid'");
        assertThatThrownBy(() -> webhook("status", fields("MessageSid", "SM6")))
                .isInstanceOf(MalformedWebhookException.class).hasMessage("missing field 'MessageStatus'");
        assertThatThrownBy(() -> webhook("status", fields("MessageStatus", "sent")))
                .isInstanceOf(MalformedWebhookException.class).hasMessage("missing field 'MessageSid'");
        assertThatThrownBy(() -> webhook("sms", fields("MessageSid", "MM7", "From", PATIENT, "NumMedia", "1")))
                .isInstanceOf(MalformedWebhookException.class).hasMessage("missing field 'MediaUrl0'");
        assertThatThrownBy(() -> webhook("voice", fields("From", PATIENT)))
                .isInstanceOf(MalformedWebhookException.class).hasMessage("missing field 'CallSid'");
        assertThatThrownBy(() -> webhook("recording", fields("CallSid", CALL, "RecordingStatus", "completed")))
                .isInstanceOf(MalformedWebhookException.class).hasMessage("missing field 'RecordingUrl'");
    }

    @Test
    void aCallIsAnsweredWithTheGreetingAndARecordingThatCallsBackForTheRecordingAndItsTranscript() throws Exception {
        WebhookOutcome outcome = webhook("voice", fields("CallSid", CALL, "From", PATIENT, "To", TwilioLine.NUMBER,
                "CallStatus", "ringing"));

        assertThat(outcome.response().contentType()).isEqualTo("application/xml");
        Document twiml = xml(outcome.response().body());
        assertThat(twiml.getDocumentElement().getTagName()).isEqualTo("Response");
        assertThat(twiml.getElementsByTagName("Say").item(0).getTextContent()).isEqualTo(TwilioProvider.DEFAULT_GREETING);
        Element record = (Element) twiml.getElementsByTagName("Record").item(0);
        assertThat(record.getAttribute("playBeep")).isEqualTo("true");
        assertThat(record.getAttribute("action")).isEqualTo("https://parley.example.org/webhooks/front-desk/voice");
        assertThat(record.getAttribute("maxLength")).isEqualTo("120");
        assertThat(record.getAttribute("transcribe")).isEqualTo("true");
        assertThat(record.getAttribute("recordingStatusCallback"))
                .isEqualTo("https://parley.example.org/webhooks/front-desk/recording");
        assertThat(record.getAttribute("transcribeCallback"))
                .isEqualTo("https://parley.example.org/webhooks/front-desk/transcription");
        assertThat(outcome.events()).containsExactly(new Voicemail(CALL, PATIENT, TwilioLine.NUMBER, null, null, null));
    }

    @Test
    void theLinesOwnGreetingIsSaidAndEscapedAsXml() throws Exception {
        line = line.with(TwilioProvider.GREETING, "Dr. Smith & Partners: leave a message <after> the tone.");

        WebhookOutcome outcome = webhook("voice", fields("CallSid", CALL, "From", PATIENT, "To", TwilioLine.NUMBER));

        assertThat(xml(outcome.response().body()).getElementsByTagName("Say").item(0).getTextContent())
                .isEqualTo("Dr. Smith & Partners: leave a message <after> the tone.");
    }

    @Test
    void whenTheRecordingEndsTheCallIsHungUpInsteadOfGreetedAgain() throws Exception {
        // Twilio calls the <Record> action (the voice URL) with the recording's details
        WebhookOutcome outcome = webhook("voice", fields("CallSid", CALL, "From", PATIENT, "To", TwilioLine.NUMBER,
                "RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1",
                "RecordingDuration", "12", "Digits", "hangup"));

        Document twiml = xml(outcome.response().body());
        assertThat(twiml.getElementsByTagName("Hangup").getLength()).isEqualTo(1);
        assertThat(twiml.getElementsByTagName("Record").getLength()).isZero();
        assertThat(outcome.events()).isEmpty();
    }

    @Test
    void aCompletedRecordingIsFetchedAsMp3WithBasicAuth() throws Exception {
        String recording = "/2010-04-01/Accounts/" + TwilioLine.ACCOUNT_SID + "/Recordings/RE1";
        media.stubFor(get(urlEqualTo(recording + ".mp3")).willReturn(aResponse()
                .withHeader("Content-Type", "audio/mpeg").withBody(new byte[] {9, 9, 9})));

        WebhookOutcome outcome = webhook("recording", recordingFields(recording));

        Voicemail voicemail = (Voicemail) outcome.events().get(0);
        assertThat(voicemail.providerCallId()).isEqualTo(CALL);
        assertThat(voicemail.recording().contentType()).isEqualTo("audio/mpeg");
        assertThat(voicemail.recording().data()).containsExactly(9, 9, 9);
        assertThat(voicemail.length()).isEqualTo(Duration.ofSeconds(14));
        assertThat(voicemail.transcript()).isNull();
        media.verify(getRequestedFor(urlEqualTo(recording + ".mp3"))
                .withBasicAuth(new BasicCredentials(TwilioLine.ACCOUNT_SID, TwilioLine.AUTH_TOKEN)));
    }

    @Test
    void aRecordingThatIsNotCompletedIsNoNews() throws Exception {
        WebhookOutcome outcome = webhook("recording", fields("CallSid", CALL, "RecordingStatus", "failed",
                "RecordingUrl", media.baseUrl() + "/missing"));

        assertThat(outcome.events()).isEmpty();
        assertThat(media.getAllServeEvents()).isEmpty();
    }

    @Test
    void aCompletedTranscriptionBecomesTheVoicemailsTranscript() throws Exception {
        WebhookOutcome outcome = webhook("transcription", transcriptionFields("completed"));

        assertThat(outcome.events()).containsExactly(new Voicemail(CALL, PATIENT, TwilioLine.NUMBER, null,
                "Hi, this is about my prescription.", null));
    }

    @Test
    void aFailedTranscriptionIsNoNews() throws Exception {
        assertThat(webhook("transcription", transcriptionFields("failed")).events()).isEmpty();
    }

    @Test
    void recordingAndTranscriptionInEitherOrderEachGiveTheirPartOfTheSameCall() throws Exception {
        String recording = "/2010-04-01/Accounts/" + TwilioLine.ACCOUNT_SID + "/Recordings/RE2";
        media.stubFor(get(urlEqualTo(recording + ".mp3")).willReturn(aResponse()
                .withHeader("Content-Type", "audio/mpeg").withBody(new byte[] {7})));

        List<ProviderEvent> transcriptFirst = List.of(
                webhook("transcription", transcriptionFields("completed")).events().get(0),
                webhook("recording", recordingFields(recording)).events().get(0));
        List<ProviderEvent> recordingFirst = List.of(
                webhook("recording", recordingFields(recording)).events().get(0),
                webhook("transcription", transcriptionFields("completed")).events().get(0));

        for (List<ProviderEvent> parts : List.of(transcriptFirst, recordingFirst)) {
            assertThat(parts).allSatisfy(part -> assertThat(((Voicemail) part).providerCallId()).isEqualTo(CALL));
            assertThat(parts).filteredOn(p -> ((Voicemail) p).recording() != null).singleElement()
                    .satisfies(p -> assertThat(((Voicemail) p).transcript()).isNull());
            assertThat(parts).filteredOn(p -> ((Voicemail) p).transcript() != null).singleElement()
                    .satisfies(p -> assertThat(((Voicemail) p).recording()).isNull());
        }
    }

    @Test
    void anEventTwilioDoesNotSendIsMalformed() {
        assertThatThrownBy(() -> webhook("fax", fields("CallSid", CALL)))
                .isInstanceOf(MalformedWebhookException.class).hasMessage("Twilio has no 'fax' webhook");
    }

    private DeliveryUpdate status(String status) throws MalformedWebhookException {
        WebhookOutcome outcome = webhook("status", fields("MessageSid", "SM1", "MessageStatus", status));
        assertThat(outcome.events()).hasSize(1);
        return (DeliveryUpdate) outcome.events().get(0);
    }

    private Map<String, String> recordingFields(String recordingPath) {
        return fields("AccountSid", TwilioLine.ACCOUNT_SID, "CallSid", CALL, "RecordingSid", "RE1",
                "RecordingUrl", media.baseUrl() + recordingPath, "RecordingStatus", "completed",
                "RecordingDuration", "14", "RecordingChannels", "1", "RecordingSource", "RecordVerb");
    }

    private static Map<String, String> transcriptionFields(String status) {
        return fields("CallSid", CALL, "From", PATIENT, "To", TwilioLine.NUMBER, "TranscriptionSid", "TR1",
                "TranscriptionStatus", status, "TranscriptionText", "Hi, this is about my prescription.",
                "RecordingSid", "RE1");
    }

    private WebhookOutcome webhook(String event, Map<String, String> fields) throws MalformedWebhookException {
        WebhookRequest request = TwilioSignatures.signedPost(url(event), fields);
        // the app only hands on what the plugin finds authentic
        assertThat(provider.isAuthentic(line, request)).isTrue();
        return provider.handleWebhook(line, event, request);
    }

    private URI url(String event) {
        return line.webhookUrl(event);
    }

    static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
