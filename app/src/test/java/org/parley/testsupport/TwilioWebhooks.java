package org.parley.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plays Twilio towards a running Parley: posts a Twilio line's webhooks form-encoded over real HTTP, signed as Twilio
 * signs them ({@code X-Twilio-Signature}: Base64 of HMAC-SHA1, keyed by the account's auth token, over the full URL
 * followed by each POST parameter's name and value, sorted by name). The Twilio plugin checks that signature with
 * Twilio's own SDK, so a webhook this class posts is accepted exactly when Twilio's would be. Thread-safe.
 */
public final class TwilioWebhooks implements AutoCloseable {

    /** Twilio's signature header. */
    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUrl;
    private final String authToken;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    private TwilioWebhooks(URI baseUrl, String authToken) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
        this.authToken = authToken;
    }

    /** Calls the Parley on {@code http://localhost:{port}} (its public base URL in tests) for a line with this token. */
    public static TwilioWebhooks at(int port, String authToken) {
        return new TwilioWebhooks(URI.create("http://localhost:" + port), authToken);
    }

    /** Posts {@code fields} to {@code /webhooks/{lineId}/{event}}, signed with the auth token. */
    public HttpResponse<String> post(String lineId, String event, Map<String, String> fields) {
        URI url = URI.create(baseUrl + "/webhooks/" + lineId + "/" + event);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header(SIGNATURE_HEADER, sign(authToken, url, fields))
                .POST(HttpRequest.BodyPublishers.ofByteArray(SandboxWebhooks.formBody(fields))).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("POST " + url + " was interrupted", e);
        }
    }

    /** Twilio's signature of a POST of {@code fields} to {@code url}. */
    public static String sign(String authToken, URI url, Map<String, String> fields) {
        StringBuilder data = new StringBuilder(url.toString());
        new TreeMap<>(fields).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /** A text as Twilio's "A message comes in" reports it, without pictures; mutable and ordered. */
    public static Map<String, String> inboundSms(String accountSid, String messageSid, String from, String to,
                                                 String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ToCountry", "US");
        fields.put("SmsMessageSid", messageSid);
        fields.put("NumMedia", "0");
        fields.put("SmsSid", messageSid);
        fields.put("SmsStatus", "received");
        fields.put("Body", body);
        fields.put("To", to);
        fields.put("NumSegments", "1");
        fields.put("MessageSid", messageSid);
        fields.put("AccountSid", accountSid);
        fields.put("From", from);
        fields.put("ApiVersion", "2010-04-01");
        return fields;
    }

    @Override
    public void close() {
        http.close();
    }
}
