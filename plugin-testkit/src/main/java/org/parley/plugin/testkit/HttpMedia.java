package org.parley.plugin.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.parley.plugin.Media;
import org.parley.plugin.MediaFetchException;
import org.parley.plugin.MediaFetcher;

/**
 * A media fetcher that really fetches, over plain HTTP too (so a WireMock stand-in for a provider's media host
 * serves it), with the headers the plugin gives and a size limit like the app's. Unlike the app it checks no
 * hosts or addresses: that is the app's job, tested there.
 */
public final class HttpMedia {

    /** The app's default limit for one piece of media. */
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;

    private HttpMedia() {
    }

    /** Fetches up to {@link #DEFAULT_MAX_BYTES}. */
    public static MediaFetcher fetcher() {
        return fetcher(DEFAULT_MAX_BYTES);
    }

    /**
     * Fetches media; larger than {@code maxBytes} answers {@link Media#tooLarge}. The file name is the last segment of
     * the URL's path; the type the host's {@code Content-Type}.
     */
    public static MediaFetcher fetcher(long maxBytes) {
        return (uri, headers) -> fetch(uri, headers, maxBytes);
    }

    /** A fetcher that fails every fetch with {@code reason}, for tests in which no media can be had. */
    public static MediaFetcher failing(String reason) {
        return (uri, headers) -> {
            throw new MediaFetchException(reason);
        };
    }

    private static Media fetch(URI uri, Map<String, String> headers, long maxBytes) throws MediaFetchException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        HttpResponse<byte[]> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new MediaFetchException("media could not be downloaded", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaFetchException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new MediaFetchException("media download answered HTTP " + response.statusCode());
        }
        String type = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        byte[] data = response.body();
        return data.length > maxBytes ? Media.tooLarge(type, name, data.length) : Media.of(type, name, data);
    }
}
