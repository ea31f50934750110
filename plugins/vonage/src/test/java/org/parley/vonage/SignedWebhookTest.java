package org.parley.vonage;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.plugin.WebhookRequest;
import org.parley.plugin.testkit.FakeLine;

class SignedWebhookTest extends AbstractVonageTest {

    private static final String INBOUND = """
            {"channel":"sms","message_uuid":"aaaaaaaa-0000-4000-8000-000000000001","to":"14155550100",\
            "from":"14155550123","timestamp":"2025-02-03T12:14:25Z","text":"Can I move my appointment?",\
            "message_type":"text"}""";

    @Test
    void aWebhookSignedWithTheSignatureSecretOverItsBodyIsAccepted() {
        assertThat(provider.isAuthentic(line, SignedRequests.post("inbound", INBOUND))).isTrue();
    }

    @Test
    void aWebhookWithoutAnAuthorizationHeaderIsRefused() {
        WebhookRequest unsigned = SignedRequests.withBody("inbound", bytes(INBOUND), null);

        assertThat(provider.isAuthentic(line, unsigned)).isFalse();
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        WebhookRequest request = SignedRequests.post("inbound", INBOUND, "someone-elses-secret-0123456789", c -> { });

        assertThat(provider.isAuthentic(line, request)).isFalse();
    }

    @Test
    void aLineConfiguredWithAnotherSecretRefusesTheCall() {
        FakeLine otherSecret = line.with(VonageProvider.SIGNATURE_SECRET, "a-different-secret-0123456789");

        assertThat(provider.isAuthentic(otherSecret, SignedRequests.post("inbound", INBOUND))).isFalse();
    }

    @Test
    void aTokenWhoseSignatureWasForgedIsRefused() {
        String valid = SignedRequests.token(SignedRequests.SECRET, SignedWebhook.sha256Hex(bytes(INBOUND)), c -> { });
        String[] parts = valid.substring(7).split("\\.");
        String forgedSignature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("not the signature at all, but 32b".getBytes(StandardCharsets.US_ASCII));
        String forged = "Bearer " + parts[0] + "." + parts[1] + "." + forgedSignature;

        assertThat(provider.isAuthentic(line, SignedRequests.withBody("inbound", bytes(INBOUND), forged))).isFalse();
    }

    @Test
    void anUnsignedTokenClaimingAlgorithmNoneIsRefused() {
        String none = JWT.create().withClaim("payload_hash", SignedWebhook.sha256Hex(bytes(INBOUND)))
                .sign(Algorithm.none());

        WebhookRequest request = SignedRequests.withBody("inbound", bytes(INBOUND), "Bearer " + none);

        assertThat(provider.isAuthentic(line, request)).isFalse();
    }

    @Test
    void aBodyChangedAfterSigningIsRefusedBecauseItsHashNoLongerMatches() {
        String token = SignedRequests.token(SignedRequests.SECRET, SignedWebhook.sha256Hex(bytes(INBOUND)), c -> { });
        String tampered = INBOUND.replace("Can I move my appointment?", "Please cancel all my prescriptions");

        WebhookRequest request = SignedRequests.withBody("inbound", bytes(tampered), token);

        assertThat(provider.isAuthentic(line, request)).isFalse();
    }

    @Test
    void aTokenWithoutAPayloadHashIsRefused() {
        String token = "Bearer " + JWT.create().withIssuedAt(Instant.now())
                .withClaim("application_id", SignedRequests.APPLICATION_ID)
                .sign(Algorithm.HMAC256(SignedRequests.SECRET));

        assertThat(provider.isAuthentic(line, SignedRequests.withBody("inbound", bytes(INBOUND), token))).isFalse();
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10));
        WebhookRequest request = SignedRequests.post("inbound", INBOUND, SignedRequests.SECRET,
                jwt -> jwt.withIssuedAt(tenMinutesAgo.minusSeconds(60)).withExpiresAt(tenMinutesAgo));

        assertThat(provider.isAuthentic(line, request)).isFalse();
    }

    @Test
    void aTokenJustExpiredByLessThanTheAllowedClockSkewIsStillAccepted() {
        Instant aMomentAgo = Instant.now().minusSeconds(30);
        WebhookRequest request = SignedRequests.post("inbound", INBOUND, SignedRequests.SECRET,
                jwt -> jwt.withIssuedAt(aMomentAgo.minusSeconds(60)).withExpiresAt(aMomentAgo));

        assertThat(provider.isAuthentic(line, request)).isTrue();
    }

    @Test
    void aCapturedCallReplayedLaterThanTheMaximumTokenAgeIsRefused() {
        Instant issued = Instant.now().minus(SignedWebhook.MAX_TOKEN_AGE).minus(SignedWebhook.CLOCK_SKEW)
                .minusSeconds(30);
        WebhookRequest request = SignedRequests.post("inbound", INBOUND, SignedRequests.SECRET,
                jwt -> jwt.withIssuedAt(issued));

        assertThat(provider.isAuthentic(line, request)).isFalse();
    }

    @Test
    void aTokenIssuedWithinTheMaximumAgeIsAccepted() {
        Instant issued = Instant.now().minus(SignedWebhook.MAX_TOKEN_AGE).plusSeconds(30);
        WebhookRequest request = SignedRequests.post("inbound", INBOUND, SignedRequests.SECRET,
                jwt -> jwt.withIssuedAt(issued));

        assertThat(provider.isAuthentic(line, request)).isTrue();
    }

    @Test
    void aTokenWithoutIssuedAtIsRefusedBecauseItsAgeCannotBeTold() {
        byte[] body = bytes(INBOUND);
        String token = "Bearer " + JWT.create().withClaim("application_id", SignedRequests.APPLICATION_ID)
                .withClaim("payload_hash", SignedWebhook.sha256Hex(body))
                .sign(Algorithm.HMAC256(SignedRequests.SECRET));

        assertThat(provider.isAuthentic(line, SignedRequests.withBody("inbound", body, token))).isFalse();
    }

    @Test
    void theAgeLimitCountsTheClockSkewAllowance() {
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        Duration limit = SignedWebhook.MAX_TOKEN_AGE.plus(SignedWebhook.CLOCK_SKEW);

        assertThat(SignedWebhook.freshEnough(now.minus(limit), now)).isTrue();
        assertThat(SignedWebhook.freshEnough(now.minus(limit).minusSeconds(1), now)).isFalse();
    }

    @Test
    void aTokenIssuedForAnotherApplicationIsRefused() {
        WebhookRequest request = SignedRequests.post("inbound", INBOUND, SignedRequests.SECRET,
                jwt -> jwt.withClaim("application_id", "ffffffff-bbbb-4ccc-8ddd-0123456789ab"));

        assertThat(provider.isAuthentic(line, request)).isFalse();
    }

    @Test
    void aLineWithoutASignatureSecretAcceptsNothing() {
        FakeLine noSecret = line.with(VonageProvider.SIGNATURE_SECRET, null);

        assertThat(provider.isAuthentic(noSecret, SignedRequests.post("inbound", INBOUND))).isFalse();
    }

    @Test
    void theAnswerWebhookComingAsAGetIsVerifiedAgainstItsQueryParameters() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("to", "14155550100");
        query.put("from", "14155550123");
        query.put("uuid", "63f61863-4a51-4f6b-86e1-46edeb190391");
        query.put("conversation_uuid", "CON-f972836a-550f-45fa-956c-12a2ab5b7d22");
        String signedPayload = "{\"to\":\"14155550100\",\"from\":\"14155550123\","
                + "\"uuid\":\"63f61863-4a51-4f6b-86e1-46edeb190391\","
                + "\"conversation_uuid\":\"CON-f972836a-550f-45fa-956c-12a2ab5b7d22\"}";

        assertThat(provider.isAuthentic(line, SignedRequests.get("answer", query, signedPayload))).isTrue();
    }

    @Test
    void anAnswerWebhookWithAChangedCallerIsRefused() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("to", "14155550100");
        query.put("from", "14155550999");
        query.put("conversation_uuid", "CON-f972836a-550f-45fa-956c-12a2ab5b7d22");
        String signedPayload = "{\"to\":\"14155550100\",\"from\":\"14155550123\","
                + "\"conversation_uuid\":\"CON-f972836a-550f-45fa-956c-12a2ab5b7d22\"}";

        assertThat(provider.isAuthentic(line, SignedRequests.get("answer", query, signedPayload))).isFalse();
    }

    @Test
    void aJsonBodyReindentedOnTheWayIsStillRecognisedAsTheSignedPayload() {
        String compact = "{\"conversation_uuid\":\"CON-1\",\"recording_url\":\"https://api.nexmo.com/v1/files/x\"}";
        String token = SignedRequests.token(SignedRequests.SECRET, SignedWebhook.sha256Hex(bytes(compact)), c -> { });
        String reindented = "{\n  \"conversation_uuid\": \"CON-1\",\n"
                + "  \"recording_url\": \"https://api.nexmo.com/v1/files/x\"\n}";

        WebhookRequest request = SignedRequests.withBody("recording", bytes(reindented), token);

        assertThat(provider.isAuthentic(line, request)).isTrue();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
