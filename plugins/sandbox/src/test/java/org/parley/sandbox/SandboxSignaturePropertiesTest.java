package org.parley.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.parley.plugin.LineContext;
import org.parley.plugin.MalformedWebhookException;
import org.parley.plugin.WebhookRequest;
import org.parley.plugin.testkit.FakeLine;
import org.parley.plugin.testkit.HttpMedia;

/**
 * The sandbox carrier's signature check and webhook parser, property-based: any call signed with the line's secret
 * passes; any change to the URL, the body or the signature fails; random calls never pass and never throw; a signed
 * call with random fields gives events or a malformed-call reason that shows no value. A few hundred tries each.
 */
class SandboxSignaturePropertiesTest {

    private static final String SECRET = "line-secret-for-property-tests";
    private static final String MARKER = "Qz7marker7zQ";
    private static final URI BASE = URI.create("https://parley.example.org");

    private final SandboxProvider provider = new SandboxProvider();
    /** A sandbox line whose media fetches fail (the random fields name no real picture). */
    private final LineContext line = FakeLine.of("sandbox", "+15555550100").withPublicBase(BASE)
            .with("signingSecret", SECRET).withMedia(HttpMedia.failing("no pictures in this test"));

    @Provide
    Arbitrary<Map<String, String>> fields() {
        return Arbitraries.maps(Arbitraries.of("MessageId", "CallId", "From", "To", "Body", "Status", "ErrorCode",
                        "MediaUrl0", "NumMedia", "RecordingUrl", "RecordingDuration", "TranscriptionText", "OptedOut"),
                Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40).map(s -> s + MARKER),
                        Arbitraries.of("", "0", "-1", "abc", "delivered", "failed", "+19292038684", "SB-1",
                                "99999999999"))).ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> events() {
        return Arbitraries.of("sms", "status", "voice", "transcription");
    }

    @Property(tries = 300)
    void anyCallSignedWithTheLinesSecretIsAuthentic(@ForAll("fields") Map<String, String> fields,
                                                    @ForAll("events") String event) {
        URI url = line.webhookUrl(event);
        byte[] body = form(fields);

        assertThat(provider.isAuthentic(line, request(url, body, SandboxSignatures.sign(SECRET, url, body)))).isTrue();
    }

    @Property(tries = 300)
    void anyChangeAfterSigningIsRefused(@ForAll("fields") Map<String, String> fields, @ForAll("events") String event,
                                        @ForAll @IntRange(min = 0, max = 3) int kind,
                                        @ForAll @IntRange(min = 0, max = 10_000) int position) {
        URI url = line.webhookUrl(event);
        byte[] body = form(fields);
        String signature = SandboxSignatures.sign(SECRET, url, body);
        URI posted = url;
        byte[] postedBody = body;
        switch (kind) {
            case 0 -> {
                postedBody = body.length == 0 ? new byte[] {'x'} : body.clone();
                if (body.length > 0) {
                    postedBody[position % body.length] ^= 1;
                }
            }
            case 1 -> posted = URI.create(url + "?extra=" + position);
            case 2 -> {
                // a character of the first 40 of 44: never one of Base64's spare bits at the end
                int at = position % 40;
                signature = signature.substring(0, at) + (signature.charAt(at) == 'x' ? 'y' : 'x')
                        + signature.substring(at + 1);
            }
            default -> signature = null;
        }

        assertThat(provider.isAuthentic(line, request(posted, postedBody, signature))).isFalse();
    }

    @Property(tries = 300)
    void randomCallsAreNeverAuthenticAndNeverThrow(@ForAll String signature, @ForAll byte[] body) {
        assertThat(provider.isAuthentic(line, request(line.webhookUrl("sms"), body, signature))).isFalse();
    }

    @Property(tries = 300)
    void aSignedCallWithRandomFieldsGivesEventsOrAReasonThatShowsNoValue(
            @ForAll("fields") Map<String, String> fields, @ForAll("events") String event) {
        URI url = line.webhookUrl(event);
        byte[] body = form(fields);

        try {
            provider.handleWebhook(line, event, request(url, body, SandboxSignatures.sign(SECRET, url, body)));
        } catch (MalformedWebhookException malformed) {
            assertThat(malformed.getMessage()).doesNotContain(MARKER);
        }
    }

    private static byte[] form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A request as the app hands it over: headers, the form's fields as parameters, the raw body. */
    private static WebhookRequest request(URI url, byte[] body, String signature) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/x-www-form-urlencoded"));
        if (signature != null) {
            headers.put("X-Sandbox-Signature", List.of(signature));
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.isEmpty()) {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                try {
                    parameters.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                            List.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
                } catch (IllegalArgumentException notForm) {
                    // a changed body need not be a form any more; the app answers such a call 400 before the plugin
                }
            }
        }
        return new WebhookRequest("POST", url, headers, parameters, body);
    }
}
