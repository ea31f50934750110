package org.parley.vonage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vonage.client.HttpConfig;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.plugin.DeliveryStatus;
import org.parley.plugin.MalformedWebhookException;
import org.parley.plugin.ProviderEvent;
import org.parley.plugin.ProviderEvent.DeliveryUpdate;
import org.parley.plugin.ProviderEvent.InboundMessage;
import org.parley.plugin.WebhookOutcome;

class MessagesWebhooksTest extends AbstractVonageTest {

    private static final String UUID = "aaaaaaaa-0000-4000-8000-000000000001";

    @Test
    void aPatientsTextBecomesAnInboundMessageWithNumbersInE164() throws MalformedWebhookException {
        WebhookOutcome outcome = provider.handleWebhook(line, "inbound", SignedRequests.post("inbound", """
                {"channel": "sms", "message_uuid": "%s", "to": "14155550100", "from": "14155550123",
                 "timestamp": "2025-02-03T12:14:25Z", "text": "Can I move my appointment?",
                 "sms": {"num_messages": "1"}, "message_type": "text"}""".formatted(UUID)));

        assertThat(outcome.events()).containsExactly(new InboundMessage(UUID, "+14155550123", "+14155550100",
                "Can I move my appointment?", List.of()));
        assertThat(outcome.response().status()).isEqualTo(200);
    }

    @Test
    void aPatientsPictureIsFetchedFromVonageWithTheApplicationsJwt() throws MalformedWebhookException {
        byte[] picture = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3};
        vonage.stubFor(get(urlEqualTo("/v3/media/picture-1")).willReturn(aResponse()
                .withHeader("Content-Type", "image/jpeg").withBody(picture)));

        WebhookOutcome outcome = provider.handleWebhook(line, "inbound", SignedRequests.post("inbound", """
                {"channel": "mms", "message_uuid": "%s", "to": "14155550100", "from": "14155550123",
                 "message_type": "image",
                 "image": {"url": "%s/v3/media/picture-1", "caption": "The rash today"}}"""
                .formatted(UUID, vonage.baseUrl())));

        InboundMessage message = (InboundMessage) outcome.events().get(0);
        assertThat(message.text()).isEqualTo("The rash today");
        assertThat(message.media()).singleElement().satisfies(media -> {
            assertThat(media.contentType()).isEqualTo("image/jpeg");
            assertThat(media.data()).isEqualTo(picture);
        });
        vonage.verify(getRequestedFor(urlEqualTo("/v3/media/picture-1"))
                .withHeader("Authorization", matching("Bearer ey.+")));
    }

    @Test
    void aPictureOnAHostThatIsNotVonagesIsFetchedWithoutTheJwt() throws MalformedWebhookException {
        vonage.stubFor(get(urlEqualTo("/elsewhere/picture-2")).willReturn(aResponse()
                .withHeader("Content-Type", "image/png").withBody(new byte[] {1})));
        // the stand-in under another name: a host this line never talks to
        String elsewhere = vonage.baseUrl().replace("localhost", "127.0.0.1");

        provider.handleWebhook(line, "inbound", SignedRequests.post("inbound", """
                {"channel": "mms", "message_uuid": "%s", "to": "14155550100", "from": "14155550123",
                 "message_type": "image", "image": {"url": "%s/elsewhere/picture-2"}}"""
                .formatted(UUID, elsewhere)));

        vonage.verify(getRequestedFor(urlEqualTo("/elsewhere/picture-2")).withoutHeader("Authorization"));
    }

    @Test
    void onlyVonagesOwnHostsOverHttpsCountAsVonage() {
        VonageClients production = new VonageClients(HttpConfig.defaultConfig());

        assertThat(production.isVonageHost(URI.create("https://api-us.nexmo.com/v3/media/x"))).isTrue();
        assertThat(production.isVonageHost(URI.create("https://api-eu.vonage.com/v1/files/x"))).isTrue();
        assertThat(production.isVonageHost(URI.create("http://api.nexmo.com/v1/files/x"))).isFalse();
        assertThat(production.isVonageHost(URI.create("https://nexmo.com.evil.example/x"))).isFalse();
        assertThat(production.isVonageHost(URI.create("https://evilnexmo.com/x"))).isFalse();
    }

    @Test
    void aPictureThatCannotBeFetchedIsReportedWithoutItsContent() {
        vonage.stubFor(get(urlEqualTo("/v3/media/gone")).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> provider.handleWebhook(line, "inbound", SignedRequests.post("inbound", """
                {"channel": "mms", "message_uuid": "%s", "to": "14155550100", "from": "14155550123",
                 "message_type": "image", "image": {"url": "%s/v3/media/gone"}}"""
                .formatted(UUID, vonage.baseUrl()))))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessageContaining("image could not be fetched");
    }

    @Test
    void anInboundMessageWithoutItsUuidIsMalformedAndTheFieldIsNamed() {
        assertThatThrownBy(() -> provider.handleWebhook(line, "inbound", SignedRequests.post("inbound", """
                {"channel": "sms", "to": "14155550100", "from": "14155550123", "text": "Hello",
                 "message_type": "text"}""")))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("missing field 'message_uuid'");
    }

    @Test
    void anInboundMessageWithoutItsSenderIsMalformedAndTheFieldIsNamed() {
        assertThatThrownBy(() -> provider.handleWebhook(line, "inbound", SignedRequests.post("inbound", """
                {"channel": "sms", "message_uuid": "%s", "to": "14155550100", "text": "Hello",
                 "message_type": "text"}""".formatted(UUID))))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("missing field 'from'");
    }

    @Test
    void aBodyThatIsNotJsonIsMalformed() {
        assertThatThrownBy(() -> provider.handleWebhook(line, "inbound",
                SignedRequests.post("inbound", "message_uuid=1&from=14155550123")))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("the body is not JSON");
    }

    @ParameterizedTest(name = "{0} is reported as {1}")
    @CsvSource({"submitted, SENT", "delivered, DELIVERED", "rejected, FAILED", "undeliverable, UNDELIVERED",
            "read, READ"})
    void eachVonageStatusIsReportedAsParleysDeliveryStatus(String vonageStatus, DeliveryStatus expected)
            throws MalformedWebhookException {
        assertThat(status("""
                {"message_uuid": "%s", "to": "14155550123", "from": "14155550100",
                 "timestamp": "2025-02-03T12:14:25Z", "status": "%s", "channel": "sms"}"""
                .formatted(UUID, vonageStatus)))
                .containsExactly(new DeliveryUpdate(UUID, expected, null, null, false));
    }

    @Test
    void aDeliveryReportedBeforeTheSubmissionIsStillReportedAndSoIsTheLateSubmission()
            throws MalformedWebhookException {
        List<ProviderEvent> delivered = status("""
                {"message_uuid": "%s", "status": "delivered", "channel": "sms"}""".formatted(UUID));
        List<ProviderEvent> submitted = status("""
                {"message_uuid": "%s", "status": "submitted", "channel": "sms"}""".formatted(UUID));

        // Each report says what Vonage said; the app keeps the highest-ranked status.
        assertThat(delivered).extracting(event -> ((DeliveryUpdate) event).status())
                .containsExactly(DeliveryStatus.DELIVERED);
        assertThat(submitted).extracting(event -> ((DeliveryUpdate) event).status())
                .containsExactly(DeliveryStatus.SENT);
    }

    @Test
    void aRejectionCarriesVonagesCodeAndReasonWithoutNumbers() throws MalformedWebhookException {
        assertThat(status("""
                {"message_uuid": "%s", "status": "rejected", "channel": "sms",
                 "error": {"type": "https://developer.nexmo.com/api-errors/messages-olympus#1260",
                           "title": "1260",
                           "detail": "Unroutable - the message to 14155550123 could not be routed",
                           "instance": "bf0ca0bf927b3b52e3cb03217e1a1ddf"}}""".formatted(UUID)))
                .containsExactly(new DeliveryUpdate(UUID, DeliveryStatus.FAILED, "1260",
                        "Unroutable - the message to [number] could not be routed", false));
    }

    @Test
    void anErrorWithAWordyTitleTakesItsCodeFromTheErrorType() throws MalformedWebhookException {
        DeliveryUpdate update = (DeliveryUpdate) status("""
                {"message_uuid": "%s", "status": "undeliverable", "channel": "sms",
                 "error": {"type": "https://developer.vonage.com/api-errors/messages#1240",
                           "title": "Network error"}}""".formatted(UUID)).get(0);

        assertThat(update.errorCode()).isEqualTo("1240");
        assertThat(update.reason()).isEqualTo("Network error");
    }

    @Test
    void aRejectionBecauseTheRecipientOptedOutSaysSo() throws MalformedWebhookException {
        DeliveryUpdate update = (DeliveryUpdate) status("""
                {"message_uuid": "%s", "status": "rejected", "channel": "sms",
                 "error": {"type": "https://developer.vonage.com/api-errors/messages#1250",
                           "title": "Illegal Number",
                           "detail": "The recipient has opted out of receiving messages from this number."}}"""
                .formatted(UUID)).get(0);

        assertThat(update.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(update.recipientOptedOut()).isTrue();
    }

    @Test
    void aStatusParleyHasNoWordForIsAcknowledgedWithoutAnEvent() throws MalformedWebhookException {
        WebhookOutcome outcome = provider.handleWebhook(line, "status", SignedRequests.post("status", """
                {"message_uuid": "%s", "status": "deleted", "channel": "sms"}""".formatted(UUID)));

        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.response().status()).isEqualTo(200);
    }

    @Test
    void aStatusWithoutItsUuidIsMalformed() {
        assertThatThrownBy(() -> status("{\"status\": \"delivered\", \"channel\": \"sms\"}"))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("missing field 'message_uuid'");
    }

    @Test
    void aStatusWithoutTheStatusIsMalformed() {
        assertThatThrownBy(() -> status("{\"message_uuid\": \"" + UUID + "\", \"channel\": \"sms\"}"))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("missing field 'status'");
    }

    private List<ProviderEvent> status(String json) throws MalformedWebhookException {
        return provider.handleWebhook(line, "status", SignedRequests.post("status", json)).events();
    }
}
