package org.parley.vonage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.plugin.LineType;
import org.parley.plugin.testkit.FakeLine;

class LineTypeLookupTest extends AbstractVonageTest {

    private static final String INSIGHT = "/ni/standard/json";

    @ParameterizedTest(name = "Vonage network type {0} is {1}")
    @CsvSource({"mobile, MOBILE", "landline, LANDLINE", "landline_premium, LANDLINE",
            "landline_tollfree, TOLL_FREE", "virtual, VOIP", "pager, UNKNOWN", "unknown, UNKNOWN"})
    void numberInsightsNetworkTypeIsMappedToParleysLineType(String networkType, LineType expected) {
        insightAnswers(0, networkType);

        assertThat(provider.lookupLineType(line, "+14155550123")).isEqualTo(expected);
        vonage.verify(postRequestedFor(urlPathEqualTo(INSIGHT)).withRequestBody(containing("number=14155550123")));
    }

    @Test
    void theLookupIsAuthenticatedWithTheAccountsApiKeyAndSecret() {
        insightAnswers(0, "mobile");

        provider.lookupLineType(line, "+14155550123");

        String basic = Base64.getEncoder()
                .encodeToString((API_KEY + ":" + API_SECRET).getBytes(StandardCharsets.UTF_8));
        vonage.verify(postRequestedFor(urlPathEqualTo(INSIGHT)).withHeader("Authorization", equalTo("Basic " + basic)));
    }

    @Test
    void aLookupVonageCouldNotAnswerIsUnknown() {
        insightAnswers(3, null);

        assertThat(provider.lookupLineType(line, "+14155550123")).isEqualTo(LineType.UNKNOWN);
    }

    @Test
    void aFailingVonageMakesTheLineTypeUnknown() {
        vonage.stubFor(post(urlPathEqualTo(INSIGHT)).willReturn(aResponse().withStatus(500)));

        assertThat(provider.lookupLineType(line, "+14155550123")).isEqualTo(LineType.UNKNOWN);
    }

    @Test
    void refusedCredentialsMakeTheLineTypeUnknown() {
        vonage.stubFor(post(urlPathEqualTo(INSIGHT)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"type\": \"https://developer.nexmo.com/api-errors#unauthorized\", "
                        + "\"title\": \"Unauthorized\"}")));

        assertThat(provider.lookupLineType(line, "+14155550123")).isEqualTo(LineType.UNKNOWN);
    }

    @Test
    void withoutAnApiKeyNothingIsLookedUp() {
        FakeLine noApiKey = line.with(VonageProvider.API_KEY, null).with(VonageProvider.API_SECRET, null);

        assertThat(provider.lookupLineType(noApiKey, "+14155550123")).isEqualTo(LineType.UNKNOWN);
        vonage.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void somethingThatIsNotAPhoneNumberIsUnknownWithoutAsking() {
        assertThat(provider.lookupLineType(line, "reception")).isEqualTo(LineType.UNKNOWN);
        vonage.verify(0, anyRequestedFor(anyUrl()));
    }

    private void insightAnswers(int status, String networkType) {
        String carrier = networkType == null ? "" : """
                , "current_carrier": {"network_code": "310090", "name": "AT&T Mobility", "country": "US",
                                      "network_type": "%s"},
                  "original_carrier": {"network_code": "310090", "name": "AT&T Mobility", "country": "US",
                                       "network_type": "%s"},
                  "ported": "not_ported"
                """.formatted(networkType, networkType);
        vonage.stubFor(post(urlPathEqualTo(INSIGHT)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"status": %d, "status_message": "%s", "request_id": "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
                         "international_format_number": "14155550123", "national_format_number": "(415) 555-0123",
                         "country_code": "US", "country_code_iso3": "USA", "country_name": "United States of America",
                         "country_prefix": "1", "request_price": "0.00500000", "remaining_balance": "10.000000"%s}
                        """.formatted(status, status == 0 ? "Success" : "Invalid", carrier))));
    }
}
