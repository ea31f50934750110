package org.parley.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plays the sandbox carrier towards a running Parley: builds its form-encoded webhook calls, signs them the
 * way the sandbox plugin checks them and posts them over real HTTP to {@code /webhooks/{line}/{event}}.
 *
 * <p>The signature is the sandbox carrier's: header {@value #SIGNATURE_HEADER} carries
 * {@code Base64(HMAC-SHA256(secret, fullUrl + "\n" + rawBody))}, where {@code fullUrl} is the URL posted to
 * (Parley checks it against its public base URL, {@code http://localhost:{port}} in tests) and the key is the
 * line's {@code signingSecret} setting.
 *
 * <pre>{@code
 * String secret = lineService.find("sandbox").orElseThrow().settings().get(SandboxWebhooks.SECRET_SETTING);
 * try (SandboxWebhooks webhooks = SandboxWebhooks.at(port)) {
 *     HttpResponse<String> response = webhooks.post("sandbox", SandboxWebhooks.SMS, secret,
 *             SandboxWebhooks.inboundSms("SM-1", "+15555550123", "+15555550100", "Hello"));
 * }
 * }</pre>
 *
 * <p>Instances are thread-safe; {@link #close()} releases their HTTP client. Failures to reach the server
 * surface as unchecked exceptions, so tests need no {@code throws} clauses.
 */
public final class SandboxWebhooks implements AutoCloseable {

    /** The header the sandbox carrier signs its calls with. */
    public static final String SIGNATURE_HEADER = "X-Sandbox-Signature";

    /** The line setting holding the key webhooks are signed with. */
    public static final String SECRET_SETTING = "signingSecret";

    /** The sandbox's event for a patient's text ({@code /webhooks/{line}/sms}). */
    public static final String SMS = "sms";

    /** The sandbox's event for a delivery update ({@code /webhooks/{line}/status}). */
    public static final String STATUS = "status";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUrl;
    private final HttpClient http;

    private SandboxWebhooks(URI baseUrl) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
    }

    /** Calls the Parley listening on {@code http://localhost:{port}} (what it believes its public URL is). */
    public static SandboxWebhooks at(int port) {
        return at(URI.create("http://localhost:" + port));
    }

    /** Calls the Parley at {@code baseUrl}, which must be what it takes as its public base URL. */
    public static SandboxWebhooks at(URI baseUrl) {
        return new SandboxWebhooks(Objects.requireNonNull(baseUrl, "baseUrl"));
    }

    /** The full URL of a line's webhook, as signed: {@code {baseUrl}/webhooks/{lineId}/{event}}. */
    public URI webhookUrl(String lineId, String event) {
        return URI.create(baseUrl + "/webhooks/" + lineId + "/" + event);
    }

    /**
     * Posts {@code fields} form-encoded to a line's webhook, correctly signed with {@code secret}.
     *
     * @return Parley's answer, its body as text
     */
    public HttpResponse<String> post(String lineId, String event, String secret, Map<String, String> fields) {
        URI url = webhookUrl(lineId, event);
        byte[] body = formBody(fields);
        return send(url, body, sign(secret, url, body));
    }

    /**
     * Posts {@code fields} form-encoded to a line's webhook with the given signature header as is: for
     * forged or missing signatures.
     *
     * @param signature the header's value, or {@code null} to send no signature header at all
     */
    public HttpResponse<String> postWithSignature(String lineId, String event, String signature,
                                                  Map<String, String> fields) {
        return send(webhookUrl(lineId, event), formBody(fields), signature);
    }

    /** The sandbox carrier's signature of a call: Base64 of HMAC-SHA256 over {@code url + "\n" + body}. */
    public static String sign(String secret, URI url, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(url.toString().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            mac.update(body);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** {@code application/x-www-form-urlencoded} bytes of {@code fields}, in their iteration order. */
    public static byte[] formBody(Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((name, value) -> {
            if (!form.isEmpty()) {
                form.append('&');
            }
            form.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The fields of a patient's text as the sandbox carrier reports it ({@code MessageId}, {@code From},
     * {@code To}, {@code Body}). A {@code null} argument leaves its field out, e.g. to test a call that lacks
     * it. The map is mutable and ordered, so a test can add or remove fields.
     */
    public static Map<String, String> inboundSms(String messageId, String from, String to, String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        putIfNotNull(fields, "MessageId", messageId);
        putIfNotNull(fields, "From", from);
        putIfNotNull(fields, "To", to);
        putIfNotNull(fields, "Body", body);
        return fields;
    }

    /**
     * The fields of a delivery update ({@code MessageId}, {@code Status}: sent, delivered, undelivered, failed
     * or read), mutable and ordered like {@link #inboundSms}.
     */
    public static Map<String, String> statusUpdate(String messageId, String status) {
        Map<String, String> fields = new LinkedHashMap<>();
        putIfNotNull(fields, "MessageId", messageId);
        putIfNotNull(fields, "Status", status);
        return fields;
    }

    /** Releases the HTTP client. */
    @Override
    public void close() {
        http.close();
    }

    private HttpResponse<String> send(URI url, byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(SIGNATURE_HEADER, signature);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("POST " + url + " was interrupted", e);
        }
    }

    private static void putIfNotNull(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
