package org.parley.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.parley.base.PublicBaseUrl;
import org.parley.plugin.Media;
import org.parley.plugin.MediaFetchException;

class HttpMediaFetcherTest {

    private HttpServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void aProviderServesMedia() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
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
        server.createContext("/elsewhere", exchange -> {
            // to the same server under another name: another origin
            exchange.getResponseHeaders().add("Location", "http://localhost:" + server.getAddress().getPort()
                    + "/small.png");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/to-metadata", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/loop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/loop");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/slow.png", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, 1);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(1);
            }
        });
        server.createContext("/broken.png", exchange -> {
            byte[] page = "<html>Internal Server Error</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.createContext("/declared-huge.mp4", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "video/mp4");
            exchange.sendResponseHeaders(200, 4096);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[4096]);
            } catch (IOException dropped) {
                // the fetcher does not read it
            }
        });
        server.createContext("/unavailable.png", exchange -> {
            exchange.sendResponseHeaders(503, 0);
            exchange.close();
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

    private static PublicBaseUrl base(String url) {
        PublicBaseUrl base = Mockito.mock(PublicBaseUrl.class);
        Mockito.when(base.get()).thenReturn(URI.create(url));
        return base;
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The test server's origins are trusted explicitly, as a test's WireMock host is through the setting. */
    private HttpMediaFetcher fetcher(long maxBytes, Duration timeout) {
        int port = server.getAddress().getPort();
        return new HttpMediaFetcher(new MediaFetchSettings(maxBytes, Duration.ofSeconds(2), timeout, 3, null,
                List.of("http://127.0.0.1:" + port, "http://localhost:" + port)),
                base("http://parley.example:8080"), InetAddress::getAllByName);
    }

    private HttpMediaFetcher fetcher(long maxBytes) {
        return fetcher(maxBytes, Duration.ofSeconds(10));
    }

    /** Not trusting the test server; twilio hosts resolve to the given address. */
    private static HttpMediaFetcher resolvingTo(String address) {
        return new HttpMediaFetcher(MediaFetchSettings.defaults(), base("http://parley.example:8080"),
                host -> new InetAddress[] {InetAddress.getByName(address)});
    }

    @Test
    void mediaWithinTheLimitIsFetchedWithTheProvidersHeaders() throws Exception {
        Media media = fetcher(1024).fetch("twilio", url("/small.png"), Map.of("Authorization", "Basic abc"));

        assertThat(media.contentType()).isEqualTo("image/png");
        assertThat(media.fileName()).isEqualTo("small.png");
        assertThat(media.data()).containsExactly(1, 2, 3, 4);
        assertThat(authorization.get()).isEqualTo("Basic abc");
    }

    @Test
    void mediaOverTheLimitIsKeptAsMetadataMarkedTooLargeWithoutReadingItAll() throws Exception {
        Media media = fetcher(1024).fetch("twilio", url("/huge.mp4"), Map.of());

        assertThat(media.isTooLarge()).isTrue();
        assertThat(media.contentType()).isEqualTo("video/mp4");
        assertThat(media.size()).isGreaterThan(1024);
    }

    @Test
    void mediaDeclaredOverTheLimitIsKeptAsMetadataUnread() throws Exception {
        Media media = fetcher(1024).fetch("twilio", url("/declared-huge.mp4"), Map.of());

        assertThat(media.isTooLarge()).isTrue();
        assertThat(media.size()).isEqualTo(4096);
    }

    @Test
    void anUnavailableHostWithAnEmptyAnswerIsAFailureThatNamesTheHttpStatus() {
        assertThatThrownBy(() -> fetcher(1024).fetch("twilio", url("/unavailable.png"), Map.of()))
                .isInstanceOf(MediaFetchException.class).hasMessageContaining("503");
    }

    @Test
    void aMissingMediaFileIsAFailureThatNamesTheHttpStatus() {
        assertThatThrownBy(() -> fetcher(1024).fetch("twilio", url("/gone.png"), Map.of()))
                .isInstanceOf(MediaFetchException.class).hasMessageContaining("404");
    }

    @Test
    void aServerErrorWithAPageIsAFailureThatNamesTheHttpStatus() {
        assertThatThrownBy(() -> fetcher(1024).fetch("twilio", url("/broken.png"), Map.of()))
                .isInstanceOf(MediaFetchException.class).isNotInstanceOf(MediaRefused.class)
                .hasMessageContaining("500");
    }

    @Test
    void aPlainHttpUrlOnTheProvidersHostIsRefused() {
        assertThatThrownBy(() -> resolvingTo("54.172.60.1").fetch("twilio",
                URI.create("http://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"), Map.of()))
                .isInstanceOf(MediaRefused.class).hasMessageContaining("not https");
    }

    @Test
    void aHostThatIsNotTheProvidersIsRefusedEvenOverHttps() {
        assertThatThrownBy(() -> resolvingTo("93.184.216.34").fetch("twilio",
                URI.create("https://attacker.example/picture.png"), Map.of("Authorization", "Basic abc")))
                .isInstanceOf(MediaRefused.class).hasMessageContaining("not one of provider 'twilio'");
        assertThatThrownBy(() -> resolvingTo("93.184.216.34").fetch("twilio",
                URI.create("https://api.twilio.com.attacker.example/picture.png"), Map.of()))
                .isInstanceOf(MediaRefused.class);
        assertThatThrownBy(() -> resolvingTo("93.184.216.34").fetch("vonage",
                URI.create("https://api.twilio.com/picture.png"), Map.of()))
                .isInstanceOf(MediaRefused.class);
    }

    @Test
    void theProvidersHostResolvingToAPrivateLoopbackOrLinkLocalAddressIsRefused() {
        for (String address : List.of("10.1.2.3", "172.16.0.9", "192.168.1.1", "127.0.0.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1")) {
            assertThatThrownBy(() -> resolvingTo(address).fetch("twilio",
                    URI.create("https://media.twiliocdn.com/picture.png"), Map.of()))
                    .as(address).isInstanceOf(MediaRefused.class).hasMessageContaining("private");
        }
    }

    @Test
    void theCredentialsAreNotSentToARedirectTargetOnAnotherOrigin() throws Exception {
        Media media = fetcher(1024).fetch("twilio", url("/elsewhere"), Map.of("Authorization", "Basic abc"));

        assertThat(media.data()).containsExactly(1, 2, 3, 4);
        assertThat(authorization.get()).isNull();
    }

    @Test
    void aRedirectToAnAddressThatIsNotTheProvidersIsRefused() {
        assertThatThrownBy(() -> fetcher(1024).fetch("twilio", url("/to-metadata"), Map.of()))
                .isInstanceOf(MediaRefused.class).hasMessageContaining("not https");
    }

    @Test
    void redirectsAreFollowedOnlySoOften() {
        assertThatThrownBy(() -> fetcher(1024).fetch("twilio", url("/loop"), Map.of()))
                .isInstanceOf(MediaRefused.class).hasMessageContaining("redirected more than 3 times");
    }

    @Test
    void aFetchThatTakesLongerThanTheTimeoutIsGivenUp() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> fetcher(1024, Duration.ofMillis(500)).fetch("twilio", url("/slow.png"), Map.of()))
                .isInstanceOf(MediaFetchException.class).hasMessageContaining("took longer");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void theSandboxFetchesFromParleysOwnAddressOnly() throws Exception {
        HttpMediaFetcher fetcher = new HttpMediaFetcher(MediaFetchSettings.defaults(),
                base("http://127.0.0.1:" + server.getAddress().getPort()), InetAddress::getAllByName);

        assertThat(fetcher.fetch("sandbox", url("/small.png"), Map.of()).data()).containsExactly(1, 2, 3, 4);
        assertThatThrownBy(() -> fetcher.fetch("twilio", url("/small.png"), Map.of()))
                .isInstanceOf(MediaRefused.class);
    }
}
