package org.parley.vonage;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.parley.plugin.WebhookRequest;

/**
 * Vonage's signed webhooks: every Messages and Voice webhook carries {@code Authorization: Bearer <JWT>}, signed
 * HS256 with the account's signature secret, whose {@code payload_hash} claim is the SHA-256 (hex) of the
 * payload. The signature proves the call comes from Vonage; the hash ties the token to this very payload, so
 * a token cannot be replayed with another body. The SDK checks only the signature, so the hash is checked here, and
 * so is the token's age ({@link #MAX_TOKEN_AGE} from {@code iat}), so a captured call cannot be replayed later.
 */
final class SignedWebhook {

    /** How far Parley's clock may disagree with Vonage's about {@code exp}, {@code nbf} and {@code iat}. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    /**
     * How old a token may be, counted from its {@code iat}, before it is refused (plus {@link #CLOCK_SKEW}). Vonage's
     * tokens carry no {@code exp}: without this, a token and body captured once (a proxy log, a leaked capture)
     * could be replayed for ever. Vonage signs each call as it makes it and retries with a new token, so minutes are
     * plenty.
     */
    static final Duration MAX_TOKEN_AGE = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private SignedWebhook() {
    }

    /**
     * Whether the request carries a valid token for this secret whose payload hash matches the request.
     *
     * @param applicationId the line's application; a token naming another application is refused
     */
    static boolean isAuthentic(String signatureSecret, String applicationId, WebhookRequest request) {
        if (signatureSecret == null || signatureSecret.isBlank()) {
            return false;
        }
        String token = bearerToken(request);
        if (token == null) {
            return false;
        }
        DecodedJWT jwt;
        try {
            jwt = JWT.require(Algorithm.HMAC256(signatureSecret))
                    .acceptLeeway(CLOCK_SKEW.toSeconds())
                    .build()
                    .verify(token);
        } catch (JWTVerificationException | IllegalArgumentException e) {
            return false;
        }
        if (!freshEnough(jwt.getIssuedAtAsInstant(), Instant.now())) {
            return false;
        }
        Claim application = jwt.getClaim("application_id");
        if (!application.isMissing() && !application.isNull() && applicationId != null
                && !applicationId.strip().equalsIgnoreCase(application.asString())) {
            return false;
        }
        String payloadHash = jwt.getClaim("payload_hash").asString();
        if (payloadHash == null || payloadHash.isBlank()) {
            return false;
        }
        byte[] claimed = payloadHash.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        for (String candidate : payloadHashes(request)) {
            if (MessageDigest.isEqual(claimed, candidate.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a token issued at {@code issuedAt} (none: refused) is young enough at {@code now}. */
    static boolean freshEnough(Instant issuedAt, Instant now) {
        return issuedAt != null && !issuedAt.isBefore(now.minus(MAX_TOKEN_AGE).minus(CLOCK_SKEW));
    }

    /** The SHA-256 hex of bytes, as Vonage writes {@code payload_hash}. */
    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String bearerToken(WebhookRequest request) {
        String header = request.header("Authorization").orElse("").strip();
        if (header.length() <= 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }

    /**
     * What the payload hash may have been taken over. First the raw body, byte for byte. Vonage's Voice API
     * hashes its payload as compact JSON: for a GET (the answer webhook) the query parameters as a JSON object
     * of strings in their order; for a POST the body, which it sends compact, re-serialised here in case a
     * proxy re-indented it. Each candidate is derived from the request itself, so none accepts other content.
     */
    private static Set<String> payloadHashes(WebhookRequest request) {
        Set<String> hashes = new LinkedHashSet<>();
        byte[] body = request.body();
        hashes.add(sha256Hex(body));
        if (body.length == 0) {
            String query = request.url().getRawQuery();
            hashes.add(sha256Hex(queryAsJson(query).getBytes(StandardCharsets.UTF_8)));
        } else {
            try {
                JsonNode parsed = JSON.readTree(body);
                if (parsed != null && parsed.isContainerNode()) {
                    hashes.add(sha256Hex(JSON.writeValueAsBytes(parsed)));
                }
            } catch (IOException notJson) {
                // the raw body is the only candidate
            }
        }
        return hashes;
    }

    private static String queryAsJson(String rawQuery) {
        ObjectNode object = JSON.createObjectNode();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!object.has(name)) {
                    object.put(name, value);
                }
            }
        }
        try {
            return JSON.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON object of strings cannot be written", e);
        }
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }
}
