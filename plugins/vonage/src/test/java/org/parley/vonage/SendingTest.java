package org.parley.vonage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.vonage.client.HttpConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.plugin.Media;
import org.parley.plugin.OutboundMessage;
import org.parley.plugin.SendResult.FailureKind;
import org.parley.plugin.SendResult;
import org.parley.plugin.SentCheck;

class SendingTest extends AbstractVonageTest {

    private static final String MESSAGE_UUID = "11111111-2222-4333-8444-555555555555";
    private static final String PATIENT = "+14155550123";
    private static final String TEXT = "Your lab results are ready, please call us.";

    @Test
    void aTextGoesOutThroughTheMessagesApiWithTheMessageKeyAsClientRefAndVonagesUuidComesBack() {
        acceptMessages();

        SendResult result = provider.send(line, text("msg-key-1"));

        assertThat(result).isEqualTo(SendResult.accepted(MESSAGE_UUID));
        vonage.verify(postRequestedFor(urlEqualTo("/v1/messages")).withRequestBody(equalToJson("""
                {"channel": "sms", "message_type": "text", "from": "14155550100", "to": "14155550123",
                 "text": "%s", "client_ref": "msg-key-1",
                 "webhook_url": "https://parley.example/webhooks/front-desk/status"}
                """.formatted(TEXT), true, true)));
    }

    @Test
    void theMessageIsAuthorisedWithAJwtOfTheApplicationSignedByItsPrivateKey() {
        acceptMessages();

        provider.send(line, text("msg-key-1"));

        LoggedRequest request = vonage.findAll(postRequestedFor(urlEqualTo("/v1/messages"))).get(0);
        String authorization = request.getHeader("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        DecodedJWT jwt = JWT.require(Algorithm.RSA256(TestKeys.publicKey(), null)).build()
                .verify(authorization.substring(7));
        assertThat(jwt.getClaim("application_id").asString()).isEqualTo(SignedRequests.APPLICATION_ID);
    }

    @Test
    void aRetryIsSentWithTheSameClientRefSoVonageCanTellItIsTheSameMessage() {
        acceptMessages();

        provider.send(line, text("msg-key-7"));
        provider.send(line, text("msg-key-7"));

        vonage.verify(2, postRequestedFor(urlEqualTo("/v1/messages"))
                .withRequestBody(matching(".*\"client_ref\":\"msg-key-7\".*")));
    }

    @Test
    void manyMessagesSentAtOnceFromSeveralThreadsAllGoThrough() throws Exception {
        acceptMessages();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<SendResult>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String key = "msg-key-" + i;
                results.add(threads.submit(() -> provider.send(line, text(key))));
            }
            for (Future<SendResult> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(SendResult.accepted(MESSAGE_UUID));
            }
        } finally {
            threads.shutdownNow();
        }
        vonage.verify(40, postRequestedFor(urlEqualTo("/v1/messages")));
    }

    @Test
    void aPictureGoesAsAnMmsImageWithTheTextAsItsCaption() {
        acceptMessages();
        OutboundMessage message = new OutboundMessage("msg-key-2", VonageLine.NUMBER, PATIENT, "Your referral letter",
                List.of(Media.of("image/png", "letter.png", new byte[] {1, 2, 3})), null,
                List.of(URI.create("https://parley.example/public-media/abc123/letter.png")));

        SendResult result = provider.send(line, message);

        assertThat(result).isEqualTo(SendResult.accepted(MESSAGE_UUID));
        vonage.verify(postRequestedFor(urlEqualTo("/v1/messages")).withRequestBody(equalToJson("""
                {"channel": "mms", "message_type": "image", "from": "14155550100", "to": "14155550123",
                 "client_ref": "msg-key-2",
                 "image": {"url": "https://parley.example/public-media/abc123/letter.png",
                           "caption": "Your referral letter"}}
                """, true, true)));
    }

    @Test
    void aFileThatIsNotAPictureIsRefusedWithoutAskingVonage() {
        OutboundMessage message = new OutboundMessage("msg-key-3", VonageLine.NUMBER, PATIENT, "",
                List.of(Media.of("application/pdf", "letter.pdf", new byte[] {1})), null,
                List.of(URI.create("https://parley.example/public-media/abc123/letter.pdf")));

        SendResult result = provider.send(line, message);

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class,
                failed -> assertThat(failed.kind()).isEqualTo(FailureKind.REJECTED));
        assertThat(vonage.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusedCredentialsAreAConfigurationProblemNotWorthRetrying() {
        refuse(401, """
                {"type": "https://developer.vonage.com/api-errors#unauthorized", "title": "Unauthorized",
                 "detail": "You did not provide correct credentials."}""");

        SendResult.Failed failed = failedSend();

        assertThat(failed.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.reason()).contains("application id or private key").contains("Unauthorized");
    }

    @Test
    void aForbiddenApplicationIsAConfigurationProblemToo() {
        refuse(403, """
                {"title": "Forbidden", "detail": "Your account does not have permission to perform this action."}""");

        assertThat(failedSend().kind()).isEqualTo(FailureKind.CONFIGURATION);
    }

    @Test
    void beingRateLimitedIsTemporary() {
        refuse(429, """
                {"type": "https://developer.nexmo.com/api-errors/messages-olympus#1010", "title": "Rate Limit Hit",
                 "detail": "Please wait, then retry your request"}""");

        SendResult.Failed failed = failedSend();

        assertThat(failed.kind()).isEqualTo(FailureKind.TEMPORARY);
        assertThat(failed.code()).isEqualTo("1010");
    }

    @Test
    void aVonageOutageIsTemporary() {
        refuse(500, """
                {"title": "Internal Error", "detail": "An error occurred processing the request"}""");

        assertThat(failedSend().kind()).isEqualTo(FailureKind.TEMPORARY);
    }

    @Test
    void anOutageAnsweredWithoutJsonIsTemporaryToo() {
        vonage.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<html>Service Unavailable</html>")));

        assertThat(failedSend().kind()).isEqualTo(FailureKind.TEMPORARY);
    }

    @Test
    void aSendWhoseAnswerNeverComesHasAnUnknownOutcomeAndIsNotRetriedBlindly() {
        vonage.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse()
                .withFault(Fault.EMPTY_RESPONSE)));

        SendResult.Failed failed = failedSend();

        assertThat(failed.kind()).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
        assertThat(failed.retryable()).isFalse();
    }

    @Test
    void vonageCannotTellWhetherItHasAMessageSoTheAnswerIsAlwaysUnknown() {
        assertThat(provider.findSent(line, text("msg-key-1"), Instant.now()))
                .isEqualTo(SentCheck.unknown("Vonage offers no lookup of sent messages"));
        assertThat(vonage.getAllServeEvents()).as("nothing is sent to find out").isEmpty();
    }

    @Test
    void vonageThatCannotBeReachedIsTemporary() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        VonageProvider unreachable = new VonageProvider(
                HttpConfig.builder().baseUri("http://localhost:" + closedPort).build());

        SendResult result = unreachable.send(line, text("msg-key-1"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.TEMPORARY);
            assertThat(failed.reason()).contains("could not be reached");
        });
    }

    @Test
    void aNumberVonageCallsInvalidIsAnInvalidRecipient() {
        refuse(422, """
                {"type": "https://developer.nexmo.com/api-errors/messages-olympus#1020", "title": "Invalid params",
                 "detail": "The value of one or more parameters is invalid.",
                 "invalid_parameters": [{"name": "to", "reason": "Invalid number 14155550123"}]}""");

        SendResult.Failed failed = failedSend();

        assertThat(failed.kind()).isEqualTo(FailureKind.INVALID_RECIPIENT);
        assertThat(failed.code()).isEqualTo("1020");
    }

    @Test
    void anInvalidRecipientNamedOnlyInTheDetailIsRecognisedToo() {
        refuse(422, """
                {"title": "Invalid message", "detail": "The `to` number 14155550123 is not a valid phone number."}""");

        SendResult.Failed failed = failedSend();

        assertThat(failed.kind()).isEqualTo(FailureKind.INVALID_RECIPIENT);
        assertThat(failed.reason()).doesNotContain("14155550123").doesNotContain("4155550123");
    }

    @Test
    void otherRefusalsAreRejectionsInVonagesWordsWithoutTheMessageOrNumbers() {
        refuse(422, """
                {"type": "https://developer.nexmo.com/api-errors/messages-olympus#1120",
                 "title": "Illegal Sender Address - rejected",
                 "detail": "Due to local regulations, the SenderID 14155550100 was not accepted."}""");

        SendResult.Failed failed = failedSend();

        assertThat(failed.kind()).isEqualTo(FailureKind.REJECTED);
        assertThat(failed.reason()).contains("Illegal Sender Address").doesNotContain("4155550100")
                .doesNotContain(TEXT);
    }

    @Test
    void aLineWithoutAPrivateKeyIsAConfigurationProblem() {
        SendResult result = provider.send(line.with(VonageProvider.PRIVATE_KEY, null), text("msg-key-1"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.CONFIGURATION);
            assertThat(failed.reason()).contains("privateKey");
        });
        assertThat(vonage.getAllServeEvents()).isEmpty();
    }

    @Test
    void aPrivateKeyThatIsNotPemIsAConfigurationProblemAndIsNotQuoted() {
        String garbage = "this-is-not-a-key-at-all";

        SendResult result = provider.send(line.with(VonageProvider.PRIVATE_KEY, garbage), text("msg-key-1"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.CONFIGURATION);
            assertThat(failed.reason()).contains("private key").doesNotContain(garbage);
        });
    }

    @Test
    void anApplicationIdThatIsNotAUuidIsAConfigurationProblem() {
        SendResult result = provider.send(line.with(VonageProvider.APPLICATION_ID, "my-app"), text("msg-key-1"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class,
                failed -> assertThat(failed.kind()).isEqualTo(FailureKind.CONFIGURATION));
    }

    @Test
    void aRecipientThatIsNotAPhoneNumberIsRefusedWithoutAskingVonage() {
        OutboundMessage message = new OutboundMessage("msg-key-1", VonageLine.NUMBER, "+1 (415) call-me", TEXT,
                List.of(), null);

        SendResult result = provider.send(line, message);

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class,
                failed -> assertThat(failed.kind()).isEqualTo(FailureKind.INVALID_RECIPIENT));
        assertThat(vonage.getAllServeEvents()).isEmpty();
    }

    private void acceptMessages() {
        vonage.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message_uuid\": \"" + MESSAGE_UUID + "\"}")));
    }

    private void refuse(int status, String problem) {
        vonage.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/problem+json").withBody(problem)));
    }

    private SendResult.Failed failedSend() {
        SendResult result = provider.send(line, text("msg-key-1"));
        assertThat(result).isInstanceOf(SendResult.Failed.class);
        SendResult.Failed failed = (SendResult.Failed) result;
        assertThat(failed.reason()).doesNotContain(TEXT).doesNotContain("4155550123");
        return failed;
    }

    private static OutboundMessage text(String key) {
        return new OutboundMessage(key, VonageLine.NUMBER, PATIENT, TEXT, List.of(),
                URI.create("https://parley.example/webhooks/front-desk/status"));
    }
}
