package org.parley.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.plugin.Media;
import org.parley.plugin.MediaFetchException;

class HttpMediaFetcherTest {

    private HttpServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void aProviderServesMedia() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/small.png", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = new byte[] {1, 2, 3, 4};
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/huge.mp4", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "video/mp4");
            exchange.sendResponseHeaders(200, 0); // chunked: the size is only known by reading
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[2048]);
            }
        });
        server.createContext("/gone.png", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void mediaWithinTheLimitIsFetchedWithTheProvidersHeaders() throws Exception {
        Media media = new HttpMediaFetcher(1024).fetch(url("/small.png"), Map.of("Authorization", "Basic abc"));

        assertThat(media.contentType()).isEqualTo("image/png");
        assertThat(media.fileName()).isEqualTo("small.png");
        assertThat(media.data()).containsExactly(1, 2, 3, 4);
        assertThat(authorization.get()).isEqualTo("Basic abc");
    }

    @Test
    void mediaOverTheLimitIsKeptAsMetadataMarkedTooLarge() throws Exception {
        Media media = new HttpMediaFetcher(1024).fetch(url("/huge.mp4"), Map.of());

        assertThat(media.isTooLarge()).isTrue();
        assertThat(media.contentType()).isEqualTo("video/mp4");
        assertThat(media.size()).isEqualTo(2048);
    }

    @Test
    void aMissingMediaFileIsAFailureThatNamesTheHttpStatus() {
        assertThatThrownBy(() -> new HttpMediaFetcher(1024).fetch(url("/gone.png"), Map.of()))
                .isInstanceOf(MediaFetchException.class).hasMessageContaining("404");
    }
}
