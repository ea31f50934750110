package org.parley;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testsupport.PerformanceDoc;

/**
 * The start-up benchmark (issue 16: start-up at most 8 s with all plugins): the packaged application as the release
 * archive ships it (the jar this build made, extracted into Spring Boot's production layout exactly as the
 * distribution module does, {@code parley.jar} and {@code lib/}, with the six plugins in {@code plugins/}), started
 * as a process of its own with {@code java -jar parley.jar} in that folder, timed from the process's start to the
 * first 200 from the readiness probe on the app's port (polled every 20 ms). Median of 3 starts each: on the embedded
 * H2 database already created, on an embedded PostgreSQL already migrated, on H2 with the dynamic CDS archive a start
 * creates by itself ({@code -XX:+AutoCreateSharedArchive}) and with the JDK's AOT cache that {@code parley.service}
 * trains (Java 25); the very first start (which creates the database) once. Besides the wall time, the processor time
 * until ready, and of it the main thread's (the start's own work, one thing after another: on an idle machine the
 * lower bound of the wall time) and the JIT compilers'. The log of one
 * start is broken down by its phases' log lines, to show where the time goes. Writes {@code ## Start-up}. Runs only
 * with {@code -Pbench} (CI's quick mode, {@code -Dparley.bench.quick=true}: the first start on H2 only).
 */
class StartupBenchmark {

    private static final boolean QUICK = Boolean.getBoolean("parley.bench.quick");
    private static final int STARTS = Integer.getInteger("parley.bench.starts", QUICK ? 1 : 3);
    /** Settings added to every start, to try a change without building: {@code -Dparley.bench.startup-args="--a=b"}. */
    private static final List<String> EXTRA = java.util.Arrays.stream(System.getProperty("parley.bench.startup-args",
            "").split(" ")).filter(a -> !a.isBlank()).toList();
    /** A start on a busy shared machine took up to 150 s (docs/performance.md); a start this long is broken. */
    private static final Duration START_WITHIN = Duration.ofMinutes(10);
    /** The AOT cache's training start also assembles the cache in a second process: minutes on a busy machine. */
    private static final Duration TRAINING_WITHIN = Duration.ofMinutes(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** The log lines that end a phase of the start, in the order they come, and what the phase did. */
    private static final Map<String, String> PHASES = new LinkedHashMap<>();

    static {
        PHASES.put("Starting ParleyApplication", "JVM start, Spring Boot's launcher, logging");
        PHASES.put("Tomcat initialized", "bean definitions scanned, web server created");
        PHASES.put("Start completed", "connection pool open");
        PHASES.put("Current version of schema", "Flyway: schema history read");
        PHASES.put("Initialized JPA EntityManagerFactory", "Flyway validated/migrated, Hibernate started");
        PHASES.put("is STARTED", "plugins loaded and started (PF4J), services created");
        PHASES.put("Tomcat started on port", "Vaadin and Spring MVC set up, the rest of the beans, Tomcat serving");
        PHASES.put("Started ParleyApplication", "start-up runners, context refreshed");
    }

    @TempDir
    Path temp;

    /** One start: wall time to ready, the process's processor time by then (moves less with a busy machine). */
    private record Start(double readyMillis, double cpuMillis, Threads threads, String log, Instant began) {
    }

    /**
     * The processor time until ready of the main thread, which does the start's own work in order (on an idle
     * machine the start cannot be quicker than it), and of the JIT compilers' threads; NaN where {@code /proc} is
     * missing.
     */
    private record Threads(double mainMillis, double jitMillis) {

        static final Threads UNKNOWN = new Threads(Double.NaN, Double.NaN);

        /** Linux: each thread's user and system time from {@code /proc/<pid>/task/<tid>/stat}, by its name. */
        static Threads of(long pid) {
            Path tasks = Path.of("/proc", String.valueOf(pid), "task");
            if (!Files.isDirectory(tasks)) {
                return UNKNOWN;
            }
            double main = 0;
            double jit = 0;
            try (Stream<Path> threads = Files.list(tasks)) {
                for (Path thread : threads.toList()) {
                    try {
                        String name = Files.readString(thread.resolve("comm")).strip();
                        String stat = Files.readString(thread.resolve("stat"));
                        // fields after the name in parentheses: state is field 3, utime 14, stime 15
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        double millis = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000.0
                                / CLOCK_TICKS;
                        if (name.equals("java")) {
                            main += millis; // the launcher's own thread, named alike, only waits
                        } else if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                            jit += millis;
                        }
                    } catch (IOException | RuntimeException ended) {
                        // a thread that ended meanwhile
                    }
                }
            } catch (IOException e) {
                return UNKNOWN;
            }
            return new Threads(main, jit);
        }
    }

    /** The kernel's clock ticks per second ({@code getconf CLK_TCK}; 100 on Linux unless it says otherwise). */
    private static final long CLOCK_TICKS = clockTicks();

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    @Test
    void startup() throws Exception {
        Path release = release();
        List<List<String>> rows = new ArrayList<>();
        Start first = start(release, List.of(), List.of());
        rows.add(row("H2 (embedded default), first start: creates the database and key file", List.of(first)));
        // quick: the first start only (its phases below), which is the same code path
        List<Start> h2 = QUICK ? List.of(first) : starts(release, List.of(), List.of());
        if (!QUICK) {
            rows.add(row("H2 (embedded default), database already there", h2));
        }
        Start typical = h2.stream().sorted((a, b) -> Double.compare(a.readyMillis(), b.readyMillis()))
                .toList().get(h2.size() / 2);
        if (!QUICK) {
            // Java 19+'s dynamic CDS archive, created by the first start that finds it missing or stale (at its exit)
            // and used by the next: the one start-up cache that needs no training step (Java 21 as well)
            Path archive = temp.resolve("parley.jsa");
            List<String> dynamicCds = List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive);
            rows.add(row("H2, `-XX:+AutoCreateSharedArchive`: the start that creates the archive (at its exit)",
                    List.of(start(release, dynamicCds, List.of()))));
            rows.add(row("H2 with that archive (`-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=...`)",
                    starts(release, dynamicCds, List.of())));
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
                List<String> database = List.of("--spring.datasource.url=" + postgres.getJdbcUrl("postgres",
                        "postgres"), "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
                Start migrating = start(release, List.of(), database);
                rows.add(row("PostgreSQL (embedded), first start: migrates the schema", List.of(migrating)));
                rows.add(row("PostgreSQL (embedded), schema already there", starts(release, List.of(), database)));
            }
            if (Runtime.version().feature() >= 25) {
                Path cache = temp.resolve("parley.aot");
                try {
                    // parley.service's ExecStartPre: a start that stops once the context is up, writing the cache
                    Start training = run(release, List.of("-XX:AOTCacheOutput=" + cache,
                            "-Dspring.context.exit=onRefresh"), List.of(), false);
                    if (!Files.isRegularFile(cache)) {
                        // the JVM ends such a start with 0 even when it could not write the cache (log: "[aot]")
                        throw new IllegalStateException("the training start wrote no AOT cache: " + training.log()
                                .lines().filter(line -> line.contains("[aot]")).findFirst().orElse("(no reason)"));
                    }
                    rows.add(List.of("H2, the AOT cache's training start (`parley.service`, once per jar and Java; "
                            + "until the process ended)", "1", ms(training.readyMillis()), "", "", "", "", ""));
                    rows.add(row("H2 with the AOT cache (`-XX:AOTCache`, as `parley.service` starts it)",
                            starts(release, List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cache), List.of())));
                } catch (IllegalStateException failed) {
                    // the rows above still count; say what went wrong here instead of losing them
                    rows.add(List.of("H2 with the AOT cache: not measured, " + failed.getMessage().lines().findFirst()
                            .orElse("failed"), "0", "", "", "", "", "", ""));
                }
            }
        }
        PerformanceDoc.writeSection("## Start-up", PerformanceDoc.measuredOn()
                + (QUICK ? "; QUICK MODE (CI: only keeps the benchmark working, the figures mean nothing)" : "")
                + ". The jar of this build in the release archive's layout (`parley.jar`, `lib/`, the six plugins in "
                + "`plugins/`), started with `java -jar parley.jar` in its folder as a process of its own, on the "
                + "JDK running the benchmark, default heap; ready = the first 200 from "
                + "`/actuator/health/readiness` on the app's port, polled every 20 ms, timed from the process's "
                + "start; the median (and range) of " + STARTS + " starts. The benchmark's JVM is idle meanwhile, "
                + "the machine's other load shows in the load average; the processor time the process used until "
                + "ready (all its threads) moves much less with that load than the wall time does, and 2 cores "
                + "give at most twice the wall time. The main thread does the start's own work in order: on an idle "
                + "machine a start takes at least its processor time (the JIT compilers and GC run beside it on the "
                + "second core). Target: at most 8 s. "
                + (EXTRA.isEmpty() ? "" : "Every start with `" + String.join(" ", EXTRA) + "`. ") + "Command: "
                + "`./mvnw -Pbench verify -Dit.test=StartupBenchmark`.\n\n"
                + PerformanceDoc.table(List.of("start", "starts", "ready after (median) ms", "fastest ms",
                "slowest ms", "processor time until ready (median) ms", "of it the main thread's ms",
                "the JIT compilers' ms"), rows)
                + "\nWhere the time goes (" + (QUICK ? "the first start" : "the median start on H2, database already "
                + "there") + "; each phase ends with a log line, its time from the process's start):\n\n"
                + PerformanceDoc.table(List.of("phase", "ends at ms", "took ms"), phases(typical)));
    }

    /** The release's folder: the jar extracted as the distribution module does, the plugins beside it. */
    private Path release() throws Exception {
        String jar = System.getProperty("parley.bench.app-jar", "");
        if (jar.isBlank() || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("-Dparley.bench.app-jar must name the app's packaged jar (the bench "
                    + "profile sets it to target/parley-app-<version>.jar, built by the package phase); got '"
                    + jar + "'");
        }
        Path release = Files.createDirectories(temp.resolve("release"));
        Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", jar, "extract", "--destination",
                release.toString(), "--application-filename", "parley.jar").redirectErrorStream(true)
                .redirectOutput(temp.resolve("extract.log").toFile()).start();
        if (extract.waitFor() != 0) {
            throw new IllegalStateException("extracting " + jar + " failed: " + Files.readString(
                    temp.resolve("extract.log")));
        }
        Path plugins = Files.createDirectories(release.resolve("plugins"));
        try (Stream<Path> zips = Files.list(Path.of(System.getProperty("parley.test.plugins-dir")))) {
            for (Path zip : zips.filter(z -> z.toString().endsWith(".zip")).toList()) {
                Files.copy(zip, plugins.resolve(zip.getFileName()));
            }
        }
        return release;
    }

    private List<Start> starts(Path release, List<String> javaOptions, List<String> arguments) throws Exception {
        List<Start> starts = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            starts.add(start(release, javaOptions, arguments));
        }
        return starts;
    }

    private Start start(Path release, List<String> javaOptions, List<String> arguments) throws Exception {
        return run(release, javaOptions, arguments, true);
    }

    /**
     * Starts Parley in {@code release}; {@code untilReady}: timed to its readiness, then stopped (SIGTERM), else
     * timed until it ends by itself.
     */
    private Start run(Path release, List<String> javaOptions, List<String> arguments, boolean untilReady)
            throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", "parley.jar", "--server.port=" + port, "--management.server.port=0"));
        command.addAll(arguments);
        command.addAll(EXTRA);
        Path log = Files.createTempFile(temp, "start-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(release.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Instant began = Instant.now();
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            if (!untilReady) {
                if (!process.waitFor(TRAINING_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the training start did not end within " + TRAINING_WITHIN
                            + ":\n" + tail(log));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("the training start ended with " + process.exitValue() + ":\n"
                            + tail(log));
                }
                return new Start((System.nanoTime() - started) / 1e6, Double.NaN, Threads.UNKNOWN,
                        Files.readString(log), began);
            }
            HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build();
            while (System.nanoTime() - started < START_WITHIN.toNanos()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Parley stopped while starting:\n" + tail(log));
                }
                try {
                    if (HTTP.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        double millis = (System.nanoTime() - started) / 1e6;
                        double cpu = process.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
                        Threads threads = Threads.of(process.pid());
                        System.out.printf(Locale.ROOT, "StartupBenchmark: ready after %.0f ms, %.0f ms CPU (main thread "
                                + "%.0f ms, JIT %.0f ms) (%s %s)%n", millis, cpu, threads.mainMillis(),
                                threads.jitMillis(), String.join(" ", javaOptions), String.join(" ", arguments));
                        return new Start(millis, cpu, threads, Files.readString(log), began);
                    }
                } catch (IOException notListeningYet) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("Parley was not ready within " + START_WITHIN + ":\n" + tail(log));
        } finally {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static List<String> row(String what, List<Start> starts) {
        double[] millis = starts.stream().mapToDouble(Start::readyMillis).toArray();
        Arrays.sort(millis);
        double[] cpu = starts.stream().mapToDouble(Start::cpuMillis).sorted().toArray();
        double[] main = starts.stream().mapToDouble(s -> s.threads().mainMillis()).sorted().toArray();
        double[] jit = starts.stream().mapToDouble(s -> s.threads().jitMillis()).sorted().toArray();
        return List.of(what, String.valueOf(millis.length), ms(millis[millis.length / 2]), ms(millis[0]),
                ms(millis[millis.length - 1]), ms(cpu[cpu.length / 2]), ms(main[main.length / 2]),
                ms(jit[jit.length / 2]));
    }

    /** The start's phases: each known log line's time from the process's start, and the readiness at the end. */
    private static List<List<String>> phases(Start start) {
        List<List<String>> rows = new ArrayList<>();
        double previous = 0;
        for (Map.Entry<String, String> phase : PHASES.entrySet()) {
            // the last line of its kind: "is STARTED" comes once per plugin
            Double at = null;
            for (String line : start.log().lines().toList()) {
                if (line.contains(phase.getKey())) {
                    Double time = millisAfter(start.began(), line);
                    at = time == null ? at : time;
                    if (!phase.getKey().equals("is STARTED")) {
                        break;
                    }
                }
            }
            if (at != null) {
                rows.add(List.of(phase.getValue() + " (`" + phase.getKey() + "`)", ms(at), ms(at - previous)));
                previous = at;
            }
        }
        rows.add(List.of("readiness answered 200 on the app's port", ms(start.readyMillis()),
                ms(start.readyMillis() - previous)));
        return rows;
    }

    /** The time of a log line (Spring Boot's default pattern starts with its ISO timestamp) after {@code began}. */
    private static Double millisAfter(Instant began, String line) {
        int space = line.indexOf(' ');
        if (space < 0) {
            return null;
        }
        try {
            return Duration.between(began, OffsetDateTime.parse(line.substring(0, space)).toInstant()).toNanos() / 1e6;
        } catch (DateTimeParseException notATimestamp) {
            return null;
        }
    }

    private static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.0f", millis);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
