package org.parley.base;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The address providers and browsers reach this Parley at: {@code parley.public-base-url}, or
 * {@code http://localhost:{port}} when it is blank (the embedded default). Webhook signatures are checked
 * against it, so a reverse proxy in front does not break them.
 */
@Component
public class PublicBaseUrl {

    private final String configured;
    private volatile URI local = URI.create("http://localhost:8080");

    PublicBaseUrl(@Value("${parley.public-base-url:}") String configured) {
        this.configured = configured == null ? "" : configured.trim().replaceAll("/+$", "");
        if (!this.configured.isEmpty()) {
            URI uri = URI.create(this.configured);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new IllegalStateException(
                        "parley.public-base-url must be an absolute http(s) URL, e.g. https://parley.example.org");
            }
        }
    }

    @EventListener
    void onWebServerStarted(WebServerInitializedEvent event) {
        // the app's own web server, not the management port's (which has a namespace of its own)
        if (event.getApplicationContext().getServerNamespace() == null) {
            local = URI.create("http://localhost:" + event.getWebServer().getPort());
        }
    }

    /** The base URL, without a trailing slash. */
    public URI get() {
        return configured.isEmpty() ? local : URI.create(configured);
    }

    /** The base URL followed by {@code path} (which starts with a slash). */
    public URI resolve(String path) {
        return URI.create(get().toString() + path);
    }
}
