package org.parley.vonage;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.parley.plugin.WebhookRequest;

/** Webhook calls as Vonage makes them: a JSON body (or query) and a JWT signed with the signature secret. */
final class SignedRequests {

    static final String SECRET = "signature-secret-of-the-account-0123456789";
    static final String APPLICATION_ID = "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab";

    private SignedRequests() {
    }

    /** A POST with this JSON body, signed over it. */
    static WebhookRequest post(String event, String json) {
        return post(event, json, SECRET, claims -> { });
    }

    static WebhookRequest post(String event, String json, String secret, Consumer<JWTCreator.Builder> adjust) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return withBody(event, body, token(secret, SignedWebhook.sha256Hex(body), adjust));
    }

    /** A POST carrying this body and this Authorization header (or none). */
    static WebhookRequest withBody(String event, byte[] body, String authorization) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        if (authorization != null) {
            headers.put("Authorization", List.of(authorization));
        }
        return new WebhookRequest("POST", VonageLine.BASE.resolve("/webhooks/front-desk/" + event), headers,
                Map.of(), body);
    }

    /**
     * A GET with these query parameters, as the answer webhook comes by default; Vonage hashes them as a
     * compact JSON object of strings, in order.
     */
    static WebhookRequest get(String event, Map<String, String> query, String payloadJson) {
        StringBuilder raw = new StringBuilder();
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        query.forEach((name, value) -> {
            raw.append(raw.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            parameters.put(name, List.of(value));
        });
        String hash = SignedWebhook.sha256Hex(payloadJson.getBytes(StandardCharsets.UTF_8));
        return new WebhookRequest("GET", URI.create(VonageLine.BASE + "/webhooks/front-desk/" + event + "?" + raw),
                Map.of("Authorization", List.of(token(SECRET, hash, claims -> { }))), parameters, new byte[0]);
    }

    static String token(String secret, String payloadHash, Consumer<JWTCreator.Builder> adjust) {
        Instant now = Instant.now();
        JWTCreator.Builder jwt = JWT.create()
                .withIssuedAt(now)
                .withJWTId(UUID.randomUUID().toString())
                .withIssuer("Vonage")
                .withClaim("api_key", "abcd1234")
                .withClaim("application_id", APPLICATION_ID)
                .withClaim("payload_hash", payloadHash);
        adjust.accept(jwt);
        return "Bearer " + jwt.sign(Algorithm.HMAC256(secret));
    }
}
