package org.parley.plugin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A webhook call exactly as the provider made it, for the plugin to verify and read.
 *
 * @param method     the HTTP method
 * @param url        the full public URL the provider called ({@code parley.public-base-url} + path + query),
 *                   which is what providers sign, even behind a reverse proxy
 * @param headers    all headers; names are matched without regard to case
 * @param parameters all query and form parameters, in the order received
 * @param body       the raw body, as received
 */
public record WebhookRequest(String method, URI url, Map<String, List<String>> headers,
                             Map<String, List<String>> parameters, byte[] body) {

    /** Copies the maps, making header names case-insensitive. */
    public WebhookRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
        headers = Collections.unmodifiableMap(h);
        LinkedHashMap<String, List<String>> p = new LinkedHashMap<>();
        parameters.forEach((k, v) -> p.put(k, List.copyOf(v)));
        parameters = Collections.unmodifiableMap(p);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).filter(v -> !v.isEmpty()).map(v -> v.get(0));
    }

    /** The first value of a parameter. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name)).filter(v -> !v.isEmpty()).map(v -> v.get(0));
    }

    /**
     * The first value of a parameter that must be there.
     *
     * @throws MalformedWebhookException naming the missing parameter
     */
    public String requireParameter(String name) throws MalformedWebhookException {
        return parameter(name).filter(v -> !v.isBlank())
                .orElseThrow(() -> new MalformedWebhookException("missing field '" + name + "'"));
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
