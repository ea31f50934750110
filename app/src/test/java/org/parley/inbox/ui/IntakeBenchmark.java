package org.parley.inbox.ui;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.line.LineService;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.PerformanceDoc;
import org.parley.testsupport.SandboxWebhooks;
import org.parley.testsupport.StatementCount;
import org.parley.testsupport.WebhookLoad;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The intake benchmark (README, Performance): signed sandbox webhooks over real HTTP at 8, 32 and 128 concurrent
 * connections, with no inbox open and with 50 open, beside a static file of the same server. Prints the table and
 * writes it to {@code docs/performance.md}. Runs only with {@code -Pbench}, never in the test suite: it measures,
 * it does not judge.
 *
 * <p>The load generator (Java's HttpClient on virtual threads) and the 50 screens (Karibu sessions taking pushed
 * updates every 50 ms) run in the server's JVM, on the same cores: the figures are what the server does while also
 * paying for its clients.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:intake-benchmark;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}", "logging.level.org.parley=WARN"})
class IntakeBenchmark {

    /** Concurrent provider connections per row; {@code -Dparley.bench.connections=32} measures one. */
    private static final int[] CONNECTIONS = numbers("parley.bench.connections", "8,32,128");
    /** Open staff inboxes per row; {@code -Dparley.bench.inboxes=50} measures one. */
    private static final int[] OPEN_INBOXES = numbers("parley.bench.inboxes", "0,50");
    private static final int WEBHOOKS = Integer.getInteger("parley.bench.webhooks", 2000);
    private static final int WARMUP = Integer.getInteger("parley.bench.warmup", 500);

    @Autowired
    ApplicationContext context;
    @Autowired
    StaffDirectory directory;
    @Autowired
    LineService lines;
    @LocalServerPort
    int port;

    private static int[] numbers(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(","))
                .mapToInt(n -> Integer.parseInt(n.strip())).toArray();
    }

    private final AtomicInteger sequence = new AtomicInteger();

    @Test
    void intake() throws IOException {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        String secret = lines.find("sandbox").orElseThrow().settings().get(SandboxWebhooks.SECRET_SETTING);
        List<String> rows = new ArrayList<>();
        try (SandboxWebhooks provider = SandboxWebhooks.at(port)) {
            // Warm-up: the JIT compiles the intake path; -Dparley.bench.warmup for a row measured alone on a warm JVM.
            WebhookLoad.run(provider, "sandbox", secret, 8, texts(WARMUP), false);
            for (int inboxes : OPEN_INBOXES) {
                try (OpenInboxes open = inboxes == 0 ? null : new OpenInboxes(context, inboxes)) {
                    for (int connections : CONNECTIONS) {
                        long cpuBefore = processCpuNanos();
                        long statementsBefore = StatementCount.statements();
                        long commitsBefore = StatementCount.commits();
                        WebhookLoad.Result r = WebhookLoad.run(provider, "sandbox", secret, connections,
                                texts(WEBHOOKS), false);
                        int answered = Math.max(1, r.latencyNanos().length);
                        double cpuMillis = (processCpuNanos() - cpuBefore) / 1e6 / answered;
                        double statements = (StatementCount.statements() - statementsBefore) / (double) answered;
                        double commits = (StatementCount.commits() - commitsBefore) / (double) answered;
                        String shownAfter = open == null ? "" : liveLag(provider, secret, open);
                        rows.add(String.format(
                                "| signed webhook | %d | %d | %.0f | %.0f | %.1f | %.1f | %s | %s | %.2f | %.1f | %.1f |",
                                connections, inboxes, r.perSecond(), r.storedPerSecond(), r.percentileMillis(50),
                                r.percentileMillis(99), r.statuses(), shownAfter, cpuMillis, statements, commits));
                        System.out.println(rows.getLast());
                    }
                }
            }
        }
        for (int connections : CONNECTIONS) {
            long cpuBefore = processCpuNanos();
            WebhookLoad.Result r = staticFile(connections, WEBHOOKS * 2);
            rows.add(String.format("| static file (`/parley/parley.css`) | %d | 0 | %.0f | | %.1f | %.1f | %s | | %.2f | | |",
                    connections, r.perSecond(), r.percentileMillis(50), r.percentileMillis(99), r.statuses(),
                    (processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, r.latencyNanos().length)));
            System.out.println(rows.getLast());
        }
        write(rows);
    }

    /**
     * How long after its webhook was answered one more text shows on top of every open screen's list (ms): the live
     * update's way through the dispatcher, push and the screen's refresh, right after a burst.
     */
    private String liveLag(SandboxWebhooks provider, String secret, OpenInboxes open) {
        int n = sequence.incrementAndGet();
        String text = "Benchmark probe " + n;
        provider.post("sandbox", SandboxWebhooks.SMS, secret,
                SandboxWebhooks.inboundSms("SM-bench-" + n, "+1718" + String.format("%07d", n), "+15555550100", text));
        long answered = System.nanoTime();
        while (System.nanoTime() - answered < TimeUnit.SECONDS.toNanos(30)) {
            if (open.onTop(Duration.ofSeconds(5), 10).stream().allMatch(shown -> shown.containsValue(text))) {
                return String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answered));
            }
        }
        return "> 30000";
    }

    /** Two thirds from new numbers, a third from three patients writing at once. */
    private List<Map<String, String>> texts(int count) {
        List<Map<String, String>> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = sequence.incrementAndGet();
            String from = n % 3 == 0 ? "+1929555100" + (n % 9 / 3) : "+1646" + String.format("%07d", n);
            texts.add(SandboxWebhooks.inboundSms("SM-bench-" + n, from, "+15555550100", "Benchmark text " + n));
        }
        return texts;
    }

    private WebhookLoad.Result staticFile(int connections, int requests) {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/parley/parley.css"))
                    .build();
            return WebhookLoad.run(connections, Collections.nCopies(requests, request), get -> {
                try {
                    return http.send(get, HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }, false);
        }
    }

    /**
     * The JVM's processor time so far: server, open screens and load generator together (they share the cores), so
     * "CPU ms per request" is what one request costs the machine, whatever else runs beside it.
     */
    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Counts statements and commits (the data source wrapped for this benchmark only). */
    @TestConfiguration
    static class Counting {
        @Bean
        static StatementCount statementCount() {
            return new StatementCount();
        }
    }

    private void write(List<String> rows) throws IOException {
        PerformanceDoc.writeSection("## Webhook intake", PerformanceDoc.measuredOn()
                + "; H2 in memory; " + WEBHOOKS + " webhooks a row (a third from three patients writing at once), "
                + "load generator and open inboxes in the server's JVM. Command: `./mvnw -Pbench verify`.\n\n"
                + "| request | connections | open inboxes | answered per second | stored (200) per second | p50 ms "
                + "| p99 ms | answers | next text on every screen after (ms) | CPU ms per request (whole JVM) "
                + "| SQL statements per webhook | commits per webhook |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n");
    }
}
