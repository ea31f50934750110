package org.parley.vonage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.plugin.MalformedWebhookException;
import org.parley.plugin.WebhookRequest;

/**
 * The fields of a Vonage webhook, whichever way they came: a JSON body (Messages API, Voice events, an answer
 * webhook set to POST) or query parameters (the answer webhook's default GET). Errors name the field, never
 * its value.
 */
final class WebhookPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;

    private WebhookPayload(JsonNode root) {
        this.root = root;
    }

    static WebhookPayload of(WebhookRequest request) throws MalformedWebhookException {
        if (request.body().length == 0) {
            ObjectNode fields = JSON.createObjectNode();
            for (Map.Entry<String, List<String>> parameter : request.parameters().entrySet()) {
                if (!parameter.getValue().isEmpty()) {
                    fields.put(parameter.getKey(), parameter.getValue().get(0));
                }
            }
            return new WebhookPayload(fields);
        }
        JsonNode root;
        try {
            root = JSON.readTree(request.body());
        } catch (IOException e) {
            throw new MalformedWebhookException("the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedWebhookException("the body is not a JSON object");
        }
        return new WebhookPayload(root);
    }

    /** A text field, possibly nested ({@code "error", "title"}); blank counts as absent. */
    Optional<String> text(String... path) {
        JsonNode node = root;
        for (String name : path) {
            node = node.path(name);
        }
        if (!node.isValueNode() || node.isNull()) {
            return Optional.empty();
        }
        String value = node.asText().strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A text field that must be there. */
    String require(String... path) throws MalformedWebhookException {
        return text(path).orElseThrow(() -> missing(path));
    }

    /** A field holding an absolute http(s) URL, when present. */
    Optional<URI> url(String... path) throws MalformedWebhookException {
        Optional<String> value = text(path);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(value.get());
            if (uri.getHost() == null
                    || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalArgumentException("not an absolute http(s) URL");
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw new MalformedWebhookException("field '" + String.join(".", path) + "' is not a URL");
        }
    }

    /** A URL field that must be there. */
    URI requireUrl(String... path) throws MalformedWebhookException {
        return url(path).orElseThrow(() -> missing(path));
    }

    private static MalformedWebhookException missing(String... path) {
        return new MalformedWebhookException("missing field '" + String.join(".", path) + "'");
    }
}
