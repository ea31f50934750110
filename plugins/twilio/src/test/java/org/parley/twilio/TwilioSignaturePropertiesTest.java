package org.parley.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.parley.plugin.MalformedWebhookException;
import org.parley.plugin.WebhookRequest;
import org.parley.plugin.testkit.FakeLine;

/**
 * Twilio's signature check and webhook parser, property-based: any call signed with the line's auth token passes; any
 * change after signing fails; random calls never pass and never throw; and a signed call with random fields gives
 * events or a malformed-call reason that names a field, never a value (the app answers that 400). A few hundred
 * tries each.
 */
class TwilioSignaturePropertiesTest {

    private static final String MARKER = "Qz7marker7zQ";

    private final TwilioProvider provider = new TwilioProvider(credentials -> {
        throw new AssertionError("checking a signature or reading a text without pictures needs no call to Twilio");
    });
    private final FakeLine line = TwilioLine.configured();

    @Provide
    Arbitrary<Map<String, String>> fields() {
        return Arbitraries.maps(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(16),
                Arbitraries.strings().ofMaxLength(60)).ofMaxSize(10);
    }

    @Provide
    Arbitrary<String> events() {
        return Arbitraries.of("sms", "status", "voice", "recording", "transcription");
    }

    @Property(tries = 300)
    void anyCallSignedWithTheLinesAuthTokenIsAuthentic(@ForAll("fields") Map<String, String> fields,
                                                       @ForAll("events") String event) {
        URI url = line.webhookUrl(event);

        assertThat(provider.isAuthentic(line, TwilioSignatures.signedPost(url, fields))).isTrue();
    }

    @Property(tries = 300)
    void anyChangeAfterSigningIsRefused(@ForAll("fields") Map<String, String> fields, @ForAll("events") String event,
                                        @ForAll @IntRange(min = 0, max = 4) int kind,
                                        @ForAll @IntRange(min = 0, max = 1000) int position) {
        URI url = line.webhookUrl(event);
        String signature = TwilioSignatures.sign(TwilioLine.AUTH_TOKEN, url, fields);
        Map<String, String> changed = new LinkedHashMap<>(fields);
        URI posted = url;
        switch (kind) {
            case 0 -> {
                Assume.that(!fields.isEmpty());
                String name = List.copyOf(fields.keySet()).get(position % fields.size());
                String value = fields.get(name);
                changed.put(name, value.isEmpty() ? "x" : value.substring(0, position % value.length())
                        + (value.charAt(position % value.length()) == 'x' ? 'y' : 'x')
                        + value.substring(position % value.length() + 1));
            }
            case 1 -> changed.put("Injected" + position, "https://attacker.example/evil.jpg");
            case 2 -> {
                Assume.that(!fields.isEmpty());
                changed.remove(List.copyOf(fields.keySet()).get(position % fields.size()));
            }
            case 3 -> posted = URI.create(url + "?practice=" + position);
            default -> posted = line.webhookUrl(event + "x");
        }

        assertThat(provider.isAuthentic(line, TwilioSignatures.post(posted, changed, signature))).isFalse();
    }

    @Property(tries = 300)
    void randomCallsAreNeverAuthenticAndNeverThrow(@ForAll("fields") Map<String, String> fields,
                                                   @ForAll String signature, @ForAll byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("x-twilio-signature", List.of(signature));
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        fields.forEach((name, value) -> parameters.put(name, List.of(value)));
        WebhookRequest request = new WebhookRequest("POST", line.webhookUrl("sms"), headers, parameters, body);

        assertThat(provider.isAuthentic(line, request)).isFalse();
        assertThat(provider.isAuthentic(line, TwilioSignatures.post(line.webhookUrl("sms"), fields, null)))
                .isFalse();
    }

    @Provide
    Arbitrary<Map<String, String>> twilioFields() {
        return Arbitraries.maps(Arbitraries.of("MessageSid", "SmsSid", "From", "To", "Body", "NumMedia",
                        "MessageStatus", "ErrorCode", "CallSid", "RecordingUrl", "RecordingStatus",
                        "RecordingDuration", "TranscriptionText", "TranscriptionStatus", "RecordingSid"),
                Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40).map(s -> s + MARKER),
                        Arbitraries.of("", "0", "-1", "abc", "delivered", "failed", "undelivered", "21610",
                                "completed", "+15557654321"))).ofMaxSize(12);
    }

    @Property(tries = 300)
    void aSignedCallWithRandomFieldsGivesEventsOrAReasonThatShowsNoValue(
            @ForAll("twilioFields") Map<String, String> fields, @ForAll("events") String event) {
        WebhookRequest request = TwilioSignatures.signedPost(line.webhookUrl(event), fields);

        try {
            provider.handleWebhook(line, event, request);
        } catch (MalformedWebhookException malformed) {
            assertThat(malformed.getMessage()).doesNotContain(MARKER);
        }
    }
}
