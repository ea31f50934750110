package org.parley.twilio;

import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;

/**
 * The plugin's own HTTP client, with every {@code https://<host>.twilio.com/<path>} call sent to
 * {@code <base>/<host>/<path>} instead: one WireMock stands in for api.twilio.com and lookups.twilio.com, and
 * a test can see which host was meant.
 */
class WireMockRoutedHttpClient extends SingleAttemptHttpClient {

    private final String base;

    WireMockRoutedHttpClient(String base) {
        this.base = base.replaceAll("/+$", "");
    }

    @Override
    public Response makeRequest(Request original) {
        URI meant = URI.create(original.getUrl());
        String host = meant.getHost().substring(0, meant.getHost().indexOf('.'));
        Request routed = new Request(original.getMethod(), base + "/" + host + meant.getRawPath());
        if (original.getAuthStrategy() != null) {
            routed.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null) {
            routed.setAuth(original.getUsername(), original.getPassword());
        }
        if (original.getContentType() != null) {
            routed.setContentType(original.getContentType());
        }
        if (original.getBody() != null) {
            routed.setBody(original.getBody());
        }
        if (original.getUserAgentExtensions() != null) {
            routed.setUserAgentExtensions(original.getUserAgentExtensions());
        }
        original.getQueryParams().forEach((name, values) -> values.forEach(v -> routed.addQueryParam(name, v)));
        original.getPostParams().forEach((name, values) -> values.forEach(v -> routed.addPostParam(name, v)));
        original.getHeaderParams().forEach((name, values) -> values.forEach(v -> routed.addHeaderParam(name, v)));
        return super.makeRequest(routed);
    }
}
