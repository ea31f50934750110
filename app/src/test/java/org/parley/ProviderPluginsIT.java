package org.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.provider.ProviderRegistry;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The Twilio and Vonage plugin archives the build produced, loaded by the app, with webhooks signed exactly as
 * each provider signs them posted to the app's real endpoint: accepted, forged and replayed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:provider-plugins;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class ProviderPluginsIT {

    private static final String TWILIO_TOKEN = "twilio-auth-token-for-tests";
    private static final String VONAGE_SECRET = "vonage-signature-secret-for-tests-0123456789";

    @LocalServerPort
    int port;
    @Autowired
    ProviderRegistry providers;
    @Autowired
    LineService lines;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void linesOfBothProvidersExist() throws Exception {
        if (lines.find("twilio-main").isPresent()) {
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "admin", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        try {
            lines.save(TestStaff.named("admin"), new LineSnapshot("twilio-main", "Twilio line", "+19292038600", "twilio",
                    Map.of("accountSid", "AC" + "0".repeat(32), "authToken", TWILIO_TOKEN)));
            var keys = KeyPairGenerator.getInstance("RSA");
            keys.initialize(2048);
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(keys.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            lines.save(TestStaff.named("admin"), new LineSnapshot("vonage-main", "Vonage line", "+19292038700", "vonage",
                    Map.of("applicationId", UUID.randomUUID().toString(), "privateKey", pem,
                            "signatureSecret", VONAGE_SECRET)));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private int stored(String providerMessageId) {
        return jdbc.queryForObject("select count(*) from message where provider_message_id = ?", Integer.class,
                providerMessageId);
    }

    @Test
    void bothProviderPluginsAreLoadedFromTheirArchives() {
        assertThat(providers.provider("twilio")).isPresent();
        assertThat(providers.provider("vonage")).isPresent();
    }

    // --- Twilio: X-Twilio-Signature, HMAC-SHA1 over the URL and the sorted POST parameters --------------------

    private HttpResponse<String> postTwilio(Map<String, String> fields, String token) throws Exception {
        URI url = url("/webhooks/twilio-main/sms");
        StringBuilder signed = new StringBuilder(url.toString());
        new TreeMap<>(fields).forEach((k, v) -> signed.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTwilioTextSignedWithTheAuthTokenIsStoredOnceEvenWhenReplayed() throws Exception {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> text = Map.of("MessageSid", sid, "From", "+19292031010", "To", "+19292038600",
                "Body", "Is the clinic open on Friday?", "NumMedia", "0", "AccountSid", "AC" + "0".repeat(32));

        assertThat(postTwilio(text, TWILIO_TOKEN).statusCode()).isEqualTo(200);
        assertThat(postTwilio(text, TWILIO_TOKEN).statusCode()).isEqualTo(200);
        assertThat(stored(sid)).isEqualTo(1);
    }

    @Test
    void aTwilioTextSignedWithAnotherTokenIsRefusedAndNotStored() throws Exception {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> text = Map.of("MessageSid", sid, "From", "+19292031011", "To", "+19292038600",
                "Body", "forged", "NumMedia", "0");

        assertThat(postTwilio(text, "not-the-token").statusCode()).isEqualTo(403);
        assertThat(stored(sid)).isZero();
    }

    // --- Vonage: Authorization Bearer JWT (HS256, signature secret) with payload_hash of the body ---------------

    private HttpResponse<String> postVonage(String json, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(json.getBytes(StandardCharsets.UTF_8)));
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iat\":" + now + ",\"jti\":\"" + UUID.randomUUID()
                + "\",\"iss\":\"Vonage\",\"payload_hash\":\"" + hash + "\",\"api_key\":\"abc123\"}")
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = b64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
        return http.send(HttpRequest.newBuilder(url("/webhooks/vonage-main/inbound"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + header + "." + claims + "." + signature)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String vonageText(String uuid, String from, String text) {
        return "{\"channel\":\"sms\",\"message_uuid\":\"" + uuid + "\",\"to\":\"19292038700\",\"from\":\"" + from
                + "\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"message_type\":\"text\",\"text\":\"" + text + "\"}";
    }

    @Test
    void aVonageTextWithASignedJwtIsStoredOnceEvenWhenReplayed() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String json = vonageText(uuid, "19292031020", "Can I get a refill?");

        assertThat(postVonage(json, VONAGE_SECRET).statusCode()).isEqualTo(200);
        assertThat(postVonage(json, VONAGE_SECRET).statusCode()).isEqualTo(200);
        assertThat(stored(uuid)).isEqualTo(1);
    }

    @Test
    void aVonageTextWithAForgedJwtIsRefusedAndNotStored() throws Exception {
        String uuid = UUID.randomUUID().toString();

        assertThat(postVonage(vonageText(uuid, "19292031021", "forged"), "another-secret-of-sufficient-length-00")
                .statusCode()).isEqualTo(403);
        assertThat(stored(uuid)).isZero();
    }
}
