package org.parley.vonage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.testkit.FakeLine;

class ConnectionTest extends AbstractVonageTest {

    private static final String CALLS = "/v1/calls";
    private static final String BALANCE = "/account/get-balance";

    @Test
    void aLineVonageAcceptsPassesTheCheckWithTheAccountBalance() {
        callsAnswer(200, """
                {"count": 0, "page_size": 1, "record_index": 0,
                 "_links": {"self": {"href": "/calls?page_size=1"}}, "_embedded": {"calls": []}}""");
        balanceAnswers(200, "{\"value\": 12.345, \"autoReload\": false}");

        ConnectionCheck check = provider.testConnection(line);

        assertThat(check.ok()).isTrue();
        assertThat(check.message()).contains("accepted").contains("12.35");
        vonage.verify(getRequestedFor(urlPathEqualTo(CALLS)).withHeader("Authorization", matching("Bearer ey.+")));
    }

    @Test
    void withoutAnApiKeyOnlyTheApplicationIsCheckedAndTheAdminIsToldLineTypesAreOff() {
        callsAnswer(200, "{\"count\": 0, \"page_size\": 1, \"record_index\": 0, \"_embedded\": {\"calls\": []}}");
        FakeLine noApiKey = line.with(VonageProvider.API_KEY, null).with(VonageProvider.API_SECRET, null);

        ConnectionCheck check = provider.testConnection(noApiKey);

        assertThat(check.ok()).isTrue();
        assertThat(check.message()).contains("line types are not looked up");
    }

    @Test
    void aRefusedApplicationFailsTheCheckWithVonagesWordsAndNoSecret() {
        callsAnswer(401, """
                {"type": "https://developer.nexmo.com/api-errors#unauthorized", "title": "Unauthorized",
                 "detail": "You did not provide correct credentials."}""");

        ConnectionCheck check = provider.testConnection(line);

        assertThat(check.ok()).isFalse();
        assertThat(check.message()).contains("refused the application id and private key").contains("Unauthorized")
                .doesNotContain(SignedRequests.SECRET).doesNotContain(API_SECRET).doesNotContain("PRIVATE KEY");
    }

    @Test
    void aRefusedApiSecretFailsTheCheck() {
        callsAnswer(200, "{\"count\": 0, \"page_size\": 1, \"record_index\": 0, \"_embedded\": {\"calls\": []}}");
        balanceAnswers(401, "{\"error-code\": \"401\", \"error-code-label\": \"authentication failed\"}");

        ConnectionCheck check = provider.testConnection(line);

        assertThat(check.ok()).isFalse();
        assertThat(check.message()).contains("refused the API key and secret").doesNotContain(API_SECRET);
    }

    @Test
    void anUnreachableVonageFailsTheCheck() {
        vonage.stop();

        ConnectionCheck check = provider.testConnection(line);

        assertThat(check.ok()).isFalse();
        assertThat(check.message()).contains("could not be reached");
    }

    @Test
    void aMissingApplicationIdFailsTheCheckNamingTheSetting() {
        ConnectionCheck check = provider.testConnection(line.with(VonageProvider.APPLICATION_ID, null));

        assertThat(check.ok()).isFalse();
        assertThat(check.message()).contains("applicationId");
    }

    private void callsAnswer(int status, String body) {
        vonage.stubFor(get(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private void balanceAnswers(int status, String body) {
        vonage.stubFor(get(urlPathEqualTo(BALANCE)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }
}
