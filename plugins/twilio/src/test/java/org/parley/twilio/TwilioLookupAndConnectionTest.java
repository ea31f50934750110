package org.parley.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.twilio.TwilioSendTest.twilioError;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.LineType;

/** Line type lookups (lookups.twilio.com) and the admin's connection test (api.twilio.com), against WireMock. */
class TwilioLookupAndConnectionTest {

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String PATIENT = "+15557654321";
    // the SDK puts the number in the path; the + arrives percent-encoded
    private static final String LOOKUP = "/lookups/v2/PhoneNumbers/%2B15557654321";
    private static final String ACCOUNT = "/api/2010-04-01/Accounts/" + TwilioLine.ACCOUNT_SID + ".json";

    private final TwilioProvider provider = new TwilioProvider(
            TwilioProvider.restClientsOver(new WireMockRoutedHttpClient(twilio.baseUrl())));

    @Test
    void eachLineTypeTwilioReportsMapsToParleysLineType() {
        Map<String, LineType> expected = Map.of(
                "mobile", LineType.MOBILE,
                "landline", LineType.LANDLINE,
                "fixedVoip", LineType.VOIP,
                "nonFixedVoip", LineType.VOIP,
                "tollFree", LineType.TOLL_FREE,
                "pager", LineType.UNKNOWN,
                "unknown", LineType.UNKNOWN);
        expected.forEach((twilioType, lineType) -> {
            twilio.resetAll();
            twilio.stubFor(get(urlPathEqualTo(LOOKUP)).willReturn(okJson(lookupAnswer("{\"type\":\"" + twilioType
                    + "\",\"carrier_name\":\"Some Carrier\",\"error_code\":null}"))));

            assertThat(provider.lookupLineType(TwilioLine.configured(), PATIENT)).as(twilioType).isEqualTo(lineType);
        });
        twilio.verify(getRequestedFor(urlPathEqualTo(LOOKUP)).withQueryParam("Fields", equalTo("line_type_intelligence"))
                .withBasicAuth(new BasicCredentials(TwilioLine.ACCOUNT_SID, TwilioLine.AUTH_TOKEN)));
    }

    @Test
    void aNumberWithoutLineTypeIntelligenceIsUnknown() {
        twilio.stubFor(get(urlPathEqualTo(LOOKUP)).willReturn(okJson(lookupAnswer("null"))));

        assertThat(provider.lookupLineType(TwilioLine.configured(), PATIENT)).isEqualTo(LineType.UNKNOWN);
    }

    @Test
    void aFailedLookupIsUnknown() throws IOException {
        twilio.stubFor(get(urlPathEqualTo(LOOKUP)).willReturn(twilioError(404, 20404, "The requested resource was not found")));
        assertThat(provider.lookupLineType(TwilioLine.configured(), PATIENT)).isEqualTo(LineType.UNKNOWN);

        assertThat(provider.lookupLineType(TwilioLine.configured().with(Credentials.ACCOUNT_SID, null), PATIENT))
                .isEqualTo(LineType.UNKNOWN);
        assertThat(offline().lookupLineType(TwilioLine.configured(), PATIENT)).isEqualTo(LineType.UNKNOWN);
    }

    @Test
    void theConnectionTestNamesTheAccountTwilioFoundForTheCredentials() {
        twilio.stubFor(get(urlPathEqualTo(ACCOUNT)).willReturn(okJson("{\"sid\":\"" + TwilioLine.ACCOUNT_SID
                + "\",\"friendly_name\":\"Northside Family Practice\",\"status\":\"active\",\"type\":\"Full\"}")));

        ConnectionCheck check = provider.testConnection(TwilioLine.configured());

        assertThat(check).isEqualTo(ConnectionCheck.ok("Connected to Twilio account Northside Family Practice"));
        twilio.verify(getRequestedFor(urlPathEqualTo(ACCOUNT))
                .withBasicAuth(new BasicCredentials(TwilioLine.ACCOUNT_SID, TwilioLine.AUTH_TOKEN)));
    }

    @Test
    void theConnectionTestReportsRefusedCredentialsWithoutEchoingTheToken() {
        twilio.stubFor(get(urlPathEqualTo(ACCOUNT)).willReturn(twilioError(401, 20003, "Authenticate")));

        ConnectionCheck check = provider.testConnection(TwilioLine.configured());

        assertThat(check).isEqualTo(ConnectionCheck.failed("Twilio refused the credentials (error 20003)"));
        assertThat(check.message()).doesNotContain(TwilioLine.AUTH_TOKEN);
    }

    @Test
    void theConnectionTestReportsAnUnknownAccount() {
        twilio.stubFor(get(urlPathEqualTo(ACCOUNT)).willReturn(twilioError(404, 20404, "The requested resource was not found")));

        assertThat(provider.testConnection(TwilioLine.configured()))
                .isEqualTo(ConnectionCheck.failed("Twilio has no account with this Account SID (error 20404)"));
    }

    @Test
    void theConnectionTestReportsASuspendedAccount() {
        twilio.stubFor(get(urlPathEqualTo(ACCOUNT)).willReturn(okJson("{\"sid\":\"" + TwilioLine.ACCOUNT_SID
                + "\",\"friendly_name\":\"Old practice\",\"status\":\"suspended\"}")));

        ConnectionCheck check = provider.testConnection(TwilioLine.configured());

        assertThat(check.ok()).isFalse();
        assertThat(check.message()).contains("Old practice", "suspended");
    }

    @Test
    void theConnectionTestReportsTwilioOutOfReach() throws IOException {
        assertThat(offline().testConnection(TwilioLine.configured()))
                .isEqualTo(ConnectionCheck.failed("Twilio cannot be reached"));
    }

    @Test
    void theConnectionTestNamesAMissingSetting() {
        ConnectionCheck check = provider.testConnection(TwilioLine.configured().with(Credentials.AUTH_TOKEN, null));

        assertThat(check.ok()).isFalse();
        assertThat(check.message()).contains("authToken");
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    private static String lookupAnswer(String lineTypeIntelligence) {
        return "{\"calling_country_code\":\"1\",\"country_code\":\"US\",\"phone_number\":\"" + PATIENT
                + "\",\"national_format\":\"(555) 765-4321\",\"valid\":true,\"validation_errors\":[],"
                + "\"line_type_intelligence\":" + lineTypeIntelligence + ",\"url\":\"https://lookups.twilio.com/v2/"
                + "PhoneNumbers/" + PATIENT + "\"}";
    }

    private static TwilioProvider offline() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        return new TwilioProvider(
                TwilioProvider.restClientsOver(new WireMockRoutedHttpClient("http://localhost:" + closedPort)));
    }
}
