package org.parley.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.parley.plugin.Media;
import org.parley.plugin.MediaFetchException;
import org.parley.plugin.MediaFetcher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fetches provider media over HTTP with a size limit: media over {@code parley.media.max-bytes} is kept as
 * metadata only ("attachment too large"), never silently dropped.
 */
@Component
public class HttpMediaFetcher implements MediaFetcher {

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final long maxBytes;

    HttpMediaFetcher(@Value("${parley.media.max-bytes:5242880}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Media fetch(URI uri, Map<String, String> headers) throws MediaFetchException {
        if (uri.getScheme() == null || !uri.getScheme().matches("https?")) {
            throw new MediaFetchException("media URL is not http(s)");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new MediaFetchException("media could not be downloaded (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaFetchException("media download was interrupted", e);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
        String fileName = fileName(uri);
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new MediaFetchException("media download answered HTTP " + response.statusCode());
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                return Media.tooLarge(contentType, fileName, declared);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            int read;
            while ((read = body.read(buffer)) != -1) {
                total += read;
                if (total > maxBytes) {
                    long rest = total;
                    while ((read = body.read(buffer)) != -1) {
                        rest += read;
                    }
                    return Media.tooLarge(contentType, fileName, rest);
                }
                out.write(buffer, 0, read);
            }
            return Media.of(contentType, fileName, out.toByteArray());
        } catch (IOException e) {
            throw new MediaFetchException("media download broke off", e);
        }
    }

    private static String fileName(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? null : last;
    }
}
