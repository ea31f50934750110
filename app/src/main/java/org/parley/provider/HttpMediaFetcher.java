package org.parley.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.parley.base.PublicBaseUrl;
import org.parley.plugin.Media;
import org.parley.plugin.MediaFetchException;
import org.parley.plugin.MediaFetcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Fetches provider media over HTTP. A fetch carries the account's credentials, so it goes only where the provider
 * keeps its media ({@link MediaFetchSettings}): https, the provider's hosts, addresses that are public once resolved,
 * redirects checked the same way (and without the credentials when they lead to another origin), within a bounded
 * time and size. Media over {@code parley.media.max-bytes} is kept as metadata only ("attachment too large"), never
 * silently dropped. Refusals name the rule, never the URL (it names the account and the message).
 *
 * <p>The sandbox provider's media come from Parley's own sandbox carrier, at Parley's public address: that origin is
 * trusted for the sandbox only.
 */
@Component
public class HttpMediaFetcher {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** Resolves a host name to its addresses: the system's resolver, or a test's. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final MediaFetchSettings settings;
    private final PublicBaseUrl baseUrl;
    private final Resolver resolver;
    private final HttpClient http;

    @Autowired
    HttpMediaFetcher(MediaFetchSettings settings, PublicBaseUrl baseUrl) {
        this(settings, baseUrl, InetAddress::getAllByName);
    }

    HttpMediaFetcher(MediaFetchSettings settings, PublicBaseUrl baseUrl, Resolver resolver) {
        this.settings = settings;
        this.baseUrl = baseUrl;
        this.resolver = resolver;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // followed here, each one checked: the client would follow anywhere, with the credentials
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The fetcher a plugin serving {@code providerId} gets in its line context. */
    public MediaFetcher forProvider(String providerId) {
        return (uri, headers) -> fetch(providerId, uri, headers);
    }

    Media fetch(String providerId, URI uri, Map<String, String> headers) throws MediaFetchException {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        String firstOrigin = checked(providerId, uri);
        URI at = uri;
        for (int redirects = 0; ; redirects++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(at).timeout(remaining(deadline)).GET();
            if (MediaFetchSettings.origin(at).equals(firstOrigin)) {
                // the credentials go only to the origin the provider named, never to where it redirects
                headers.forEach(request::header);
            }
            HttpResponse<Body> response = send(request.build(), deadline);
            int status = response.statusCode();
            if (REDIRECTS.contains(status)) {
                if (redirects >= settings.maxRedirects()) {
                    throw new MediaRefused("media download redirected more than " + settings.maxRedirects()
                            + " times");
                }
                String location = response.headers().firstValue("Location")
                        .orElseThrow(() -> new MediaFetchException("media download redirected nowhere"));
                try {
                    at = at.resolve(URI.create(location.strip()));
                } catch (IllegalArgumentException e) {
                    throw new MediaRefused("media download redirected to something that is not a URL");
                }
                checked(providerId, at);
                continue;
            }
            if (status / 100 != 2) {
                throw new MediaFetchException("media download answered HTTP " + status);
            }
            String contentType = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
            Body body = response.body();
            return body.data() == null ? Media.tooLarge(contentType, fileName(uri), body.size())
                    : Media.of(contentType, fileName(uri), body.data());
        }
    }

    /**
     * Checks a URL may be fetched for the provider.
     *
     * @return its origin
     * @throws MediaFetchException naming the rule it breaks
     */
    String checked(String providerId, URI uri) throws MediaFetchException {
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new MediaRefused("media URL has no scheme or host");
        }
        String origin = MediaFetchSettings.origin(uri);
        if (trusted(providerId).contains(origin)) {
            return origin;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new MediaRefused("media URL is not https");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (settings.hostsOf(providerId).stream().noneMatch(allowed -> matches(allowed, host))) {
            throw new MediaRefused("media host is not one of provider '" + providerId + "'");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new MediaFetchException("media host does not resolve");
        }
        // Checked before connecting; the client resolves again when it connects, so a DNS answer that changes in
        // between (rebinding) could still lead elsewhere, but only on a host the provider's own domain names.
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new MediaRefused("media host resolves to a private, loopback or link-local address");
            }
        }
        return origin;
    }

    private List<String> trusted(String providerId) {
        if ("sandbox".equals(providerId)) {
            return Stream.concat(settings.trustedOrigins().stream(),
                    Stream.of(MediaFetchSettings.origin(baseUrl.get()))).toList();
        }
        return settings.trustedOrigins();
    }

    private static boolean matches(String allowed, String host) {
        if (allowed.startsWith("*.")) {
            return host.endsWith(allowed.substring(1)) && host.length() > allowed.length() - 1;
        }
        return allowed.equals(host);
    }

    /** Whether an address is on the public internet: not private, loopback, link-local, shared or reserved. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            int a = bytes[0] & 0xFF;
            int b = bytes[1] & 0xFF;
            return !(a == 0 || a == 10 || a == 127 || (a == 100 && (b & 0xC0) == 64) || (a == 169 && b == 254)
                    || (a == 172 && (b & 0xF0) == 16) || (a == 192 && b == 168) || (a == 198 && (b == 18 || b == 19))
                    || a >= 224);
        }
        // IPv6: unique local fc00::/7 and an IPv4 address embedded in ::ffff:0:0/96 or the NAT64 prefix 64:ff9b::/96
        if ((bytes[0] & 0xFE) == 0xFC) {
            return false;
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= bytes[i] == 0;
        }
        boolean nat64 = bytes[0] == 0 && bytes[1] == 0x64 && (bytes[2] & 0xFF) == 0xFF && (bytes[3] & 0xFF) == 0x9B;
        if ((mapped && (bytes[10] & 0xFF) == 0xFF && (bytes[11] & 0xFF) == 0xFF) || nat64) {
            try {
                return isPublic(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return true;
    }

    private HttpResponse<Body> send(HttpRequest request, long deadline) throws MediaFetchException {
        CompletableFuture<HttpResponse<Body>> answer = http.sendAsync(request, this::limited);
        try {
            return answer.get(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new MediaFetchException("media download took longer than " + settings.timeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new MediaFetchException("media download took longer than " + settings.timeout().toSeconds()
                        + " s", cause);
            }
            throw new MediaFetchException("media could not be downloaded (" + cause.getClass().getSimpleName() + ")",
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            throw new MediaFetchException("media download was interrupted", e);
        }
    }

    private static Duration remaining(long deadline) throws MediaFetchException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new MediaFetchException("media download took too long");
        }
        return Duration.ofNanos(left);
    }

    /** The body, or only its size when it is over the limit (data {@code null}). */
    record Body(byte[] data, long size) {
    }

    /**
     * Reads a 2xx body up to the limit and stops there (the connection is dropped, the rest never read). The body of
     * a redirect or an error is read up to {@link #ERROR_BODY} and dropped (a small one is read to its end, so the
     * answer is the status, not a broken-off connection); a 2xx body declared too large is not read at all.
     */
    private HttpResponse.BodySubscriber<Body> limited(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (info.statusCode() / 100 != 2) {
            return new Limited(ERROR_BODY, declared);
        }
        if (declared > settings.maxBytes()) {
            return new Limited(-1, declared);
        }
        return new Limited(settings.maxBytes(), declared);
    }

    private static final long ERROR_BODY = 64 * 1024;

    private static final class Limited implements HttpResponse.BodySubscriber<Body> {

        private final long max;
        private final long declared;
        private final CompletableFuture<Body> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Limited(long max, long declared) {
            this.max = max;
            this.declared = declared;
        }

        @Override
        public CompletionStage<Body> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (max < 0) {
                // the answer first, then the cancel: a cancel may report an error that must not win
                result.complete(new Body(null, Math.max(declared, 0)));
                subscription.cancel();
                return;
            }
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
            if (out.size() > max) {
                result.complete(new Body(null, Math.max(declared, out.size())));
                subscription.cancel();
                return;
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(new Body(out.toByteArray(), out.size()));
        }
    }

    private static String fileName(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? null : last;
    }
}
