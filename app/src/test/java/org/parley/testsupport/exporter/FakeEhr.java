package org.parley.testsupport.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An EHR for tests, over real HTTP on a free port: files each export once by its id (a repeat gets the same
 * reference, as a FHIR conditional create would), can be down (503) or not know the patient (404).
 */
public final class FakeEhr implements AutoCloseable {

    /** The token the fake EHR accepts. */
    public static final String TOKEN = "fake-ehr-token-1234";
    /** What the EHR says when it does not know the patient. */
    public static final String UNKNOWN_PATIENT = "no patient with this MRN in the EHR";

    /** How the EHR answers. */
    public enum Mode {
        /** Files exports. */
        UP,
        /** Answers 503. */
        DOWN,
        /** Answers 404: no such patient. */
        UNKNOWN_PATIENT
    }

    /** One export as the EHR filed it. */
    public record Filed(String exportId, String reference, String contentType, String body) {
    }

    private final HttpServer server;
    private volatile Mode mode = Mode.UP;
    private final Map<String, Filed> filed = new ConcurrentHashMap<>();
    private final List<String> posts = new CopyOnWriteArrayList<>();
    private final AtomicInteger references = new AtomicInteger(100);

    private FakeEhr(HttpServer server) {
        this.server = server;
    }

    /** Starts an EHR on a free port of this machine. */
    public static FakeEhr start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeEhr ehr = new FakeEhr(server);
            server.createContext("/", ehr::handle);
            server.start();
            return ehr;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL to configure as the exporter's {@code ehrUrl}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    /** What the EHR filed, by export id. */
    public Map<String, Filed> filed() {
        return Map.copyOf(filed);
    }

    /** How often an export was posted, whatever the answer. */
    public long posts(String exportId) {
        return posts.stream().filter(exportId::equals).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean authorised = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            if (path.equals("/ping")) {
                answer(exchange, authorised ? 200 : 401, authorised ? "pong" : "bad token");
                return;
            }
            if (!path.startsWith("/exports/") || !"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 404, "not found");
                return;
            }
            String exportId = path.substring("/exports/".length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            posts.add(exportId);
            if (!authorised) {
                answer(exchange, 401, "bad token");
                return;
            }
            switch (mode) {
                case DOWN -> answer(exchange, 503, "down for maintenance");
                case UNKNOWN_PATIENT -> answer(exchange, 404, UNKNOWN_PATIENT);
                case UP -> {
                    Filed once = filed.computeIfAbsent(exportId, id -> new Filed(id,
                            "Communication/" + references.incrementAndGet(),
                            exchange.getRequestHeaders().getFirst("Content-Type"), body));
                    answer(exchange, 201, once.reference());
                }
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
