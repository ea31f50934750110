package org.parley.twilio;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parley.plugin.WebhookRequest;

/**
 * Webhook calls as Twilio makes them: form-encoded POSTs signed the way Twilio documents it, computed here
 * without the SDK (Base64 of HMAC-SHA1 over the URL and each POST parameter's name and value, sorted by name).
 */
final class TwilioSignatures {

    private TwilioSignatures() {
    }

    static String sign(String authToken, URI url, Map<String, String> postParameters) {
        StringBuilder data = new StringBuilder(url.toString());
        new TreeMap<>(postParameters).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed POST of {@code fields} to {@code url}, as the app hands it to the plugin. */
    static WebhookRequest signedPost(URI url, Map<String, String> fields) {
        return post(url, fields, sign(TwilioLine.AUTH_TOKEN, url, fields));
    }

    /** A POST of {@code fields} to {@code url} with the given signature header, or none for {@code null}. */
    static WebhookRequest post(URI url, Map<String, String> fields, String signature) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("application/x-www-form-urlencoded; charset=UTF-8"));
        if (signature != null) {
            headers.put("x-twilio-signature", List.of(signature));
        }
        // parameters as the app gives them: the query's first, then the form's
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (url.getRawQuery() != null) {
            for (String pair : url.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                parameters.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts.length > 1 ? parts[1] : "");
            }
        }
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> {
            parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return new WebhookRequest("POST", url, headers, parameters, body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
