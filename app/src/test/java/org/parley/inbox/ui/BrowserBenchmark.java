package org.parley.inbox.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.vaadin.flow.server.VaadinSession;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.parley.line.LineService;
import org.parley.security.Role;
import org.parley.testsupport.BrowserTest;
import org.parley.testsupport.EmbeddedPostgresql;
import org.parley.testsupport.PerformanceDoc;
import org.parley.testsupport.SandboxWebhooks;
import org.parley.testsupport.StatementCount;
import org.parley.testsupport.WebhookLoad;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Staff sessions in real browsers (issue 16, parts 3 and 4): Chromium through Playwright, each staff member signed in
 * in a browser context of their own, against Parley in production mode on an embedded PostgreSQL (so live updates
 * travel through {@code LISTEN/NOTIFY}, as in production). Measures
 * <ol>
 *     <li>the server's heap per signed-in session with the inbox open (used heap after full GCs with N sessions open,
 *     minus the same with none, divided by N), explained by the difference of the class histograms;</li>
 *     <li>how long after a signed webhook is posted its text's row shows in an open inbox, with 1 and with 50 open;</li>
 *     <li>the SQL statements per inbound text with 0, 1, 10 and 50 inboxes open, split by the thread that ran them
 *     (the webhook's request, the screens' refresh, the browsers' round trips, background workers), with the
 *     inboxes on the view the text lands in and on one it does not.</li>
 * </ol>
 * Writes the section "Staff sessions in real browsers" of {@code docs/performance.md}. Runs only with {@code -Pbench}:
 * it measures, it does not judge. {@code -Dparley.bench.quick=true}: 2 sessions, 5 texts, the same code path.
 *
 * <p>The Playwright client runs in the server's JVM: its own objects per page are counted apart (histogram entries of
 * {@code com.microsoft.playwright} and of the JSON it holds), and the heap is measured once more after the browsers
 * closed while the server still holds their sessions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.plugins.dir=${parley.test.plugins-dir}", "logging.level.org.parley=WARN"})
@DirtiesContext
class BrowserBenchmark extends BrowserTest {

    private static final boolean QUICK = Boolean.getBoolean("parley.bench.quick");
    /** Sessions for the memory figure. */
    private static final int SESSIONS = QUICK ? 2 : Integer.getInteger("parley.bench.sessions", 20);
    /** Open inboxes for the latency rows, and for the statement rows. */
    private static final int[] LATENCY_INBOXES = QUICK ? new int[] {1, 2} : new int[] {1, 50};
    private static final int[] STATEMENT_INBOXES = QUICK ? new int[] {0, 1, 2} : new int[] {0, 1, 10, 50};
    /** Texts timed per latency row, and texts counted per statement row. */
    private static final int TEXTS = QUICK ? 5 : Integer.getInteger("parley.bench.texts", 50);
    private static final int COUNTED_TEXTS = QUICK ? 5 : 10;
    /** Conversations in the inbox before anything is measured, so that each list shows a full page. */
    private static final int SEEDED = QUICK ? 20 : 200;
    /** One text every this many milliseconds: a busy practice's steady pace, slower than a screen's 1 s refresh. */
    private static final long PACE_MILLIS = Long.getLong("parley.bench.pace-ms", 2000);
    private static final String PASSWORD = "a long enough password";
    /** Signing in and opening a page on a shared 2-core machine with fifty browsers open can take long. */
    private static final LocatorAssertions.HasTextOptions SLOWLY =
            new LocatorAssertions.HasTextOptions().setTimeout(60_000);
    /** How long the open sessions sit idle before their heap is measured (past the server's keep-alive timeout). */
    private static final long SETTLE_MILLIS = QUICK ? 3000 : 65_000;
    /** Which parts run ({@code -Dparley.bench.parts=memory}); the section is written only when all of them ran. */
    private static final List<String> PARTS = List.of(System.getProperty("parley.bench.parts", "memory,live")
            .split(","));
    private static final EmbeddedPostgres POSTGRES = EmbeddedPostgresql.start();

    @Autowired
    LineService lines;
    @Autowired
    SessionsOfThisNode sessions;

    private final AtomicInteger sequence = new AtomicInteger();
    private final List<OpenInbox> open = new ArrayList<>();
    /** The SQL the screens' refresh and the browsers' round trips prepared in the last statement row, by text. */
    private final Map<String, Long> screenSql = new HashMap<>();
    /** The threads of the last row's other statements (after the post), with their statements. */
    private final Map<String, Long> workerThreads = new TreeMap<>();
    private String secret;


    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresql.useFor(registry, POSTGRES);
    }

    @AfterAll
    static void stopPostgresLast() {
        // After the application context (closed by @DirtiesContext after this class), never under its queues' feet.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                POSTGRES.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    /** One staff member's browser: a context of its own (cookies, session) with the inbox open in one page. */
    private record OpenInbox(BrowserContext context, Page page) {
    }

    @Test
    void staffSessionsInRealBrowsers() throws Exception {
        staffFixtures.firstAdmin("admin", "Ada Admin", PASSWORD);
        secret = lines.find("sandbox").orElseThrow().settings().get(SandboxWebhooks.SECRET_SETTING);
        StringBuilder body = new StringBuilder(PerformanceDoc.measuredOn()).append(
                "; embedded PostgreSQL (zonky, default settings, live updates through `LISTEN/NOTIFY`); Chromium "
                        + "(headless, one browser, a context per staff member) driven by Playwright from the server's "
                        + "JVM; " + SEEDED + " conversations in the inbox before measuring. Command: `./mvnw -Pbench "
                        + "verify -Dit.test=BrowserBenchmark`" + (QUICK ? " (quick mode)" : "") + ".\n\n");
        try (SandboxWebhooks provider = SandboxWebhooks.at(port)) {
            List<Map<String, String>> seed = new ArrayList<>();
            for (int i = 0; i < SEEDED; i++) {
                seed.add(text("Seeded text " + i));
            }
            WebhookLoad.run(provider, "sandbox", secret, 4, seed, true);

            if (PARTS.contains("memory")) {
                body.append(memoryPerSession());
            }
            if (PARTS.contains("live")) {
                body.append(latencyAndStatements(provider));
            }
        } finally {
            closeAll();
        }
        if (PARTS.containsAll(List.of("memory", "live"))) {
            PerformanceDoc.writeSection("## Staff sessions in real browsers", body.toString());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 1. Memory per session

    private String memoryPerSession() throws Exception {
        // Warm-up: classes loaded, caches filled, the JIT's first compilations; then every session ended.
        openUpTo(SESSIONS);
        closeAll();
        endServerSessions();
        long baseline = usedHeapAfterGc();
        Path before = histogram("before");

        openUpTo(SESSIONS);
        pause(2000);
        long justOpened = usedHeapAfterGc();
        // A person keeps the inbox open for hours: measured once the connections the page's loading opened have been
        // idle longer than the server keeps them (Tomcat's keep-alive timeout, 60 s by default), the push websocket
        // and its pushes left.
        pause(SETTLE_MILLIS);
        int uis = sessions.uis();
        long withSessions = usedHeapAfterGc();
        Path during = histogram("open");

        // The browsers close (each page tells the server, which closes its UI); the HTTP sessions stay until ended.
        closeAll();
        pause(1000);
        int uisLeft = sessions.uis();
        long browsersGone = usedHeapAfterGc();

        endServerSessions();
        long ended = usedHeapAfterGc();
        Path after = histogram("after");

        double perSession = (withSessions - baseline) / (double) SESSIONS / 1024;
        double toAfter = (withSessions - ended) / (double) SESSIONS / 1024;
        double opening = (justOpened - baseline) / (double) SESSIONS / 1024;
        double uiGone = (browsersGone - ended) / (double) SESSIONS / 1024;
        long playwrightBytes = classBytes(parse(after), parse(during), name -> name.startsWith("com.microsoft.playwright")
                || name.startsWith("com.google.gson"));
        StringBuilder out = new StringBuilder("### Memory per staff session\n\n");
        out.append(String.format(Locale.ROOT, """
                %d staff members, each signed in in a browser context of their own with the inbox (All open, a \
                full first page) shown. Used heap after full GCs (System.gc() three times): once a warm-up's \
                sessions were closed and ended (before), 2 s after the %d sessions opened, after they sat idle for \
                %d s more (%d UIs on the server; the connections the page's loading opened are closed by then, the \
                push websocket stays), after the browsers closed (each page tells the server, which closes its UI: \
                %d UIs left; the HTTP sessions stay), and after those sessions were ended too (after).

                | heap after full GC | MiB |
                |---|---|
                | before (no session) | %.1f |
                | %d sessions, 2 s after opening | %.1f |
                | %d sessions, idle %d s later | %.1f |
                | browsers closed, HTTP sessions still held | %.1f |
                | sessions ended (after) | %.1f |

                **Per session with the inbox open: %.0f KB** ((idle - before) / %d; against after: %.0f KB). Just \
                after opening: %.0f KB (the page's loading connections still open). Of the figure, the Playwright \
                client's own objects for its page (Java objects and their JSON, in the same JVM as the server) are \
                %.0f KB. An HTTP session whose UI has closed holds %.0f KB.

                What a session holds: the classes whose live bytes differ most between the %d idle open sessions \
                and after they ended (`GC.class_histogram`), per session:

                """, SESSIONS, SESSIONS, SETTLE_MILLIS / 1000, uis, uisLeft, baseline / 1048576.0, SESSIONS,
                justOpened / 1048576.0, SESSIONS, SETTLE_MILLIS / 1000, withSessions / 1048576.0,
                browsersGone / 1048576.0, ended / 1048576.0, perSession, SESSIONS, toAfter, opening,
                playwrightBytes / (double) SESSIONS / 1024, uiGone, SESSIONS));
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : histogramDiff(parse(after), parse(during), 25)) {
            rows.add(List.of(row.get(0), String.format(Locale.ROOT, "%.1f", Long.parseLong(row.get(1))
                    / (double) SESSIONS), String.format(Locale.ROOT, "%.1f", Long.parseLong(row.get(2))
                    / (double) SESSIONS / 1024)));
        }
        out.append(PerformanceDoc.table(List.of("class", "instances per session", "KB per session"), rows));
        out.append(String.format(Locale.ROOT, """

                What the heap kept from before the sessions to after they ended (%.0f KB per session signed in and \
                ended once more), the classes that grew most:

                """, (ended - baseline) / (double) SESSIONS / 1024));
        List<List<String>> kept = new ArrayList<>();
        for (List<String> row : histogramDiff(parse(before), parse(after), 10)) {
            kept.add(List.of(row.get(0), row.get(1), String.format(Locale.ROOT, "%.1f",
                    Long.parseLong(row.get(2)) / 1024.0)));
        }
        out.append(PerformanceDoc.table(List.of("class", "instances", "KB"), kept));
        System.out.println(out);
        return out.append('\n').toString();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            pause(300);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Live objects by class (a full GC first), written to a file: held in the heap, some 25,000 classes' entries would
     * weigh on the next measurement.
     */
    private static Path histogram(String name) throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Path file = Path.of("target", "browser-benchmark-histogram-" + name + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** A histogram's live instances and bytes by class. */
    private static Map<String, long[]> parse(Path histogram) throws IOException {
        Map<String, long[]> classes = new HashMap<>();
        for (String line : Files.readAllLines(histogram)) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length >= 4 && cells[0].endsWith(":")) {
                classes.merge(cells[3], new long[] {Long.parseLong(cells[1]), Long.parseLong(cells[2])},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return classes;
    }

    /** The {@code limit} classes whose bytes grew most: name, instances added, bytes added. */
    private static List<List<String>> histogramDiff(Map<String, long[]> before, Map<String, long[]> after,
                                                    int limit) {
        return after.entrySet().stream()
                .map(e -> {
                    long[] was = before.getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new long[] {e.getValue()[0] - was[0], e.getValue()[1] - was[1]});
                })
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
                .limit(limit)
                .map(e -> List.of("`" + e.getKey() + "`", String.valueOf(e.getValue()[0]),
                        String.valueOf(e.getValue()[1])))
                .toList();
    }

    private static long classBytes(Map<String, long[]> before, Map<String, long[]> after,
                                   Predicate<String> which) {
        long sum = 0;
        for (var e : after.entrySet()) {
            if (which.test(e.getKey())) {
                sum += e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1];
            }
        }
        return sum;
    }

    /** Ends every session of this node, as their expiry would (the UIs in them go too). */
    private void endServerSessions() {
        sessions.invalidateAll();
        pause(500);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2. and 3. Webhook to visible, statements per text

    private String latencyAndStatements(SandboxWebhooks provider) {
        List<List<String>> latencyRows = new ArrayList<>();
        List<List<String>> statementRows = new ArrayList<>();
        SortedSet<Integer> steps = new TreeSet<>();
        for (int n : LATENCY_INBOXES) {
            steps.add(n);
        }
        for (int n : STATEMENT_INBOXES) {
            steps.add(n);
        }
        for (int inboxes : steps) {
            openUpTo(inboxes);
            if (Arrays.stream(STATEMENT_INBOXES).anyMatch(n -> n == inboxes)) {
                statementRows.add(statements(provider, inboxes, "All open (the text lands there)", true));
            }
            if (Arrays.stream(LATENCY_INBOXES).anyMatch(n -> n == inboxes)) {
                latencyRows.add(latency(provider, inboxes));
            }
        }
        int most = steps.last();
        String perScreen = perScreenTable(most);
        // The same inboxes on a view the new texts do not land in: My inbox (nothing is assigned to them).
        for (OpenInbox inbox : open) {
            inbox.page().navigate(url("/inbox?view=mine"));
            assertThat(inbox.page().locator("#inbox-title")).hasText("My inbox", SLOWLY);
        }
        pause(1000);
        statementRows.add(statements(provider, most, "My inbox (the text does not land there)", false));
        String perScreenElsewhere = perScreenTable(most);

        StringBuilder out = new StringBuilder("### Webhook to visible in the browser\n\n");
        out.append(String.format(Locale.ROOT, """
                One text every %d ms, each from a new number (a new conversation on top of All open), posted as a \
                signed sandbox webhook; the time from just before the post until Playwright sees the text's row in \
                an open inbox (text i in inbox i mod N, so every inbox is timed), one clock (the JVM's). The open \
                inboxes are different staff members on All open, where the texts land.

                """, PACE_MILLIS));
        out.append(PerformanceDoc.table(List.of("open inboxes", "texts", "webhook answered p50 ms",
                "visible p50 ms", "visible p95 ms", "slowest ms"), latencyRows));
        out.append("\n### SQL statements per inbound text, by open inboxes\n\n");
        out.append(String.format(Locale.ROOT, """
                %d texts a row, one at a time, each counted until the server is quiet again (no statement for \
                0.5 s after its row showed in every open inbox on All open). Counted by the wrapped data source \
                (`StatementCount`) and split by the thread that prepared them: the webhook's request (a Tomcat \
                thread while the post was under way), the screens' refresh for the live update (`parley-live-update` \
                threads, in `ui.access`), the browsers' round trips afterwards (Tomcat threads after the answer) and \
                background workers (the notification queue and others).

                """, COUNTED_TEXTS));
        out.append(PerformanceDoc.table(List.of("open inboxes", "showing", "webhook's request",
                "screens' refresh", "browsers' round trips", "workers", "total per text", "UIs on the server"),
                statementRows));
        out.append(String.format(Locale.ROOT, """

                What the screens' refresh and the browsers' round trips prepared, per text and open inbox, with %d \
                inboxes on All open:

                """, most)).append(perScreen);
        out.append(String.format(Locale.ROOT, """

                The same with the %d inboxes on My inbox:

                """, most)).append(perScreenElsewhere);
        return out.toString();
    }

    private List<String> latency(SandboxWebhooks provider, int inboxes) {
        double[] answered = new double[TEXTS];
        double[] visible = new double[TEXTS];
        long next = System.nanoTime();
        for (int i = 0; i < TEXTS; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                pause(TimeUnit.NANOSECONDS.toMillis(wait));
            }
            next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PACE_MILLIS);
            String words = "Latency probe " + sequence.incrementAndGet();
            Page page = open.get(i % inboxes).page();
            long posted = System.nanoTime();
            post(provider, words);
            answered[i] = (System.nanoTime() - posted) / 1e6;
            row(page, words).waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE)
                    .setTimeout(30_000));
            visible[i] = (System.nanoTime() - posted) / 1e6;
        }
        List<String> row = List.of(String.valueOf(inboxes), String.valueOf(TEXTS),
                fmt(PerformanceDoc.percentile(answered, 50)), fmt(PerformanceDoc.percentile(visible, 50)),
                fmt(PerformanceDoc.percentile(visible, 95)), fmt(PerformanceDoc.percentile(visible, 100)));
        System.out.println("latency " + row);
        return row;
    }

    private List<String> statements(SandboxWebhooks provider, int inboxes, String showing, boolean landsThere) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        screenSql.clear();
        workerThreads.clear();
        for (String kind : List.of("request", "screens", "round trips", "workers")) {
            byKind.put(kind, 0L);
        }
        for (int i = 0; i < COUNTED_TEXTS; i++) {
            String words = "Counted text " + sequence.incrementAndGet();
            List<StatementCount.Prepared> duringPost = StatementCount.recording(() -> post(provider, words));
            List<StatementCount.Prepared> afterwards = StatementCount.recording(() -> {
                if (landsThere) {
                    for (OpenInbox inbox : open) {
                        row(inbox.page(), words).waitFor(new Locator.WaitForOptions()
                                .setState(WaitForSelectorState.VISIBLE).setTimeout(30_000));
                    }
                } else {
                    pause(1500);
                }
                untilQuiet();
            });
            for (StatementCount.Prepared p : duringPost) {
                byKind.merge(p.inRequest() ? "request" : kindOf(p), 1L, Long::sum);
            }
            for (StatementCount.Prepared p : afterwards) {
                String kind = p.inRequest() ? "round trips" : kindOf(p);
                byKind.merge(kind, 1L, Long::sum);
                if (!kind.equals("workers")) {
                    screenSql.merge(p.sql().replaceAll("\\s+", " "), 1L, Long::sum);
                } else {
                    workerThreads.merge(p.thread().replaceAll("[0-9]+", "N"), 1L, Long::sum);
                }
            }
        }
        long total = byKind.values().stream().mapToLong(Long::longValue).sum();
        List<String> row = List.of(String.valueOf(inboxes), inboxes == 0 ? "-" : showing,
                per(byKind.get("request")), per(byKind.get("screens")), per(byKind.get("round trips")),
                per(byKind.get("workers")), per(total), String.valueOf(sessions.uis()));
        System.out.println("statements " + row);
        return row;
    }

    /** The statements of the last row's screens and round trips, per text and open inbox, most frequent first. */
    private String perScreenTable(int inboxes) {
        List<List<String>> rows = screenSql.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12)
                .map(e -> List.of("`" + (e.getKey().length() > 110 ? e.getKey().substring(0, 110) + "…" : e.getKey())
                                .replace("|", "\\|") + "`",
                        String.format(Locale.ROOT, "%.2f", e.getValue() / (double) COUNTED_TEXTS / Math.max(1, inboxes))))
                .toList();
        return PerformanceDoc.table(List.of("statement (start)", "per text and open inbox"), rows)
                + "\nWorkers' statements after the post, by thread, per text: " + workerThreads.entrySet().stream()
                .map(e -> "`" + e.getKey() + "` " + String.format(Locale.ROOT, "%.1f",
                        e.getValue() / (double) COUNTED_TEXTS))
                .collect(Collectors.joining(", ")) + ".\n";
    }

    private static String kindOf(StatementCount.Prepared p) {
        return p.thread().startsWith("parley-live-update") ? "screens" : "workers";
    }

    private static String per(long count) {
        return String.format(Locale.ROOT, "%.1f", count / (double) COUNTED_TEXTS);
    }

    /** Waits until no statement was prepared for 0.5 s (at most 20 s). */
    private static void untilQuiet() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long last = StatementCount.statements();
        while (System.nanoTime() < until) {
            pause(500);
            long now = StatementCount.statements();
            if (now == last) {
                return;
            }
            last = now;
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private void post(SandboxWebhooks provider, String words) {
        int status = provider.post("sandbox", SandboxWebhooks.SMS, secret, text(words)).statusCode();
        if (status != 200) {
            throw new IllegalStateException("the webhook was answered " + status);
        }
    }

    private Map<String, String> text(String words) {
        int n = sequence.incrementAndGet();
        return SandboxWebhooks.inboundSms("SM-browser-" + n, "+1646" + String.format("%07d", n), "+15555550100",
                words);
    }

    private static Locator row(Page page, String words) {
        return page.locator("#conversation-list .conversation-row", new Page.LocatorOptions().setHasText(words));
    }

    /** Opens inboxes (a staff member each, signed in in a context of their own) until {@code count} are open. */
    private void openUpTo(int count) {
        while (open.size() < count) {
            int i = open.size();
            String username = "browser-staff-" + i;
            String name = "Browser Staff " + i;
            staffFixtures.account(username, name, PASSWORD, Role.STAFF);
            BrowserContext context = browser.newContext();
            Page page = context.newPage();
            page.setDefaultTimeout(60_000);
            page.navigate(url("/login"));
            page.locator("input[name=username]").fill(username);
            page.locator("input[name=password]").fill(PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
            assertThat(page.locator("#current-staff")).hasText(name, SLOWLY);
            assertThat(page.locator("#conversation-list .conversation-row").first())
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
            open.add(new OpenInbox(context, page));
        }
    }

    private void closeAll() {
        open.forEach(inbox -> inbox.context().close());
        open.clear();
    }

    private static String fmt(double millis) {
        return String.format(Locale.ROOT, "%.0f", millis);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The HTTP sessions of this node, to count their UIs and to end them as expiry would. */
    static final class SessionsOfThisNode implements HttpSessionListener {

        private final Set<HttpSession> sessions = ConcurrentHashMap.newKeySet();

        @Override
        public void sessionCreated(HttpSessionEvent event) {
            sessions.add(event.getSession());
        }

        @Override
        public void sessionDestroyed(HttpSessionEvent event) {
            sessions.remove(event.getSession());
        }

        int uis() {
            int uis = 0;
            for (HttpSession session : sessions) {
                try {
                    for (var vaadin : VaadinSession.getAllSessions(session)) {
                        vaadin.lock();
                        try {
                            uis += vaadin.getUIs().size();
                        } finally {
                            vaadin.unlock();
                        }
                    }
                } catch (IllegalStateException invalidated) {
                    // ended meanwhile
                }
            }
            return uis;
        }

        void invalidateAll() {
            for (HttpSession session : List.copyOf(sessions)) {
                try {
                    session.invalidate();
                } catch (IllegalStateException invalidated) {
                    // ended meanwhile
                }
            }
        }
    }

    /** Counts statements (the data source wrapped for this benchmark only) and tracks the sessions. */
    @TestConfiguration
    static class Instruments {
        @Bean
        static StatementCount statementCount() {
            return new StatementCount();
        }

        @Bean
        SessionsOfThisNode sessionsOfThisNode() {
            return new SessionsOfThisNode();
        }
    }
}
