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
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.PerformanceDoc;
import org.parley.testsupport.SandboxWebhooks;
import org.parley.testsupport.StatementCount;
import org.parley.testsupport.TestStaff;
import org.parley.testsupport.TwilioWebhooks;
import org.parley.testsupport.WebhookLoad;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The intake benchmark (README, Performance): signed Twilio webhooks (checked by the Twilio plugin against the line's
 * auth token, as Twilio's own are; 5% replays of a MessageSid already sent) and signed sandbox webhooks over real HTTP
 * at 8, 32 and 128 concurrent connections, with no inbox open and with 50 open, beside two trivial requests to the
 * same server in the same run (a static file and the liveness probe): their ratio is the figure that holds across machines. Prints
 * the table and writes it to {@code docs/performance.md}. Runs only with {@code -Pbench} (and in CI's quick mode,
 * {@code -Dparley.bench.quick=true}: 100 webhooks, one connection count, 2 inboxes), never as a test: it measures,
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

    private static final boolean QUICK = Boolean.getBoolean("parley.bench.quick");
    /** Concurrent provider connections per row; {@code -Dparley.bench.connections=32} measures one. */
    private static final int[] CONNECTIONS = numbers("parley.bench.connections", QUICK ? "8" : "8,32,128");
    /** Open staff inboxes per row; {@code -Dparley.bench.inboxes=50} measures one. */
    private static final int[] OPEN_INBOXES = numbers("parley.bench.inboxes", QUICK ? "0,2" : "0,50");
    /** Which providers' webhooks; {@code -Dparley.bench.providers=twilio} measures Twilio's only. */
    private static final List<String> PROVIDERS = List.of(System.getProperty("parley.bench.providers",
            "twilio,sandbox").split(","));
    private static final int WEBHOOKS = Integer.getInteger("parley.bench.webhooks", QUICK ? 100 : 2000);
    private static final int WARMUP = Integer.getInteger("parley.bench.warmup", QUICK ? 50 : 500);
    /** Every 20th Twilio webhook is one Twilio sends again (5%): answered 200, stored once. */
    private static final int REPLAY_EVERY = 20;

    private static final String TWILIO_LINE = "twilio-bench";
    private static final String TWILIO_NUMBER = "+15555550200";
    private static final String TWILIO_ACCOUNT = "AC" + "b".repeat(32);
    private static final String TWILIO_TOKEN = "benchmark-auth-token-0123456789ab";
    private static final String STATIC_FILE = "/parley/parley.css";
    /**
     * The cheapest answer of the app's port: no database, no session, a few bytes of JSON. (A path nothing serves is
     * not a cheap 404 here: Vaadin answers it with the app's page.)
     */
    private static final String LIVENESS = "/actuator/health/liveness";

    @Autowired
    ApplicationContext context;
    @Autowired
    StaffDirectory directory;
    @Autowired
    LineService lines;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    private static int[] numbers(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(","))
                .mapToInt(n -> Integer.parseInt(n.strip())).toArray();
    }

    private final AtomicInteger sequence = new AtomicInteger();

    /** One measured row of webhooks; its ratios to the trivial requests are filled in once those are measured. */
    private record Row(String request, int connections, int inboxes, WebhookLoad.Result result, String stored,
                       String shownAfter, double cpuMillis, double statements, double commits) {
    }

    /** A provider's signed webhooks: how to post one, and a row's worth of them. */
    private record Provider(String label, Function<Map<String, String>, HttpResponse<?>> post,
                            IntFunction<Texts> texts) {
    }

    /** A row's webhooks, and how many different texts they are (the rest are replays). */
    private record Texts(List<Map<String, String>> webhooks, int distinct) {
    }

    @Test
    void intake() throws IOException {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        twilioLine();
        String secret = lines.find("sandbox").orElseThrow().settings().get(SandboxWebhooks.SECRET_SETTING);
        List<Row> rows = new ArrayList<>();
        try (SandboxWebhooks sandbox = SandboxWebhooks.at(port);
             TwilioWebhooks twilio = TwilioWebhooks.at(port, TWILIO_TOKEN)) {
            Map<String, Provider> providers = Map.of(
                    "twilio", new Provider("signed Twilio webhook (5% replays)",
                            fields -> twilio.post(TWILIO_LINE, "sms", fields), this::twilioTexts),
                    "sandbox", new Provider("signed sandbox webhook",
                            fields -> sandbox.post("sandbox", SandboxWebhooks.SMS, secret, fields),
                            count -> new Texts(sandboxTexts(count), count)));
            // Warm-up: the JIT compiles the intake path; -Dparley.bench.warmup for a row measured alone on a warm JVM.
            for (String id : PROVIDERS) {
                Provider provider = providers.get(id.strip());
                WebhookLoad.run(8, provider.texts().apply(WARMUP).webhooks(), provider.post(), false);
            }
            for (int inboxes : OPEN_INBOXES) {
                try (OpenInboxes open = inboxes == 0 ? null : new OpenInboxes(context, inboxes)) {
                    for (String id : PROVIDERS) {
                        Provider provider = providers.get(id.strip());
                        for (int connections : CONNECTIONS) {
                            Row row = measure(provider, connections, inboxes, open, sandbox, secret);
                            rows.add(row);
                            System.out.printf(Locale.ROOT, "%s, %d connections, %d inboxes: %.0f stored/s, p99 %.1f ms,"
                                            + " %s, stored %s%n", row.request(), connections, inboxes,
                                    row.result().storedPerSecond(), row.result().percentileMillis(99),
                                    row.result().statuses(), row.stored());
                        }
                    }
                }
            }
        }
        Map<Integer, WebhookLoad.Result> staticFile = new TreeMap<>();
        Map<Integer, WebhookLoad.Result> liveness = new TreeMap<>();
        List<String> trivialRows = new ArrayList<>();
        for (int connections : CONNECTIONS) {
            for (String path : List.of(STATIC_FILE, LIVENESS)) {
                long cpuBefore = processCpuNanos();
                WebhookLoad.Result r = get(path, connections, WEBHOOKS * 2);
                (path.equals(STATIC_FILE) ? staticFile : liveness).put(connections, r);
                trivialRows.add(String.format(Locale.ROOT, "| %s (`%s`) | %d | 0 | %.0f | | %.1f | %.1f | %s | | | | "
                                + "| %.2f | | |", path.equals(STATIC_FILE) ? "static file" : "liveness probe", path,
                        connections, r.perSecond(), r.percentileMillis(50), r.percentileMillis(99), r.statuses(),
                        (processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, r.latencyNanos().length)));
                System.out.println(trivialRows.getLast());
            }
        }
        List<String> table = new ArrayList<>();
        for (Row row : rows) {
            WebhookLoad.Result r = row.result();
            table.add(String.format(Locale.ROOT,
                    "| %s | %d | %d | %.0f | %.0f | %.1f | %.1f | %s | %s | %s | %s | %s | %.2f | %.1f | %.1f |",
                    row.request(), row.connections(), row.inboxes(), r.perSecond(), r.storedPerSecond(),
                    r.percentileMillis(50), r.percentileMillis(99), r.statuses(), row.stored(),
                    ratio(r, staticFile.get(row.connections())), ratio(r, liveness.get(row.connections())),
                    row.shownAfter(), row.cpuMillis(), row.statements(), row.commits()));
        }
        table.addAll(trivialRows);
        write(table);
    }

    private Row measure(Provider provider, int connections, int inboxes, OpenInboxes open, SandboxWebhooks sandbox,
                        String secret) {
        Texts texts = provider.texts().apply(WEBHOOKS);
        long storedBefore = inboundMessages();
        long cpuBefore = processCpuNanos();
        long statementsBefore = StatementCount.statements();
        long commitsBefore = StatementCount.commits();
        WebhookLoad.Result r = WebhookLoad.run(connections, texts.webhooks(), provider.post(), false);
        int answered = Math.max(1, r.latencyNanos().length);
        double cpuMillis = (processCpuNanos() - cpuBefore) / 1e6 / answered;
        double statements = (StatementCount.statements() - statementsBefore) / (double) answered;
        double commits = (StatementCount.commits() - commitsBefore) / (double) answered;
        // a text is stored in its webhook's request: counted once all are answered, before the probe below
        String stored = (inboundMessages() - storedBefore) + " / " + texts.distinct();
        String shownAfter = open == null ? "" : liveLag(sandbox, secret, open);
        return new Row(provider.label(), connections, inboxes, r, stored, shownAfter, cpuMillis, statements, commits);
    }

    private static String ratio(WebhookLoad.Result webhooks, WebhookLoad.Result trivial) {
        return trivial == null || trivial.perSecond() == 0 ? ""
                : String.format(Locale.ROOT, "%.0f%%", 100 * webhooks.storedPerSecond() / trivial.perSecond());
    }

    private long inboundMessages() {
        return jdbc.queryForObject("select count(*) from message where direction = 'INBOUND'", Long.class);
    }

    /** A Twilio line, its webhooks signed with its auth token (what the Twilio plugin checks). */
    private void twilioLine() {
        if (lines.find(TWILIO_LINE).isPresent()) {
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "admin", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        try {
            lines.save(TestStaff.named("admin"), new LineSnapshot(TWILIO_LINE, "Twilio (benchmark)", TWILIO_NUMBER, "twilio",
                    Map.of("accountSid", TWILIO_ACCOUNT, "authToken", TWILIO_TOKEN)));
        } finally {
            SecurityContextHolder.clearContext();
        }
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
    private List<Map<String, String>> sandboxTexts(int count) {
        List<Map<String, String>> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = sequence.incrementAndGet();
            String from = n % 3 == 0 ? "+1929555100" + (n % 9 / 3) : "+1646" + String.format("%07d", n);
            texts.add(SandboxWebhooks.inboundSms("SM-bench-" + n, from, "+15555550100", "Benchmark text " + n));
        }
        return texts;
    }

    /**
     * Like the sandbox's (two thirds from new numbers, a third from three patients writing at once), and every
     * {@value #REPLAY_EVERY}th is Twilio sending an earlier text of the row again, the same MessageSid and fields
     * (Twilio retries a webhook it got no answer to in time): possibly while the first is still being stored.
     */
    private Texts twilioTexts(int count) {
        List<Map<String, String>> texts = new ArrayList<>();
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (i % REPLAY_EVERY == REPLAY_EVERY - 1) {
                texts.add(texts.get(i - REPLAY_EVERY / 2));
                continue;
            }
            int n = sequence.incrementAndGet();
            String from = n % 3 == 0 ? "+1929555200" + (n % 9 / 3) : "+1332" + String.format("%07d", n);
            texts.add(TwilioWebhooks.inboundSms(TWILIO_ACCOUNT, "SM" + String.format("%032x", n), from,
                    TWILIO_NUMBER, "Benchmark text " + n));
            distinct++;
        }
        return new Texts(texts, distinct);
    }

    /** A trivial request to the same server: {@code path} fetched {@code requests} times. */
    private WebhookLoad.Result get(String path, int connections, int requests) {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
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
                + (QUICK ? "; QUICK MODE (CI: only keeps the benchmark working, the figures mean nothing)" : "")
                + "; H2 in memory; " + WEBHOOKS + " webhooks a row, load generator and open inboxes in the server's "
                + "JVM. Twilio rows: a Twilio line with an auth token, each webhook signed as Twilio signs it and "
                + "checked by the Twilio plugin (Twilio's SDK); two thirds from new numbers, a third from three "
                + "patients writing at once, and every " + REPLAY_EVERY + "th a replay of an earlier MessageSid of "
                + "the row (answered 200, stored once: \"stored / different texts\" counts the messages stored by "
                + "the row). Sandbox rows: as in earlier runs, no replays. \"% of static file\" and \"% of liveness\" "
                + "are the webhooks stored per second over the trivial request's answers per second at the same "
                + "connections, in the same run (the figure that holds across machines). Command: "
                + "`./mvnw -Pbench verify -Dit.test=IntakeBenchmark`.\n\n"
                + "| request | connections | open inboxes | answered per second | stored (200) per second | p50 ms "
                + "| p99 ms | answers | stored / different texts | % of static file | % of liveness "
                + "| next text on every screen after (ms) | CPU ms per request (whole JVM) "
                + "| SQL statements per webhook | commits per webhook |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n");
    }
}
