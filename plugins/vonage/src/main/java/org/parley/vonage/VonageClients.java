package org.parley.vonage;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * The Vonage SDK clients: one per set of {@link Credentials}, kept, so that a line's calls reuse it; all of them
 * share one pooled HTTP client. Also says which hosts may see the application's JWT when media is fetched.
 */
final class VonageClients {

    /** Far more than a practice has lines; old entries go when credentials are rotated. */
    private static final int MAX_CLIENTS = 32;
    /**
     * The SDK logs every error answer through java.util.logging, Vonage's detail included, and that detail can
     * quote a patient's number. Silenced here (held, as JUL keeps loggers weakly); this plugin logs its own
     * redacted summary instead.
     */
    private static final Logger SDK_LOG = Logger.getLogger("com.vonage.client");

    static {
        SDK_LOG.setLevel(Level.OFF);
    }

    /** Vonage's own hosts (api.nexmo.com, api-us.nexmo.com, api-eu.vonage.com...). */
    private static final Set<String> VONAGE_DOMAINS = Set.of("nexmo.com", "vonage.com");

    private final HttpConfig httpConfig;
    private final CloseableHttpClient http;
    /** Scheme and host of the configured base URIs: Vonage's by default, a stand-in in tests. */
    private final Set<String> configuredOrigins;
    private final Map<Credentials, VonageClient> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Credentials, VonageClient> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    VonageClients(HttpConfig httpConfig) {
        this.httpConfig = httpConfig;
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        pool.setMaxTotal(50);
        pool.setDefaultMaxPerRoute(20);
        RequestConfig timeouts = RequestConfig.custom()
                .setConnectTimeout(5_000)
                .setConnectionRequestTimeout(5_000)
                .setSocketTimeout(20_000)
                .build();
        this.http = HttpClientBuilder.create()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(timeouts)
                .useSystemProperties()
                .disableRedirectHandling()
                .build();
        this.configuredOrigins = Stream.of(httpConfig.getApiBaseUri(), httpConfig.getRestBaseUri(),
                        httpConfig.getApiEuBaseUri())
                .map(URI::create)
                .filter(uri -> uri.getHost() != null)
                .map(VonageClients::origin)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The client for these credentials, made on first use. Its private key is tried at once, so that a key
     * that cannot sign is reported as a configuration problem rather than failing inside a later call.
     */
    synchronized VonageClient client(Credentials credentials) throws InvalidCredentials {
        VonageClient client = clients.get(credentials);
        if (client == null) {
            client = create(credentials);
            clients.put(credentials, client);
        }
        return client;
    }

    /**
     * The headers to fetch media Vonage announced: the application's JWT, but only for Vonage's own hosts, so
     * that a URL pointing elsewhere never receives a token that could send texts in the practice's name.
     */
    Map<String, String> mediaHeaders(VonageClient client, URI media) {
        if (!isVonageHost(media)) {
            return Map.of();
        }
        return Map.of("Authorization", "Bearer " + client.generateJwt());
    }

    boolean isVonageHost(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        if (configuredOrigins.contains(origin(uri))) {
            return true;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return false;
        }
        for (String domain : VONAGE_DOMAINS) {
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    private static String origin(URI uri) {
        return (uri.getScheme() + "://" + uri.getHost()).toLowerCase(Locale.ROOT);
    }

    private VonageClient create(Credentials credentials) throws InvalidCredentials {
        UUID applicationId;
        try {
            applicationId = UUID.fromString(credentials.applicationId());
        } catch (IllegalArgumentException e) {
            throw new InvalidCredentials("the application id is not a Vonage application id (a UUID)");
        }
        VonageClient.Builder builder = VonageClient.builder().httpConfig(httpConfig).httpClient(http)
                .applicationId(applicationId);
        if (credentials.hasApiKey()) {
            builder.apiKey(credentials.apiKey()).apiSecret(credentials.apiSecret());
        }
        VonageClient client;
        try {
            client = builder.privateKeyContents(credentials.privateKey()).build();
            client.generateJwt();
        } catch (RuntimeException e) {
            throw new InvalidCredentials("the private key is not the PEM text of the application's private key "
                    + "(-----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY-----)");
        }
        return client;
    }
}
