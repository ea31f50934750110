package org.parley.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.twilio.TwilioWebhookTest.fields;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.plugin.WebhookRequest;
import org.parley.plugin.testkit.FakeLine;

/** Only calls Twilio signed with the line's auth token are authentic. */
class TwilioSignatureTest {

    private final TwilioProvider provider = new TwilioProvider(credentials -> {
        throw new AssertionError("checking a signature needs no call to Twilio");
    });
    private final FakeLine line = TwilioLine.configured();
    private final URI url = line.webhookUrl("sms");
    private final Map<String, String> fields = fields("MessageSid", "SM1", "From", "+15557654321",
            "To", TwilioLine.NUMBER, "Body", "Hello & good morning +1 (555) 765-4321", "NumMedia", "0");

    @Test
    void aCallSignedWithTheLinesAuthTokenIsAuthentic() {
        String signature = TwilioSignatures.sign(TwilioLine.AUTH_TOKEN, url, fields);

        assertThat(provider.isAuthentic(line, TwilioSignatures.post(url, fields, signature))).isTrue();
    }

    @Test
    void aCallSignedWithAnotherTokenIsRefused() {
        String forged = TwilioSignatures.sign("someone-elses-token", url, fields);

        assertThat(provider.isAuthentic(line, TwilioSignatures.post(url, fields, forged))).isFalse();
    }

    @Test
    void aParameterAddedAfterSigningIsRefused() {
        String signature = TwilioSignatures.sign(TwilioLine.AUTH_TOKEN, url, fields);
        Map<String, String> tampered = new LinkedHashMap<>(fields);
        tampered.put("MediaUrl0", "https://attacker.example/evil.jpg");

        assertThat(provider.isAuthentic(line, TwilioSignatures.post(url, tampered, signature))).isFalse();
    }

    @Test
    void aChangedValueIsRefused() {
        String signature = TwilioSignatures.sign(TwilioLine.AUTH_TOKEN, url, fields);
        Map<String, String> tampered = new LinkedHashMap<>(fields);
        tampered.put("From", "+15550009999");

        assertThat(provider.isAuthentic(line, TwilioSignatures.post(url, tampered, signature))).isFalse();
    }

    @Test
    void aParameterTwilioAddedAndSignedIsAccepted() {
        // Twilio adds fields over time; the signature covers whatever was posted
        Map<String, String> more = new LinkedHashMap<>(fields);
        more.put("MessagingServiceSid", "MG1");
        more.put("SmsMessageSid", "SM1");
        more.put("ApiVersion", "2010-04-01");

        assertThat(provider.isAuthentic(line, TwilioSignatures.signedPost(url, more))).isTrue();
    }

    @Test
    void aCallToAUrlWithAQueryIsCheckedWithTheQueryAsPartOfTheUrlOnly() {
        URI withQuery = URI.create(url + "?practice=north");

        WebhookRequest request = TwilioSignatures.signedPost(withQuery, fields);

        assertThat(request.parameter("practice")).contains("north");
        assertThat(provider.isAuthentic(line, request)).isTrue();
    }

    @Test
    void aCallSignedForAnotherUrlIsRefused() {
        String signature = TwilioSignatures.sign(TwilioLine.AUTH_TOKEN, line.webhookUrl("status"), fields);

        assertThat(provider.isAuthentic(line, TwilioSignatures.post(url, fields, signature))).isFalse();
    }

    @Test
    void aCallWithoutASignatureIsRefused() {
        assertThat(provider.isAuthentic(line, TwilioSignatures.post(url, fields, null))).isFalse();
        assertThat(provider.isAuthentic(line, TwilioSignatures.post(url, fields, ""))).isFalse();
    }

    @Test
    void aLineWithoutAnAuthTokenFindsNothingAuthentic() {
        WebhookRequest request = TwilioSignatures.signedPost(url, fields);

        assertThat(provider.isAuthentic(TwilioLine.configured().with(Credentials.AUTH_TOKEN, null), request)).isFalse();
        assertThat(provider.isAuthentic(TwilioLine.configured().with(Credentials.AUTH_TOKEN, " "), request)).isFalse();
    }
}
