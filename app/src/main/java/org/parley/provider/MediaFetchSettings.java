package org.parley.provider;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Parley fetches the pictures and recordings providers announce by URL ({@code parley.media.*}). A fetch carries
 * the account's credentials, so it goes only where the provider keeps media: over https, to the provider's own hosts,
 * never to a private, loopback or link-local address, within bounded time and size.
 *
 * @param maxBytes       media over this size is kept as "attachment too large" with its metadata only
 * @param connectTimeout how long connecting to the media host may take
 * @param timeout        how long one fetch may take in all, redirects and body included
 * @param maxRedirects   how many redirects a fetch follows (Twilio redirects once, to its CDN)
 * @param providerHosts  hosts media may come from, by provider id, besides the built-in ones ({@link #hostsOf});
 *                       {@code *.example.com} allows the subdomains of example.com
 * @param trustedOrigins origins ({@code scheme://host:port}) an operator vouches for: fetched from as they are, http
 *                       and local addresses included. Empty by default; for a test's stand-in media host, or a
 *                       provider's gateway inside the practice's network
 */
@ConfigurationProperties("parley.media")
public record MediaFetchSettings(@DefaultValue("5242880") long maxBytes,
                                 @DefaultValue("5s") Duration connectTimeout,
                                 @DefaultValue("30s") Duration timeout,
                                 @DefaultValue("3") int maxRedirects,
                                 Map<String, List<String>> providerHosts,
                                 List<String> trustedOrigins) {

    /**
     * Where each provider keeps its media, as its documentation says. Twilio's media URL (api.twilio.com, with the
     * credentials) redirects to a short-lived URL on mms.twiliocdn.com (without them). Media of old Twilio accounts
     * without HTTP auth on media may still redirect to s3-external-1.amazonaws.com: a host anyone's bucket shares, so
     * it is not built in; such a practice adds it under {@code parley.media.provider-hosts.twilio}.
     */
    static final Map<String, List<String>> BUILT_IN_HOSTS = Map.of(
            "twilio", List.of("api.twilio.com", "*.twiliocdn.com"),
            "vonage", List.of("*.nexmo.com", "*.vonage.com", "nexmo.com", "vonage.com"));

    public MediaFetchSettings {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("parley.media.max-bytes must be at least 1, not " + maxBytes);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("parley.media.connect-timeout and parley.media.timeout must be positive");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("parley.media.max-redirects must not be negative");
        }
        providerHosts = providerHosts == null ? Map.of() : Map.copyOf(providerHosts);
        trustedOrigins = trustedOrigins == null ? List.of()
                : trustedOrigins.stream().map(MediaFetchSettings::origin).toList();
    }

    /** The settings with their defaults: for tests that build a fetcher without Spring. */
    public static MediaFetchSettings defaults() {
        return new MediaFetchSettings(5242880, Duration.ofSeconds(5), Duration.ofSeconds(30), 3, null, null);
    }

    /** The built-in and configured hosts of a provider, lower case. */
    List<String> hostsOf(String providerId) {
        List<String> hosts = new ArrayList<>(BUILT_IN_HOSTS.getOrDefault(providerId, List.of()));
        hosts.addAll(providerHosts.getOrDefault(providerId, List.of()));
        return hosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** {@code scheme://host:port} of a URL, lower case, with the scheme's port when it names none. */
    static String origin(String url) {
        URI uri = URI.create(url.strip());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("parley.media.trusted-origins: not an origin (scheme://host:port): "
                    + url);
        }
        return origin(uri);
    }

    static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
