package org.parley.twilio;

import com.twilio.security.RequestValidator;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.parley.plugin.WebhookRequest;

/**
 * Twilio's {@code X-Twilio-Signature}: HMAC-SHA1 over the full URL and the POST parameters sorted by name,
 * keyed by the auth token. Checked with the SDK's {@link RequestValidator}.
 */
final class WebhookSignature {

    static final String HEADER = "X-Twilio-Signature";

    private WebhookSignature() {
    }

    /** Whether the request carries a valid signature for this auth token. */
    static boolean matches(String authToken, WebhookRequest request) {
        String signature = request.header(HEADER).orElse("");
        if (authToken == null || authToken.isBlank() || signature.isBlank()) {
            return false;
        }
        Map<String, String> posted;
        try {
            posted = postParameters(request);
        } catch (IllegalArgumentException brokenEncoding) {
            return false;
        }
        return new RequestValidator(authToken).validate(request.url().toString(), posted, signature.trim());
    }

    /**
     * Every form field of the body, first value of each. Not {@link WebhookRequest#parameters()}: that holds the
     * query's parameters too, which Twilio signs as part of the URL and not again as parameters. A GET has none.
     */
    static Map<String, String> postParameters(WebhookRequest request) {
        Map<String, String> fields = new HashMap<>();
        String type = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            return fields;
        }
        String body = request.bodyText();
        if (body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(name, value);
        }
        return fields;
    }
}
