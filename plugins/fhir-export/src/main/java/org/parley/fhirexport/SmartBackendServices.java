package org.parley.fhirexport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SMART Backend Services: Parley asks the EHR's token endpoint for an access token with a client-credentials grant,
 * proving who it is with a JWT it signs with its private key (RS384 or ES384). Tokens are kept until shortly before
 * they expire, one per configured client.
 */
final class SmartBackendServices {

    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** SMART allows at most five minutes; a minute less leaves room for clocks that differ. */
    private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(4);
    private static final String WHAT = "obtaining a SMART access token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final Map<ExporterSettings.Smart, Token> tokens = new ConcurrentHashMap<>();

    SmartBackendServices(Clock clock) {
        this.clock = clock;
    }

    private record Token(String value, Instant renewAt) {
        @Override
        public String toString() {
            return "Token[renewAt=" + renewAt + "]";
        }
    }

    /** The credentials of one configured client: its cached token, or a new one. */
    Credentials credentials(HttpClient http, ExporterSettings.Smart client, Duration timeout) {
        return new Credentials() {
            @Override
            public String authorization(boolean fresh) throws EhrFailure {
                Token token = fresh ? null : tokens.get(client);
                if (token == null || !clock.instant().isBefore(token.renewAt())) {
                    token = obtain(http, client, timeout);
                    tokens.put(client, token);
                }
                return "Bearer " + token.value();
            }

            @Override
            public boolean renewable() {
                return true;
            }
        };
    }

    private Token obtain(HttpClient http, ExporterSettings.Smart client, Duration timeout) throws EhrFailure {
        SigningKey key = SigningKey.read(client.privateKeyFile());
        Instant now = clock.instant();
        String form = "grant_type=client_credentials"
                + "&scope=" + PatientSearch.encode(client.scope())
                + "&client_assertion_type=" + PatientSearch.encode(ASSERTION_TYPE)
                + "&client_assertion=" + assertion(key, client, now);
        HttpRequest request = HttpRequest.newBuilder(client.tokenUrl()).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.US_ASCII)).build();
        HttpResponse<byte[]> response =
                FhirEndpoint.send(http, request, timeout.toSeconds(), "The EHR's token endpoint", WHAT);
        int status = response.statusCode();
        JsonNode body = json(response.body());
        if (status == 200 && body.path("access_token").isTextual() && !body.path("access_token").asText().isBlank()) {
            long expiresIn = body.path("expires_in").canConvertToLong() ? body.path("expires_in").asLong() : 300;
            Duration lifetime = Duration.ofSeconds(Math.max(expiresIn, 1));
            Duration margin = lifetime.dividedBy(2).compareTo(Duration.ofMinutes(1)) < 0
                    ? lifetime.dividedBy(2) : Duration.ofMinutes(1);
            return new Token(body.path("access_token").asText(), now.plus(lifetime).minus(margin));
        }
        if (status == 200) {
            throw EhrFailure.permanent("The EHR's token endpoint answered without an access token (" + WHAT + ").");
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw EhrFailure.retryable("The EHR's token endpoint is unavailable (HTTP " + status + ", " + WHAT + ").");
        }
        String error = body.path("error").asText("");
        throw EhrFailure.permanent("The EHR's token endpoint refused Parley's client (HTTP " + status
                + (error.matches("[a-z_]{1,40}") ? ", " + error : "")
                + "): check the credentials: the client id, the key id, and that the EHR holds the public key of "
                + "the private key file.");
    }

    /** The signed JWT that proves Parley is the registered client (SMART Backend Services, client_assertion). */
    String assertion(SigningKey key, ExporterSettings.Smart client, Instant now) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", key.algorithm());
        header.put("kid", client.keyId());
        header.put("typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", client.clientId());
        claims.put("sub", client.clientId());
        claims.put("aud", client.tokenUrl().toString());
        claims.put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        String signingInput = base64Url(bytes(header)) + "." + base64Url(bytes(claims));
        return signingInput + "." + base64Url(key.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] bytes(Map<String, Object> json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("a map of strings and numbers is always JSON", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
