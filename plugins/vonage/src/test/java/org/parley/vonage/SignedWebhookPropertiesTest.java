package org.parley.vonage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vonage.client.HttpConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.parley.plugin.MalformedWebhookException;
import org.parley.plugin.WebhookRequest;
import org.parley.plugin.testkit.FakeLine;

/**
 * Vonage's signed webhooks, property-based: any body signed with the secret passes; any change to the body or the
 * token after signing, a token past its age, or another secret fails; random calls never pass and never throw; and a
 * signed call with random content gives events or a malformed-call reason that shows no value. A few hundred tries
 * each.
 */
class SignedWebhookPropertiesTest {

    private static final String MARKER = "Qz7marker7zQ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VonageProvider provider = new VonageProvider(
            HttpConfig.builder().baseUri("http://127.0.0.1:9").build());
    private final FakeLine line = VonageLine.with(Map.of(
            VonageProvider.APPLICATION_ID, SignedRequests.APPLICATION_ID,
            VonageProvider.PRIVATE_KEY, TestKeys.privateKeyPem(),
            VonageProvider.SIGNATURE_SECRET, SignedRequests.SECRET));

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().ofMaxLength(40)).ofMaxSize(8).map(SignedWebhookPropertiesTest::json);
    }

    @Property(tries = 300)
    void anyBodySignedWithTheSecretIsAuthentic(@ForAll("bodies") String body) {
        assertThat(provider.isAuthentic(line, SignedRequests.post("inbound", body))).isTrue();
    }

    @Property(tries = 300)
    void anyChangeAfterSigningIsRefused(@ForAll("bodies") String body, @ForAll @IntRange(min = 0, max = 3) int kind,
                                        @ForAll @IntRange(min = 0, max = 10_000) int position) {
        byte[] signed = body.getBytes(StandardCharsets.UTF_8);
        String token = SignedRequests.token(SignedRequests.SECRET, SignedWebhook.sha256Hex(signed), jwt -> { });
        byte[] posted = signed;
        switch (kind) {
            case 0 -> {
                int at = position % body.length();
                posted = (body.substring(0, at) + (body.charAt(at) == 'x' ? 'y' : 'x') + body.substring(at + 1))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 1 -> {
                // a character of the claims, never the last of the segment (Base64's spare bits)
                int dot = token.indexOf('.');
                int end = token.indexOf('.', dot + 1);
                int at = dot + 1 + position % (end - dot - 2);
                token = token.substring(0, at) + (token.charAt(at) == 'x' ? 'y' : 'x') + token.substring(at + 1);
            }
            case 2 -> token = SignedRequests.token(SignedRequests.SECRET, SignedWebhook.sha256Hex(signed),
                    jwt -> jwt.withIssuedAt(Instant.now().minus(SignedWebhook.MAX_TOKEN_AGE)
                            .minus(SignedWebhook.CLOCK_SKEW).minus(Duration.ofSeconds(1 + position))));
            default -> token = SignedRequests.token("another-secret-of-sufficient-length-" + position,
                    SignedWebhook.sha256Hex(signed), jwt -> { });
        }

        assertThat(provider.isAuthentic(line, SignedRequests.withBody("inbound", posted, token))).isFalse();
    }

    @Property(tries = 300)
    void randomCallsAreNeverAuthenticAndNeverThrow(@ForAll String authorization, @ForAll byte[] body) {
        assertThat(provider.isAuthentic(line, SignedRequests.withBody("inbound", body, authorization))).isFalse();
        assertThat(provider.isAuthentic(line, SignedRequests.withBody("inbound", body, "Bearer " + authorization)))
                .isFalse();
    }

    @Provide
    Arbitrary<String> vonageContent() {
        Arbitrary<Object> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30).map(s -> s + MARKER),
                Arbitraries.of("sms", "text", "delivered", "rejected", "submitted", "completed", "14155550100",
                        "2026-11-24T10:00:00Z", "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab"),
                Arbitraries.integers(), Arbitraries.just(List.of()), Arbitraries.just(Map.of()));
        Arbitrary<String> objects = Arbitraries.maps(Arbitraries.of("message_uuid", "from", "to", "text", "channel",
                "message_type", "timestamp", "status", "uuid", "conversation_uuid", "error", "usage", "speech",
                "recording_uuid", "start_time", "end_time"), values).ofMaxSize(10)
                .map(SignedWebhookPropertiesTest::json);
        return Arbitraries.oneOf(objects, Arbitraries.strings().ofMaxLength(100).map(s -> s + MARKER));
    }

    @Provide
    Arbitrary<String> events() {
        return Arbitraries.of("inbound", "status", "answer", "event", "transcription");
    }

    @Property(tries = 300)
    void aSignedCallWithRandomContentGivesEventsOrAReasonThatShowsNoValue(
            @ForAll("vonageContent") String body, @ForAll("events") String event) {
        WebhookRequest request = SignedRequests.post(event, body);

        try {
            provider.handleWebhook(line, event, request);
        } catch (MalformedWebhookException malformed) {
            assertThat(malformed.getMessage()).doesNotContain(MARKER);
        }
    }

    private static String json(Map<String, ?> fields) {
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
