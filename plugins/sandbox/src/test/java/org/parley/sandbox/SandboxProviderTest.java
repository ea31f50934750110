package org.parley.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.plugin.DeliveryStatus;
import org.parley.plugin.LineContext;
import org.parley.plugin.LineType;
import org.parley.plugin.MalformedWebhookException;
import org.parley.plugin.Media;
import org.parley.plugin.MediaFetchException;
import org.parley.plugin.MediaFetcher;
import org.parley.plugin.OutboundMessage;
import org.parley.plugin.ProviderEvent;
import org.parley.plugin.SendResult.FailureKind;
import org.parley.plugin.SendResult;
import org.parley.plugin.SentCheck;
import org.parley.plugin.WebhookOutcome;
import org.parley.plugin.WebhookRequest;
import org.parley.plugin.testkit.FakeLine;
import org.parley.plugin.testkit.HttpMedia;

/**
 * The sandbox provider against a stand-in carrier: a small HTTP server on the loopback interface that checks
 * the signature of what it is sent and answers as the test tells it to. Webhooks are handed to the provider as
 * the app would hand them over.
 */
class SandboxProviderTest {

    private static final String SECRET = "line-secret-for-tests";
    private static final String LINE_NUMBER = "+15555550100";
    private static final String PATIENT = "+19292038684";
    private static final URI PUBLIC_BASE = URI.create("https://parley.example.org");

    private final SandboxProvider provider = new SandboxProvider();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Fetch> fetches = new CopyOnWriteArrayList<>();
    private volatile int answerStatus = 200;
    private volatile String answerBody = "MessageId=SB-42";
    private HttpServer carrier;
    private URI carrierUrl;

    /** What the carrier was sent, and whether its signature was right. */
    record Received(String method, URI url, String contentType, Map<String, String> form, boolean signatureValid) {
    }

    record Fetch(URI uri, Map<String, String> headers) {
    }

    @BeforeEach
    void startCarrier() throws IOException {
        carrier = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        carrier.createContext("/carrier/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI url = URI.create("http://127.0.0.1:" + carrier.getAddress().getPort() + exchange.getRequestURI());
            String signature = exchange.getRequestHeaders().getFirst("X-Sandbox-Signature");
            received.add(new Received(exchange.getRequestMethod(), url,
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    parseForm(new String(body, StandardCharsets.UTF_8)),
                    SandboxSignatures.sign(SECRET, url, body).equals(signature)));
            byte[] answer = answerBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-www-form-urlencoded");
            exchange.sendResponseHeaders(answerStatus, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        carrier.start();
        carrierUrl = URI.create("http://127.0.0.1:" + carrier.getAddress().getPort() + "/carrier");
    }

    @AfterEach
    void stopCarrier() {
        carrier.stop(0);
    }

    // --- finding a message whose send has an unknown outcome ------------------------------------------------

    @Test
    void aMessageTheCarrierHasUnderItsKeyIsFoundWithTheCarriersId() {
        answerBody = "MessageId=SB-77";

        SentCheck check = provider.findSent(line(SECRET, carrierUrl.toString()), message("key-found"),
                Instant.parse("2026-12-07T10:00:00Z"));

        assertThat(check).isEqualTo(SentCheck.found("SB-77"));
        assertThat(received).singleElement().satisfies(call -> {
            assertThat(call.url()).isEqualTo(URI.create(carrierUrl + "/lookup"));
            assertThat(call.signatureValid()).as("the lookup is signed like a send").isTrue();
            assertThat(call.form()).containsEntry("IdempotencyKey", "key-found").containsEntry("From", LINE_NUMBER)
                    .doesNotContainKey("Body").doesNotContainKey("To");
        });
    }

    @Test
    void aMessageTheCarrierDoesNotKnowIsCertainlyNotSent() {
        answerStatus = 404;
        answerBody = "ErrorCode=not-found";

        assertThat(provider.findSent(line(SECRET, carrierUrl.toString()), message("key-new"), Instant.now()))
                .isEqualTo(SentCheck.notFound());
    }

    @Test
    void whenTheCarrierCannotAnswerNobodyKnowsWhetherItWasSent() {
        answerStatus = 503;
        answerBody = "ErrorCode=outage&ErrorMessage=the+sandbox+carrier+is+down";

        assertThat(provider.findSent(line(SECRET, carrierUrl.toString()), message("key-down"), Instant.now()))
                .isEqualTo(SentCheck.unknown("the sandbox carrier is down"));
        carrier.stop(0);
        assertThat(provider.findSent(line(SECRET, carrierUrl.toString()), message("key-down"), Instant.now()))
                .isInstanceOf(SentCheck.Unknown.class);
    }

    @Test
    void aCarrierThatTakesTheMessageButNeverAnswersInTimeLeavesTheOutcomeUnknownNotRetryable() throws IOException {
        HttpServer silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        silent.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            // the request arrived; the line drops before any answer
            exchange.close();
        });
        silent.start();
        try {
            SendResult result = provider.send(line(SECRET, "http://127.0.0.1:" + silent.getAddress().getPort()
                    + "/carrier"), message("key-lost"));

            assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
                assertThat(failed.kind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
                assertThat(failed.retryable()).as("never sent again without a lookup").isFalse();
            });
        } finally {
            silent.stop(0);
        }
    }

    // --- sending -------------------------------------------------------------------------------------------

    @Test
    void sendPostsASignedFormToTheCarrierAndReturnsItsMessageId() {
        SendResult result = provider.send(line(SECRET, carrierUrl.toString()), new OutboundMessage("key-1",
                LINE_NUMBER, PATIENT, "Your results are ready & fine", List.of(),
                URI.create("https://parley.example.org/webhooks/sandbox/status")));

        assertThat(result).isEqualTo(new SendResult.Accepted("SB-42"));
        assertThat(received).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.url()).isEqualTo(URI.create(carrierUrl + "/messages"));
            assertThat(call.contentType()).isEqualTo("application/x-www-form-urlencoded");
            assertThat(call.signatureValid()).as("X-Sandbox-Signature matches the line's secret").isTrue();
            assertThat(call.form())
                    .containsEntry("IdempotencyKey", "key-1")
                    .containsEntry("From", LINE_NUMBER)
                    .containsEntry("To", PATIENT)
                    .containsEntry("Body", "Your results are ready & fine")
                    .containsEntry("StatusCallback", "https://parley.example.org/webhooks/sandbox/status");
        });
    }

    @Test
    void aPictureWithAPublicLinkIsSentAsTheLinkForTheCarrierToFetch() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        URI link = URI.create("https://parley.example.org/media/7.1767225600.c2lnbmF0dXJl.png");

        SendResult result = provider.send(line(SECRET, carrierUrl.toString()), new OutboundMessage("key-7",
                LINE_NUMBER, PATIENT, "Your exercises", List.of(Media.of("image/png", "attachment-1.png", png)),
                null, List.of(link)));

        assertThat(result).isEqualTo(new SendResult.Accepted("SB-42"));
        assertThat(received).singleElement().satisfies(call -> assertThat(call.form())
                .containsEntry("MediaUrl", link.toString())
                .doesNotContainKey("MediaData"));
    }

    @Test
    void aPictureWithoutALinkTravelsInTheRequestAsBefore() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};

        provider.send(line(SECRET, carrierUrl.toString()), new OutboundMessage("key-8", LINE_NUMBER, PATIENT, "",
                List.of(Media.of("image/png", "attachment-1.png", png)), null));

        assertThat(received).singleElement().satisfies(call -> assertThat(call.form())
                .containsEntry("MediaContentType", "image/png")
                .containsEntry("MediaData", Base64.getEncoder().encodeToString(png))
                .doesNotContainKey("MediaUrl"));
    }

    @Test
    void aPictureTheCarrierCannotFetchIsAPermanentRejection() {
        answerStatus = 400;
        answerBody = "ErrorCode=media-unavailable&ErrorMessage=the+sandbox+carrier+could+not+fetch+the+picture";

        SendResult result = provider.send(line(SECRET, carrierUrl.toString()), new OutboundMessage("key-9",
                LINE_NUMBER, PATIENT, "", List.of(), null, List.of(URI.create("https://parley.example.org/media/x"))));

        assertThat(result).isEqualTo(SendResult.permanentFailure(SendResult.FailureKind.REJECTED, "media-unavailable",
                "the sandbox carrier could not fetch the picture"));
    }

    @Test
    void withoutACarrierUrlTheSandboxCarrierOfThisParleyIsCalled() throws IOException {
        HttpServer own = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> paths = new CopyOnWriteArrayList<>();
        own.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            byte[] answer = "MessageId=SB-7".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        own.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + own.getAddress().getPort() + "/");
            SendResult result = provider.send(testLine(SECRET, null, base, HttpMedia.failing("no media in this test")), message("key-own"));

            assertThat(result).isEqualTo(new SendResult.Accepted("SB-7"));
            assertThat(paths).containsExactly("/sandbox-carrier/messages");
        } finally {
            own.stop(0);
        }
    }

    @Test
    void aCarrierThatIsDownIsATemporaryFailureWorthRetrying() {
        answerStatus = 503;
        answerBody = "";

        SendResult result = provider.send(line(SECRET, carrierUrl.toString()), message("key-2"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.kind()).isEqualTo(FailureKind.TEMPORARY);
            assertThat(failed.reason()).contains("503");
        });
    }

    @Test
    void aRateLimitIsATemporaryFailure() {
        answerStatus = 429;
        answerBody = "ErrorCode=rate-limited&ErrorMessage=Slow+down";

        SendResult result = provider.send(line(SECRET, carrierUrl.toString()), message("key-2b"));

        assertThat(result).isEqualTo(new SendResult.Failed(FailureKind.TEMPORARY, "rate-limited", "Slow down"));
    }

    @Test
    void anInvalidNumberIsAPermanentInvalidRecipientFailure() {
        answerStatus = 400;
        answerBody = "ErrorCode=invalid-number&ErrorMessage=The+number+cannot+receive+texts";

        SendResult result = provider.send(line(SECRET, carrierUrl.toString()), message("key-3"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.INVALID_RECIPIENT);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.code()).isEqualTo("invalid-number");
            assertThat(failed.reason()).isEqualTo("The number cannot receive texts");
        });
    }

    @Test
    void aPatientWhoOptedOutIsAPermanentOptedOutFailure() {
        answerStatus = 400;
        answerBody = "ErrorCode=opted-out&ErrorMessage=Recipient+replied+STOP";

        SendResult result = provider.send(line(SECRET, carrierUrl.toString()), message("key-4"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.RECIPIENT_OPTED_OUT);
            assertThat(failed.retryable()).isFalse();
        });
    }

    @Test
    void aSignatureTheCarrierRejectsIsAConfigurationFailure() {
        answerStatus = 403;
        answerBody = "ErrorCode=bad-signature";

        SendResult result = provider.send(line(SECRET, carrierUrl.toString()), message("key-5"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.CONFIGURATION);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.reason()).contains("403");
        });
    }

    @Test
    void aCarrierThatCannotBeReachedIsATemporaryFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        SendResult result = provider.send(line(SECRET, "http://127.0.0.1:" + closedPort + "/carrier"),
                message("key-6"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.reason()).isEqualTo("the sandbox carrier cannot be reached");
        });
    }

    @Test
    void aFailureReasonNeverCarriesTheMessageTextOrTheNumber() {
        answerStatus = 500;
        answerBody = "";

        SendResult result = provider.send(line(SECRET, carrierUrl.toString()), message("key-7"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed ->
                assertThat(failed.reason()).doesNotContain(PATIENT).doesNotContain("See you at 9"));
    }

    // --- webhook signatures ----------------------------------------------------------------------------------

    @Test
    void aWebhookSignedWithTheLineSecretIsAuthentic() {
        URI url = PUBLIC_BASE.resolve("/webhooks/sandbox/sms");
        byte[] body = form("MessageId=SM1&From=%2B19292038684&Body=Hi");

        assertThat(provider.isAuthentic(line(SECRET, null), webhook(url, body, SandboxSignatures.sign(SECRET, url, body)))).isTrue();
    }

    @Test
    void aForgedSignatureIsNotAuthentic() {
        URI url = PUBLIC_BASE.resolve("/webhooks/sandbox/sms");
        byte[] body = form("MessageId=SM1&From=%2B19292038684&Body=Hi");

        assertThat(provider.isAuthentic(line(SECRET, null),
                webhook(url, body, SandboxSignatures.sign("someone-elses-secret", url, body)))).isFalse();
        // Signed for another URL (a replay against another line) or with a changed body: not authentic either.
        assertThat(provider.isAuthentic(line(SECRET, null),
                webhook(url, body, SandboxSignatures.sign(SECRET, PUBLIC_BASE.resolve("/webhooks/other/sms"), body)))).isFalse();
        assertThat(provider.isAuthentic(line(SECRET, null),
                webhook(url, form("MessageId=SM1&From=%2B19292038684&Body=Changed"), SandboxSignatures.sign(SECRET, url, body))))
                .isFalse();
    }

    @Test
    void aWebhookWithoutSignatureIsNotAuthentic() {
        URI url = PUBLIC_BASE.resolve("/webhooks/sandbox/sms");
        byte[] body = form("MessageId=SM1&From=%2B19292038684&Body=Hi");

        assertThat(provider.isAuthentic(line(SECRET, null), webhook(url, body, null))).isFalse();
        assertThat(provider.isAuthentic(line(SECRET, null), webhook(url, body, "  "))).isFalse();
    }

    @Test
    void aLineWithoutSecretTrustsNoWebhook() {
        URI url = PUBLIC_BASE.resolve("/webhooks/sandbox/sms");
        byte[] body = form("MessageId=SM1&From=%2B19292038684&Body=Hi");

        // Whatever key a caller guesses, a line with no secret (or a blank one) accepts nothing.
        assertThat(provider.isAuthentic(line(null, null), webhook(url, body, SandboxSignatures.sign(" ", url, body)))).isFalse();
        assertThat(provider.isAuthentic(line("   ", null), webhook(url, body, SandboxSignatures.sign("   ", url, body)))).isFalse();
    }

    // --- reading webhooks ------------------------------------------------------------------------------------

    @Test
    void anSmsWebhookBecomesAnInboundMessage() throws MalformedWebhookException {
        WebhookOutcome outcome = provider.handleWebhook(line(SECRET, null), "sms",
                webhook(Map.of("MessageId", "SM1", "From", PATIENT, "To", LINE_NUMBER, "Body", "Hi there")));

        assertThat(outcome.events()).containsExactly(
                new ProviderEvent.InboundMessage("SM1", PATIENT, LINE_NUMBER, "Hi there", List.of()));
        assertThat(outcome.response().status()).isEqualTo(200);
    }

    @Test
    void anSmsWebhookWithoutToIsForTheLinesOwnNumber() throws MalformedWebhookException {
        WebhookOutcome outcome = provider.handleWebhook(line(SECRET, null), "sms",
                webhook(Map.of("MessageId", "SM2", "From", PATIENT, "Body", "Hi")));

        assertThat(outcome.events()).singleElement().isInstanceOfSatisfying(ProviderEvent.InboundMessage.class,
                message -> assertThat(message.to()).isEqualTo(LINE_NUMBER));
    }

    @Test
    void anSmsWebhookWithoutSenderIsRefusedNamingTheMissingField() {
        assertThatThrownBy(() -> provider.handleWebhook(line(SECRET, null), "sms",
                webhook(Map.of("MessageId", "SM3", "Body", "Hi"))))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("'From'");
    }

    @Test
    void anSmsWebhookWithoutMessageIdIsRefusedNamingTheMissingField() {
        assertThatThrownBy(() -> provider.handleWebhook(line(SECRET, null), "sms",
                webhook(Map.of("From", PATIENT, "Body", "Hi"))))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("'MessageId'");
    }

    @Test
    void anSmsWebhookWithNeitherTextNorPictureIsRefusedWithoutEchoingTheSender() {
        assertThatThrownBy(() -> provider.handleWebhook(line(SECRET, null), "sms",
                webhook(Map.of("MessageId", "SM4", "From", PATIENT, "Body", " "))))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("'Body'")
                .hasMessageNotContaining(PATIENT);
    }

    @Test
    void aPictureMessageIsFetchedThroughTheAppWithASignedRequest() throws MalformedWebhookException {
        URI mediaUrl = URI.create("https://parley.example.org/sandbox-carrier/media/abc123");

        WebhookOutcome outcome = provider.handleWebhook(line(SECRET, null), "sms", webhook(Map.of(
                "MessageId", "MM1", "From", PATIENT, "To", LINE_NUMBER, "MediaUrl", mediaUrl.toString())));

        assertThat(fetches).singleElement().satisfies(fetch -> {
            assertThat(fetch.uri()).isEqualTo(mediaUrl);
            assertThat(fetch.headers()).containsExactly(
                    Map.entry("X-Sandbox-Signature", SandboxSignatures.sign(SECRET, mediaUrl, new byte[0])));
        });
        assertThat(outcome.events()).singleElement().isInstanceOfSatisfying(ProviderEvent.InboundMessage.class,
                message -> {
                    assertThat(message.text()).isEmpty();
                    assertThat(message.media()).singleElement().satisfies(media -> {
                        assertThat(media.contentType()).isEqualTo("image/png");
                        assertThat(media.data()).isEqualTo(new byte[] {1, 2, 3});
                    });
                });
    }

    @Test
    void aPictureThatCannotBeFetchedIsRefusedWithTheReason() {
        FakeLine line = testLine(SECRET, null, PUBLIC_BASE, (uri, headers) -> {
            throw new MediaFetchException("the carrier answered HTTP 404");
        });

        assertThatThrownBy(() -> provider.handleWebhook(line, "sms", webhook(Map.of("MessageId", "MM2",
                "From", PATIENT, "MediaUrl", "https://parley.example.org/sandbox-carrier/media/gone"))))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("could not be fetched")
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void aStatusWebhookBecomesADeliveryUpdate() throws MalformedWebhookException {
        Map<String, DeliveryStatus> expected = new LinkedHashMap<>();
        expected.put("sent", DeliveryStatus.SENT);
        expected.put("delivered", DeliveryStatus.DELIVERED);
        expected.put("undelivered", DeliveryStatus.UNDELIVERED);
        expected.put("failed", DeliveryStatus.FAILED);
        expected.put("read", DeliveryStatus.READ);
        expected.put("Delivered", DeliveryStatus.DELIVERED);

        for (Map.Entry<String, DeliveryStatus> entry : expected.entrySet()) {
            WebhookOutcome outcome = provider.handleWebhook(line(SECRET, null), "status",
                    webhook(Map.of("MessageId", "SB-42", "Status", entry.getKey())));

            assertThat(outcome.events()).as(entry.getKey())
                    .containsExactly(new ProviderEvent.DeliveryUpdate("SB-42", entry.getValue(), null, null));
        }
    }

    @Test
    void aFailedStatusCarriesTheCarriersErrorCodeAndReason() throws MalformedWebhookException {
        WebhookOutcome outcome = provider.handleWebhook(line(SECRET, null), "status", webhook(Map.of(
                "MessageId", "SB-43", "Status", "undelivered", "ErrorCode", "phone-off",
                "ErrorMessage", "The phone is switched off")));

        assertThat(outcome.events()).containsExactly(new ProviderEvent.DeliveryUpdate("SB-43",
                DeliveryStatus.UNDELIVERED, "phone-off", "The phone is switched off"));
    }

    @Test
    void aStatusWebhookWithAnUnknownStatusIsRefused() {
        assertThatThrownBy(() -> provider.handleWebhook(line(SECRET, null), "status",
                webhook(Map.of("MessageId", "SB-44", "Status", "exploded"))))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("'Status'")
                .hasMessageNotContaining("exploded");
    }

    @Test
    void aStatusWebhookWithoutStatusIsRefusedNamingTheMissingField() {
        assertThatThrownBy(() -> provider.handleWebhook(line(SECRET, null), "status",
                webhook(Map.of("MessageId", "SB-45"))))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("'Status'");
    }

    @Test
    void aWebhookForAnEventTheSandboxDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> provider.handleWebhook(line(SECRET, null), "fax",
                webhook(Map.of("MessageId", "SB-46"))))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("'fax'");
    }

    // --- voicemail ---------------------------------------------------------------------------------------------

    @Test
    void aCallNamesTheCallerOfTheVoicemailToCome() throws Exception {
        var outcome = provider.handleWebhook(line(SECRET, null), "voice",
                webhook(Map.of("CallId", "SBC1", "From", PATIENT, "To", LINE_NUMBER)));

        assertThat(outcome.events()).containsExactly(
                new ProviderEvent.Voicemail("SBC1", PATIENT, LINE_NUMBER, null, null, null));
    }

    @Test
    void theRecordingIsFetchedWithASignedRequestAndCarriesItsLength() throws Exception {
        URI recordingUrl = URI.create("https://parley.example.org/sandbox-carrier/media/SBC2");
        var outcome = provider.handleWebhook(line(SECRET, null), "recording", webhook(Map.of(
                "CallId", "SBC2", "RecordingUrl", recordingUrl.toString(), "RecordingDuration", "14")));

        ProviderEvent.Voicemail part = (ProviderEvent.Voicemail) outcome.events().get(0);
        assertThat(part.providerCallId()).isEqualTo("SBC2");
        assertThat(part.from()).isNull();
        assertThat(part.recording()).isNotNull();
        assertThat(part.length()).isEqualTo(Duration.ofSeconds(14));
        assertThat(fetches).singleElement().satisfies(fetch -> {
            assertThat(fetch.uri()).isEqualTo(recordingUrl);
            assertThat(fetch.headers()).containsEntry("X-Sandbox-Signature", SandboxSignatures.sign(SECRET, recordingUrl, new byte[0]));
        });
    }

    @Test
    void theTranscriptArrivesAsAPartOfItsOwn() throws Exception {
        var outcome = provider.handleWebhook(line(SECRET, null), "transcription",
                webhook(Map.of("CallId", "SBC3", "TranscriptionText", "Please call me back about my results")));

        assertThat(outcome.events()).containsExactly(new ProviderEvent.Voicemail("SBC3", null, null, null,
                "Please call me back about my results", null));
    }

    @Test
    void aRecordingWithoutCallIdIsRefusedNamingTheField() {
        assertThatThrownBy(() -> provider.handleWebhook(line(SECRET, null), "recording",
                webhook(Map.of("RecordingUrl", "https://parley.example.org/x"))))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("'CallId'");
    }

    // --- line type and descriptor -----------------------------------------------------------------------------

    @Test
    void theLineTypeFollowsTheNumbersExchangeSoOrdinaryDemoNumbersAreMobiles() {
        LineContext line = line(SECRET, null);
        for (char digit = '0'; digit <= '9'; digit++) {
            assertThat(provider.lookupLineType(line, "+1929203868" + digit)).as("ending in " + digit)
                    .isEqualTo(LineType.MOBILE);
        }
        assertThat(provider.lookupLineType(line, "+15555550123")).isEqualTo(LineType.MOBILE);
        assertThat(provider.lookupLineType(line, "+19292001234")).isEqualTo(LineType.LANDLINE);
        assertThat(provider.lookupLineType(line, "+12122000000")).isEqualTo(LineType.LANDLINE);
        assertThat(provider.lookupLineType(line, "+19292011234")).isEqualTo(LineType.VOIP);
        assertThat(provider.lookupLineType(line, "+442079460200")).isEqualTo(LineType.MOBILE);
        assertThat(provider.lookupLineType(line, "")).isEqualTo(LineType.UNKNOWN);
        assertThat(provider.lookupLineType(line, null)).isEqualTo(LineType.UNKNOWN);
    }

    @Test
    void theDescriptorOffersAGeneratedSecretAndTheTextAndVoiceWebhooks() {
        var descriptor = provider.descriptor();

        assertThat(descriptor.id()).isEqualTo("sandbox");
        assertThat(descriptor.webhookEvents()).containsExactly("sms", "status", "voice", "recording", "transcription");
        assertThat(descriptor.properties()).anySatisfy(property -> {
            assertThat(property.name()).isEqualTo("signingSecret");
            assertThat(property.generatedIfBlank()).isTrue();
        });
        assertThat(descriptor.maxTextLength()).isEqualTo(1600);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private OutboundMessage message(String key) {
        return new OutboundMessage(key, LINE_NUMBER, PATIENT, "See you at 9", List.of(), null);
    }

    private FakeLine line(String secret, String carrier) {
        return testLine(secret, carrier, PUBLIC_BASE, (uri, headers) -> {
            fetches.add(new Fetch(uri, Map.copyOf(headers)));
            return Media.of("image/png", "picture.png", new byte[] {1, 2, 3});
        });
    }

    private static WebhookRequest webhook(URI url, byte[] body, String signature) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Content-Type", List.of("application/x-www-form-urlencoded"));
        if (signature != null) {
            // Header names reach the plugin in whatever case the proxy used.
            headers.put("x-sandbox-signature", List.of(signature));
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parseForm(new String(body, StandardCharsets.UTF_8)).forEach((k, v) -> parameters.put(k, List.of(v)));
        return new WebhookRequest("POST", url, headers, parameters, body);
    }

    private static WebhookRequest webhook(Map<String, String> fields) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        fields.forEach((k, v) -> parameters.put(k, List.of(v)));
        return new WebhookRequest("POST", PUBLIC_BASE.resolve("/webhooks/sandbox/x"), Map.of(), parameters,
                new byte[0]);
    }

    private static byte[] form(String encoded) {
        return encoded.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return values;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /** A line as the app describes it to a plugin (the test kit's fake line). */
    private static FakeLine testLine(String secret, String carrier, URI publicBase, MediaFetcher media) {
        return FakeLine.of("sandbox", LINE_NUMBER).withPublicBase(publicBase).withMedia(media)
                .with("signingSecret", secret).with("carrierUrl", carrier);
    }
}
