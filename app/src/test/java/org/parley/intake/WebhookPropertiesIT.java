package org.parley.intake;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.parley.ParleyApplication;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.testsupport.TestStaff;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Property-based tests of the webhook door, {@code /webhooks/{line}/{event}}, with the real Twilio, Vonage and sandbox
 * plugins loaded from their archives: random requests to any line, signed Twilio and Vonage texts changed after
 * signing, and signed requests with random fields. Whatever comes in: never a 5xx, nothing stored unless it was
 * signed, and no body in the log (every try carries a unique marker in its content, looked for in every captured log
 * line and exception message). A few hundred tries each, so the suite stays short on CI's 2 cores.
 */
class WebhookPropertiesIT {

    private static final String TWILIO_TOKEN = "twilio-auth-token-for-property-tests";
    private static final String TWILIO_ACCOUNT = "AC" + "1".repeat(32);
    private static final String VONAGE_SECRET = "vonage-signature-secret-for-property-tests-0123";
    private static final List<String> LINES = List.of("sandbox", "twilio-main", "vonage-main", "no-such-line");
    private static final List<String> EVENTS = List.of("sms", "status", "inbound", "voice", "transcription",
            "recording", "answer", "event");

    private static ConfigurableApplicationContext app;
    private static JdbcTemplate jdbc;
    private static int port;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeContainer
    static void start() throws Exception {
        app = new SpringApplicationBuilder(ParleyApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:webhook-properties;DB_CLOSE_DELAY=-1",
                "--parley.plugins.dir=" + System.getProperty("parley.test.plugins-dir"));
        port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        jdbc = app.getBean(JdbcTemplate.class);
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "admin", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        try {
            LineService lines = app.getBean(LineService.class);
            lines.save(TestStaff.named("admin"), new LineSnapshot("twilio-main", "Twilio line", "+19292038600", "twilio",
                    Map.of("accountSid", TWILIO_ACCOUNT, "authToken", TWILIO_TOKEN)));
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
        LOG.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
    }

    @AfterContainer
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
        if (app != null) {
            app.close();
        }
    }

    // --- random requests ------------------------------------------------------------------------------------------

    /** A request as anyone on the internet could send it. */
    record Probe(String method, String line, String event, String query, Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            return method + " /webhooks/" + line + "/" + event + "?" + query + " " + headers + " body "
                    + new String(body, StandardCharsets.UTF_8);
        }
    }

    @Property(tries = 300)
    void randomRequestsToAnyLineNeverGetA5xxStoreNothingAndLogNoBody(@ForAll("probes") Probe probe)
            throws Exception {
        String marker = marker();
        byte[] body = withMarker(probe.body(), marker);
        long storedBefore = storedRows();
        LOG.list.clear();

        HttpResponse<String> answer = send(probe.method(), "/webhooks/" + probe.line() + "/" + probe.event()
                + (probe.query().isEmpty() ? "" : "?" + probe.query()), probe.headers(), body);

        assertThat(answer.statusCode()).as(probe.toString()).isLessThan(500);
        assertThat(answer.statusCode()).as("unsigned, so not accepted: " + probe).isGreaterThanOrEqualTo(400);
        assertThat(storedRows()).as("nothing stored").isEqualTo(storedBefore);
        assertNoLogMentions(marker);
        assertThat(answer.body()).doesNotContain(marker);
    }

    @Provide
    Arbitrary<Probe> probes() {
        Arbitrary<String> methods = Arbitraries.of("GET", "POST");
        Arbitrary<String> lines = Arbitraries.of(LINES);
        Arbitrary<String> events = Arbitraries.oneOf(Arbitraries.of(EVENTS),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12));
        Arbitrary<String> query = Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10),
                Arbitraries.strings().ofMaxLength(30)).ofMaxSize(4).map(WebhookPropertiesIT::form);
        Arbitrary<String> headerValues = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200);
        Arbitrary<Map<String, String>> headers = Arbitraries.maps(Arbitraries.of("Content-Type", "Authorization",
                "X-Twilio-Signature", "X-Sandbox-Signature", "X-Forwarded-Proto", "Accept", "X-Anything"),
                Arbitraries.oneOf(headerValues, Arbitraries.of("application/json", "application/x-www-form-urlencoded",
                        "application/x-www-form-urlencoded; charset=ISO-8859-1", "Bearer a.b.c",
                        "Bearer " + "x".repeat(5000)))).ofMaxSize(5);
        Arbitrary<byte[]> bodies = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
                Arbitraries.maps(Arbitraries.of("MessageSid", "From", "To", "Body", "NumMedia", "MediaUrl0",
                                "MediaContentType0", "MessageStatus", "CallSid", "RecordingUrl", "AccountSid",
                                "TranscriptionText", "ErrorCode"), Arbitraries.strings().ofMaxLength(60))
                        .ofMaxSize(8).map(fields -> form(fields).getBytes(StandardCharsets.UTF_8)),
                Arbitraries.strings().ofMaxLength(300).map(text -> ("{\"message_uuid\":\"" + text
                        + "\",\"text\":" + text + ",\"to\":[{}]}").getBytes(StandardCharsets.UTF_8)));
        return Combinators.combine(methods, lines, events, query, headers, bodies).as(Probe::new);
    }

    // --- signed requests changed after signing --------------------------------------------------------------------

    record Mutation(int kind, int position, char replacement) {
    }

    @Property(tries = 200)
    void aTwilioTextChangedAfterSigningIsRefusedAndNothingIsStored(@ForAll("mutations") Mutation mutation)
            throws Exception {
        String marker = marker();
        Map<String, String> fields = twilioText(marker);
        String path = "/webhooks/twilio-main/sms";
        String signature = twilioSignature(url(path).toString(), fields);
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", "application/x-www-form-urlencoded",
                "X-Twilio-Signature", signature));
        switch (mutation.kind()) {
            case 0 -> fields.put("Body", change(fields.get("Body"), mutation));
            case 1 -> fields.put("From", change(fields.get("From"), mutation));
            case 2 -> path = path + "?" + form(Map.of("injected", String.valueOf(mutation.replacement())));
            case 3 -> headers.put("X-Twilio-Signature", change(signature.substring(0, 20), mutation)
                    + signature.substring(20));
            case 4 -> headers.remove("X-Twilio-Signature");
            default -> fields.put("NumMedia", "1");
        }
        long storedBefore = storedRows();
        LOG.list.clear();

        HttpResponse<String> answer = send("POST", path, headers, form(fields).getBytes(StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).as(mutation.toString()).isIn(400, 403);
        assertThat(storedRows()).isEqualTo(storedBefore);
        assertThat(LOG.list).as("the refusal is logged, so the log is captured").isNotEmpty();
        assertNoLogMentions(marker);
    }

    @Example
    void aSignedTwilioTextIsStoredAndASenderNumberLongerThanAnyPhoneNumberIsRefusedNamingTheFieldNot503()
            throws Exception {
        String marker = marker();
        Map<String, String> fields = twilioText(marker);
        String path = "/webhooks/twilio-main/sms";
        long storedBefore = storedRows();

        HttpResponse<String> accepted = send("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "X-Twilio-Signature", twilioSignature(url(path).toString(), fields)),
                form(fields).getBytes(StandardCharsets.UTF_8));
        fields.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        fields.put("From", "+1929203" + "1".repeat(30));
        HttpResponse<String> refused = send("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "X-Twilio-Signature", twilioSignature(url(path).toString(), fields)),
                form(fields).getBytes(StandardCharsets.UTF_8));

        assertThat(accepted.statusCode()).as("the harness signs as Twilio does").isEqualTo(200);
        assertThat(storedRows()).as("a new patient, conversation and message").isEqualTo(storedBefore + 3);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo("the sender's number is longer than 20 characters");
        assertThat(storedRows()).isEqualTo(storedBefore + 3);
    }

    @Property(tries = 200)
    void aVonageTextChangedAfterSigningIsRefusedAndNothingIsStored(@ForAll("mutations") Mutation mutation)
            throws Exception {
        String marker = marker();
        String json = vonageText(marker);
        String token = vonageToken(json.getBytes(StandardCharsets.UTF_8), Instant.now());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        switch (mutation.kind()) {
            case 0, 1 -> body = change(json, mutation).getBytes(StandardCharsets.UTF_8);
            case 2 -> token = vonageToken(body, Instant.now().minusSeconds(3600));
            case 3 -> {
                // a character of the claims, never the last of a segment (Base64's spare bits)
                int dot = token.indexOf('.');
                int at = dot + 1 + mutation.position() % (token.indexOf('.', dot + 1) - dot - 2);
                token = token.substring(0, at) + other(token.charAt(at), mutation.replacement())
                        + token.substring(at + 1);
            }
            case 4 -> token = null;
            default -> token = vonageToken(body, Instant.now(), "another-secret-of-sufficient-length-0000");
        }
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", "application/json"));
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        long storedBefore = storedRows();
        LOG.list.clear();

        HttpResponse<String> answer = send("POST", "/webhooks/vonage-main/inbound", headers, body);

        assertThat(answer.statusCode()).as(mutation.toString()).isIn(400, 403);
        assertThat(storedRows()).isEqualTo(storedBefore);
        assertNoLogMentions(marker);
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 10_000),
                Arbitraries.chars().alpha().numeric()).as(Mutation::new);
    }

    // --- signed requests with random fields -------------------------------------------------------------------------

    @Property(tries = 200)
    void signedTwilioRequestsWithRandomFieldsNeverGetA5xxAndLogNoBody(
            @ForAll("twilioFields") Map<String, String> random, @ForAll("twilioEvents") String event)
            throws Exception {
        String marker = marker();
        Map<String, String> fields = new TreeMap<>(random);
        fields.merge("Body", marker, (given, m) -> given + m);
        fields.put("AccountSid", TWILIO_ACCOUNT);
        String path = "/webhooks/twilio-main/" + event;
        LOG.list.clear();

        HttpResponse<String> answer = send("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "X-Twilio-Signature", twilioSignature(url(path).toString(), fields)),
                form(fields).getBytes(StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).as(fields.toString()).isLessThan(500);
        assertNoLogMentions(marker);
    }

    @Provide
    Arbitrary<Map<String, String>> twilioFields() {
        return Arbitraries.maps(Arbitraries.of("MessageSid", "SmsSid", "From", "To", "Body", "NumMedia", "MediaUrl0",
                        "MediaContentType0", "MessageStatus", "ErrorCode", "CallSid", "RecordingUrl",
                        "TranscriptionText", "TranscriptionStatus", "RecordingSid"),
                Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40), Arbitraries.of("+19292031234", "0", "1",
                        "-1", "99999999999", "delivered", "failed", "https://example.invalid/m", "image/jpeg",
                        "SM" + "a".repeat(32)))).ofMaxSize(10);
    }

    @Provide
    Arbitrary<String> twilioEvents() {
        return Arbitraries.of("sms", "status", "voice", "recording", "transcription");
    }

    @Property(tries = 200)
    void signedVonageRequestsWithRandomContentNeverGetA5xxAndLogNoBody(@ForAll("vonageBodies") String json,
                                                                       @ForAll("vonageEvents") String event)
            throws Exception {
        String marker = marker();
        byte[] body = (json.isEmpty() ? marker : json.replace("MARKER", marker)).getBytes(StandardCharsets.UTF_8);
        LOG.list.clear();

        HttpResponse<String> answer = send("POST", "/webhooks/vonage-main/" + event,
                Map.of("Content-Type", "application/json", "Authorization", "Bearer "
                        + vonageToken(body, Instant.now())), body);

        assertThat(answer.statusCode()).as(json).isLessThan(500);
        assertNoLogMentions(marker);
    }

    @Provide
    Arbitrary<String> vonageBodies() {
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30)
                        .map(s -> "\"" + s.replace("\\", "").replace("\"", "") + "MARKER\""),
                Arbitraries.of("null", "1", "-5", "true", "[]", "{}", "\"19292031234\"", "\"sms\"", "\"text\"",
                        "\"image\"", "\"delivered\"", "\"rejected\"", "{\"url\":\"https://example.invalid/p.jpg\"}"));
        Arbitrary<String> objects = Arbitraries.maps(Arbitraries.of("message_uuid", "from", "to", "text", "channel",
                        "message_type", "timestamp", "status", "image", "file", "uuid", "conversation_uuid",
                        "recording_url", "error", "usage"), values).ofMaxSize(10)
                .map(fields -> fields.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                        .collect(Collectors.joining(",", "{", "}")));
        return Arbitraries.oneOf(objects, Arbitraries.strings().ofMaxLength(200).map(s -> s + "MARKER"));
    }

    @Provide
    Arbitrary<String> vonageEvents() {
        return Arbitraries.of("inbound", "status", "answer", "event", "recording", "transcription");
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static String marker() {
        return "Qz" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "zQ";
    }

    private static byte[] withMarker(byte[] body, String marker) {
        byte[] mark = marker.getBytes(StandardCharsets.US_ASCII);
        byte[] marked = Arrays.copyOf(body, body.length + mark.length);
        System.arraycopy(mark, 0, marked, body.length, mark.length);
        return marked;
    }

    private static long storedRows() {
        return jdbc.queryForObject("select (select count(*) from message) + (select count(*) from contact) "
                + "+ (select count(*) from conversation) + (select count(*) from message_media)", Long.class);
    }

    /** No captured log line or exception message mentions the marker. */
    private static void assertNoLogMentions(String marker) {
        List<String> logged = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(LOG.list)) {
            logged.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                logged.add(t.getMessage());
            }
        }
        assertThat(logged).as("the log").allSatisfy(line -> assertThat(String.valueOf(line)).doesNotContain(marker));
    }

    private static URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(String method, String path, Map<String, String> headers, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, String> twilioText(String marker) {
        Map<String, String> text = new TreeMap<>();
        text.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        text.put("From", "+19292031" + (100 + (int) (Math.random() * 800)));
        text.put("To", "+19292038600");
        text.put("Body", "Results for " + marker + " please");
        text.put("NumMedia", "0");
        text.put("AccountSid", TWILIO_ACCOUNT);
        return text;
    }

    private static String twilioSignature(String url, Map<String, String> fields) throws Exception {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(fields).forEach((k, v) -> signed.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TWILIO_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String vonageText(String marker) {
        return "{\"channel\":\"sms\",\"message_uuid\":\"" + UUID.randomUUID() + "\",\"to\":\"19292038700\","
                + "\"from\":\"19292031020\",\"timestamp\":\"2026-11-24T10:00:00Z\",\"message_type\":\"text\","
                + "\"text\":\"Results for " + marker + " please\"}";
    }

    private static String vonageToken(byte[] body, Instant issued) throws Exception {
        return vonageToken(body, issued, VONAGE_SECRET);
    }

    private static String vonageToken(byte[] body, Instant issued, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iat\":" + issued.getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID()
                + "\",\"iss\":\"Vonage\",\"payload_hash\":\"" + hash + "\",\"api_key\":\"abc123\"}")
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return header + "." + claims + "." + b64.encodeToString(mac.doFinal((header + "." + claims)
                .getBytes(StandardCharsets.US_ASCII)));
    }

    /** The text with one character replaced by a different one. */
    private static String change(String text, Mutation mutation) {
        int at = mutation.position() % text.length();
        return text.substring(0, at) + other(text.charAt(at), mutation.replacement()) + text.substring(at + 1);
    }

    private static char other(char original, char replacement) {
        return replacement != original ? replacement : (original == 'x' ? 'y' : 'x');
    }
}
