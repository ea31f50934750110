package org.parley.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.plugin.Media;
import org.parley.plugin.OutboundMessage;
import org.parley.plugin.SendResult.FailureKind;
import org.parley.plugin.SendResult;

/** Sending through Twilio's Messages resource, with WireMock standing in for api.twilio.com. */
class TwilioSendTest {

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String MESSAGES = "/api/2010-04-01/Accounts/" + TwilioLine.ACCOUNT_SID + "/Messages.json";
    private static final String PATIENT = "+15557654321";
    private static final URI STATUS_URL = URI.create("https://parley.example.org/webhooks/front-desk/status");

    private final AtomicInteger clientsMade = new AtomicInteger();
    private final TwilioProvider provider = new TwilioProvider(credentials -> {
        clientsMade.incrementAndGet();
        return TwilioProvider.restClientsOver(new WireMockRoutedHttpClient(twilio.baseUrl())).apply(credentials);
    });

    @Test
    void aTextIsPostedWithToFromBodyAndStatusCallbackUnderBasicAuthAndTwiliosSidComesBack() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(created("SM0123456789abcdef0123456789abcdef")));

        SendResult result = provider.send(TwilioLine.configured(), text("Your results are ready."));

        assertThat(result).isEqualTo(SendResult.accepted("SM0123456789abcdef0123456789abcdef"));
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
                .withBasicAuth(new BasicCredentials(TwilioLine.ACCOUNT_SID, TwilioLine.AUTH_TOKEN))
                .withFormParam("To", equalTo(PATIENT))
                .withFormParam("From", equalTo(TwilioLine.NUMBER))
                .withFormParam("Body", equalTo("Your results are ready."))
                .withFormParam("StatusCallback", equalTo(STATUS_URL.toString())));
    }

    @Test
    void picturesAreSentAsTheirPublicMediaUrlsForTwilioToFetch() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(created("MM1")));
        OutboundMessage message = new OutboundMessage("msg-2", TwilioLine.NUMBER, PATIENT, "Here is the form",
                List.of(picture(), picture()), STATUS_URL,
                List.of(URI.create("https://parley.example.org/media/abc"), URI.create("https://parley.example.org/media/def")));

        SendResult result = provider.send(TwilioLine.configured(), message);

        assertThat(result).isEqualTo(SendResult.accepted("MM1"));
        LoggedRequest sent = twilio.getAllServeEvents().get(0).getRequest();
        assertThat(sent.formParameters().get("MediaUrl").values())
                .containsExactly("https://parley.example.org/media/abc", "https://parley.example.org/media/def");
        assertThat(sent.formParameter("Body").firstValue()).isEqualTo("Here is the form");
    }

    @Test
    void aPictureWithoutTextIsSentWithoutABody() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(created("MM2")));
        OutboundMessage message = new OutboundMessage("msg-3", TwilioLine.NUMBER, PATIENT, "", List.of(picture()),
                STATUS_URL, List.of(URI.create("https://parley.example.org/media/abc")));

        assertThat(provider.send(TwilioLine.configured(), message)).isEqualTo(SendResult.accepted("MM2"));
        LoggedRequest sent = twilio.getAllServeEvents().get(0).getRequest();
        assertThat(sent.formParameters()).containsKey("MediaUrl").doesNotContainKey("Body");
    }

    @Test
    void picturesWithoutPublicMediaUrlsFailPermanentlyWithoutCallingTwilio() {
        OutboundMessage message = new OutboundMessage("msg-4", TwilioLine.NUMBER, PATIENT, "see picture",
                List.of(picture()), STATUS_URL);

        SendResult result = provider.send(TwilioLine.configured(), message);

        assertThat(result).isEqualTo(SendResult.permanentFailure(FailureKind.REJECTED, null,
                "pictures need public media URLs"));
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRecipientWhoRepliedStopIsReportedAsOptedOut() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(twilioError(400, 21610,
                "Attempt to send to unsubscribed recipient")));

        SendResult.Failed failed = (SendResult.Failed) provider.send(TwilioLine.configured(), text("Reminder"));

        assertThat(failed.kind()).isEqualTo(FailureKind.RECIPIENT_OPTED_OUT);
        assertThat(failed.code()).isEqualTo("21610");
        assertThat(failed.retryable()).isFalse();
    }

    @Test
    void anInvalidNumberIsReportedAsAnInvalidRecipientWithoutRepeatingTheNumber() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(twilioError(400, 21211,
                "The 'To' number " + PATIENT + " is not a valid phone number.")));

        SendResult.Failed failed = (SendResult.Failed) provider.send(TwilioLine.configured(), text("Reminder"));

        assertThat(failed.kind()).isEqualTo(FailureKind.INVALID_RECIPIENT);
        assertThat(failed.code()).isEqualTo("21211");
        assertThat(failed.reason()).doesNotContain("5557654321");
    }

    @Test
    void numbersThatCannotTakeTextsAreInvalidRecipients() {
        for (int code : new int[] {21614, 21612}) {
            twilio.resetAll();
            twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(twilioError(400, code, "not a mobile number")));

            SendResult.Failed failed = (SendResult.Failed) provider.send(TwilioLine.configured(), text("Reminder"));

            assertThat(failed.kind()).as("error %d", code).isEqualTo(FailureKind.INVALID_RECIPIENT);
        }
    }

    @Test
    void wrongCredentialsOrAnUnknownAccountAreAConfigurationProblem() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(twilioError(401, 20003, "Authenticate")));
        SendResult.Failed refused = (SendResult.Failed) provider.send(TwilioLine.configured(), text("Reminder"));
        twilio.resetAll();
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(twilioError(404, 20404,
                "The requested resource was not found")));
        SendResult.Failed unknown = (SendResult.Failed) provider.send(TwilioLine.configured(), text("Reminder"));

        assertThat(refused.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(refused.code()).isEqualTo("20003");
        assertThat(refused.reason()).doesNotContain(TwilioLine.AUTH_TOKEN);
        assertThat(unknown.kind()).isEqualTo(FailureKind.CONFIGURATION);
    }

    @Test
    void aLineWithoutAnAuthTokenFailsAsAConfigurationProblemNamingTheSetting() {
        SendResult.Failed failed = (SendResult.Failed) provider.send(
                TwilioLine.configured().with(Credentials.AUTH_TOKEN, null), text("Reminder"));

        assertThat(failed.kind()).isEqualTo(FailureKind.CONFIGURATION);
        assertThat(failed.reason()).contains("authToken");
    }

    @Test
    void aServerErrorIsTemporaryAndNotRetriedBehindTheAppsBack() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(twilioError(500, 20500,
                "An internal server error has occurred")));

        SendResult.Failed failed = (SendResult.Failed) provider.send(TwilioLine.configured(), text("Reminder"));

        assertThat(failed.retryable()).isTrue();
        // the SDK would post three more times; without an idempotency key each could be a second text
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void aGatewayErrorWithoutTwiliosJsonIsTemporaryToo() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<html>Service Unavailable</html>")));

        SendResult.Failed failed = (SendResult.Failed) provider.send(TwilioLine.configured(), text("Reminder"));

        assertThat(failed.retryable()).isTrue();
        assertThat(failed.reason()).contains("503");
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void beingRateLimitedIsTemporary() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(twilioError(429, 20429, "Too Many Requests")));

        SendResult.Failed failed = (SendResult.Failed) provider.send(TwilioLine.configured(), text("Reminder"));

        assertThat(failed.kind()).isEqualTo(FailureKind.TEMPORARY);
        assertThat(failed.code()).isEqualTo("20429");
        // the app retries later, with back-off; the HTTP client must not post again by itself
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void twilioOutOfReachIsTemporary() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TwilioProvider offline = new TwilioProvider(
                TwilioProvider.restClientsOver(new WireMockRoutedHttpClient("http://localhost:" + closedPort)));

        SendResult.Failed failed = (SendResult.Failed) offline.send(TwilioLine.configured(), text("Reminder"));

        assertThat(failed.kind()).isEqualTo(FailureKind.TEMPORARY);
        assertThat(failed.reason()).isEqualTo("Twilio cannot be reached");
    }

    @Test
    void anyOtherRefusalIsRejectedWithTwiliosWordsButNoNumber() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(twilioError(400, 21408,
                "Permission to send an SMS has not been enabled for the region indicated by the 'To' number: "
                        + PATIENT)));

        SendResult.Failed failed = (SendResult.Failed) provider.send(TwilioLine.configured(), text("Reminder"));

        assertThat(failed.kind()).isEqualTo(FailureKind.REJECTED);
        assertThat(failed.code()).isEqualTo("21408");
        assertThat(failed.reason()).contains("Permission to send an SMS has not been enabled")
                .contains("21408").doesNotContain("5557654321");
    }

    @Test
    void linesOfOneAccountShareOneRestClientAndANewTokenGetsItsOwn() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(created("SM1")));

        provider.send(TwilioLine.configured(), text("one"));
        provider.send(TwilioLine.configured(), text("two"));
        assertThat(clientsMade).hasValue(1);

        provider.send(TwilioLine.configured().with(Credentials.AUTH_TOKEN, "rotated-token"), text("three"));
        assertThat(clientsMade).hasValue(2);
    }

    @Test
    void linesSendingAtTheSameTimeAreAllAcceptedThroughOneRestClient() throws Exception {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(created("SM9")));
        int senders = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SendResult>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(senders)) {
            for (int i = 0; i < senders; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return provider.send(TwilioLine.configured(), text("at once"));
                }));
            }
            start.countDown();
            for (Future<SendResult> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(SendResult.accepted("SM9"));
            }
        }
        assertThat(clientsMade).hasValue(1);
        twilio.verify(senders, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    private static OutboundMessage text(String body) {
        return new OutboundMessage("msg-1", TwilioLine.NUMBER, PATIENT, body, List.of(), STATUS_URL, List.of());
    }

    private static Media picture() {
        return Media.of("image/jpeg", "form.jpg", new byte[] {1, 2, 3});
    }

    private static ResponseDefinitionBuilder created(String sid) {
        return okJson("{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"account_sid\":\"" + TwilioLine.ACCOUNT_SID
                + "\"}").withStatus(201);
    }

    static ResponseDefinitionBuilder twilioError(int status, int code,
                                                                                       String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":" + code + ",\"message\":\"" + message + "\",\"more_info\":"
                        + "\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + status + "}");
    }
}
