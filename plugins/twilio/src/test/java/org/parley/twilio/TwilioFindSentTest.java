package org.parley.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.plugin.OutboundMessage;
import org.parley.plugin.SendResult;
import org.parley.plugin.SentCheck;

/**
 * Looking up a message whose send had an unknown outcome in Twilio's Messages list (Twilio takes no idempotency key),
 * with WireMock standing in for api.twilio.com.
 */
class TwilioFindSentTest {

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String MESSAGES = "/api/2010-04-01/Accounts/" + TwilioLine.ACCOUNT_SID + "/Messages.json";
    private static final String PATIENT = "+15557654321";
    private static final Instant ATTEMPT = Instant.parse("2026-12-07T14:00:00Z");
    private static final String AT_ATTEMPT = "Mon, 07 Dec 2026 14:00:03 +0000";
    private static final String DAY_BEFORE = "Sun, 06 Dec 2026 09:00:00 +0000";

    private final TwilioProvider provider = new TwilioProvider(
            TwilioProvider.restClientsOver(new WireMockRoutedHttpClient(twilio.baseUrl())));

    @Test
    void aMessageTwilioListsToThePatientFromTheLineWithTheSameTextSinceTheAttemptIsFoundByItsSid() {
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(page(
                message("SMolder", "Your referral is ready.", DAY_BEFORE),
                message("SMother", "Something else entirely", AT_ATTEMPT),
                message("SMfound", "Your referral is ready.", AT_ATTEMPT))));

        SentCheck check = provider.findSent(TwilioLine.configured(), text("Your referral is ready."), ATTEMPT);

        assertThat(check).isEqualTo(SentCheck.found("SMfound"));
        twilio.verify(getRequestedFor(urlPathEqualTo(MESSAGES))
                .withQueryParam("To", equalTo(PATIENT))
                .withQueryParam("From", equalTo(TwilioLine.NUMBER))
                .withQueryParam("DateSent>", matching("2026-12-07.*")));
        twilio.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void aMessageTwilioHasQueuedButNotSentYetIsFoundInTheNewestPageWithoutTheDateFilter() {
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).withQueryParam("DateSent>", matching(".+"))
                .willReturn(page()));
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).withQueryParam("DateSent>", absent())
                .willReturn(page(message("SMqueued", "Your referral is ready.", AT_ATTEMPT))));

        assertThat(provider.findSent(TwilioLine.configured(), text("Your referral is ready."), ATTEMPT))
                .isEqualTo(SentCheck.found("SMqueued"));
    }

    @Test
    void whenNeitherListHasTheTextItCertainlyWasNotSent() {
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(page(
                message("SMolder", "Your referral is ready.", DAY_BEFORE),
                message("SMother", "Please call us back", AT_ATTEMPT))));

        assertThat(provider.findSent(TwilioLine.configured(), text("Your referral is ready."), ATTEMPT))
                .isEqualTo(SentCheck.notFound());
    }

    @Test
    void whenTwilioRefusesTheLookupNobodyKnows() {
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(TwilioSendTest.twilioError(500, 20500,
                "Internal Server Error")));

        assertThat(provider.findSent(TwilioLine.configured(), text("Your referral is ready."), ATTEMPT))
                .isInstanceOf(SentCheck.Unknown.class);
    }

    @Test
    void whenTwilioCannotBeReachedNobodyKnows() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TwilioProvider offline = new TwilioProvider(
                TwilioProvider.restClientsOver(new WireMockRoutedHttpClient("http://localhost:" + closedPort)));

        assertThat(offline.findSent(TwilioLine.configured(), text("Your referral is ready."), ATTEMPT))
                .isInstanceOf(SentCheck.Unknown.class);
    }

    @Test
    void aSendWhoseAnswerNeverComesHasAnUnknownOutcomeAndIsNotRetriedBlindly() {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(WireMock
                .aResponse().withFault(Fault.EMPTY_RESPONSE)));

        SendResult result = provider.send(TwilioLine.configured(), text("Your referral is ready."));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(SendResult.FailureKind.OUTCOME_UNKNOWN);
            assertThat(failed.retryable()).isFalse();
        });
    }

    private static OutboundMessage text(String body) {
        return new OutboundMessage("msg-1", TwilioLine.NUMBER, PATIENT, body, List.of(),
                URI.create("https://parley.example.org/webhooks/front-desk/status"), List.of());
    }

    private static String message(String sid, String body, String created) {
        return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + TwilioLine.ACCOUNT_SID + "\",\"to\":\"" + PATIENT
                + "\",\"from\":\"" + TwilioLine.NUMBER + "\",\"body\":\"" + body + "\",\"direction\":\"outbound-api\","
                + "\"status\":\"delivered\",\"date_created\":\"" + created + "\",\"date_sent\":\"" + created + "\"}";
    }

    private static ResponseDefinitionBuilder page(String... messages) {
        String uri = "/2010-04-01/Accounts/" + TwilioLine.ACCOUNT_SID + "/Messages.json?PageSize=50&Page=0";
        return okJson("{\"messages\":[" + String.join(",", messages) + "],\"end\":" + Math.max(0, messages.length - 1)
                + ",\"first_page_uri\":\"" + uri + "\",\"next_page_uri\":null,\"page\":0,\"page_size\":50,"
                + "\"previous_page_uri\":null,\"start\":0,\"uri\":\"" + uri + "\"}");
    }
}
