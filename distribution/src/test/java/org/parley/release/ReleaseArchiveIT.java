package org.parley.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a practice's IT gets it: unpacked into an empty folder and started with {@code java -jar}
 * as a process of its own, nothing from the build on its classpath. It starts on the embedded default (H2 and key
 * file in ./data, the six plugins from ./plugins) in Vaadin's production mode, says it is ready on the app's port,
 * keeps its metrics off that port, and stops gracefully; it refuses a key file that does not open its database and
 * a data folder it cannot write, naming them; the production example starts on PostgreSQL without the simulator; the
 * start-up cache parley.service trains is used by the next start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseArchiveIT {

    private static final List<String> PLUGINS = List.of("fhir-export", "hl7v2-export", "pdf-export", "sandbox",
            "twilio", "vonage");
    private static final Duration START_WITHIN = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path temp;

    private static Path release;
    private static String version;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("parley.release.archive"));
        version = System.getProperty("parley.release.version");
        assertThat(archive).isRegularFile();
        Path empty = Files.createDirectories(temp.resolve("empty"));
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", empty.toString())
                .inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        release = empty.resolve("parley-" + version);
    }

    @AfterAll
    static void closeClient() {
        HTTP.close();
    }

    @Test
    @Order(1)
    void theArchiveHoldsTheJarItsLibrariesTheSixPluginsTheProductionExampleTheUnitAndTheReadme() throws Exception {
        try (Stream<Path> files = Files.list(release)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("parley.jar", "lib",
                    "plugins", "application.properties.example", "parley.service", "README.md");
        }
        try (Stream<Path> plugins = Files.list(release.resolve("plugins"))) {
            assertThat(plugins.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(
                    PLUGINS.stream().map(id -> id + "-" + version + ".zip").toList());
        }
        assertThat(Files.readString(release.resolve("README.md"))).contains("## Install");
        assertThat(Files.readString(release.resolve("application.properties.example")))
                .contains("parley.simulator.enabled=false", "jdbc:postgresql:", "parley.lines[0].provider=twilio",
                        "parley.public-base-url=https://");
        try (Stream<Path> lib = Files.list(release.resolve("lib"))) {
            assertThat(lib.map(f -> f.getFileName().toString()).toList())
                    .anyMatch(n -> n.startsWith("flow-server-"))
                    .noneMatch(n -> n.startsWith("vaadin-dev"))
                    .noneMatch(n -> n.startsWith("flow-build-tools"))
                    .noneMatch(n -> n.startsWith("copilot"));
        }
        try (JarFile jar = new JarFile(release.resolve("parley.jar").toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Class-Path")).contains("lib/flow-server-");
            String token = new String(jar.getInputStream(jar.getEntry("META-INF/VAADIN/config/flow-build-info.json"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(token).containsIgnoringWhitespaces("\"productionMode\":true");
        }
    }

    @Test
    @Order(2)
    void unpackedIntoAnEmptyFolderItStartsOnTheEmbeddedDefaultInProductionModeAndStopsGracefully() throws Exception {
        Files.write(release.resolve("plugins/broken.zip"), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'});
        Parley parley = Parley.start(release, "embedded", List.of(), Map.of());
        try {
            parley.awaitReady();
            String log = parley.log();

            assertThat(log).contains("Vaadin is running in production mode");
            for (String id : PLUGINS) {
                assertThat(log).contains("Plugin '" + id + "' " + version + " is STARTED");
            }
            assertThat(log).containsPattern("Plugin archive broken\\.zip could not be loaded: \\S+");
            assertThat(release.resolve("data/parley.mv.db")).isRegularFile();
            assertThat(release.resolve("data/parley.keys")).isRegularFile();
            assertThat(parley.get(parley.port, "/actuator/health/readiness").body())
                    .isEqualToIgnoringWhitespace("{\"status\":\"UP\"}");
            assertThat(parley.get(parley.port, "/login").body()).contains("<html").doesNotContainIgnoringCase("vite");
            // the frontend module's plain CSS and page, static resources of the production build
            HttpResponse<String> css = parley.get(parley.port, "/parley/parley.css");
            assertThat(css.statusCode()).isEqualTo(200);
            assertThat(css.headers().firstValue("Content-Type")).get().asString().startsWith("text/css");
            assertThat(parley.get(parley.port, "/parley/signed-out.html").statusCode()).isEqualTo(200);
            // the embedded default's sandbox carrier answers like a provider's API (here: an unsigned call refused)
            HttpResponse<String> carrier = parley.post(parley.port, "/sandbox-carrier/messages", "To=%2B12125550143");
            assertThat(carrier.headers().firstValue("Content-Type")).get().asString()
                    .startsWith("application/x-www-form-urlencoded");
            assertThat(carrier.body()).contains("ErrorCode");
            HttpResponse<String> metricsOnAppPort = parley.get(parley.port, "/actuator/prometheus");
            assertThat(metricsOnAppPort.statusCode()).isNotEqualTo(200);
            assertThat(metricsOnAppPort.body()).doesNotContain("parley_");
            assertThat(parley.get(parley.managementPort, "/actuator/prometheus").body())
                    .contains("parley_queue_depth", "parley_staff_sessions_open");
            System.out.println("ReleaseArchiveIT, java -jar parley.jar: " + parley.startedLine());
        } finally {
            parley.stop();
        }
        assertThat(parley.exitCode()).as("SIGTERM: a graceful stop").isIn(0, 143);
        assertThat(parley.log()).contains("webhooks are answered 503 from now on", "Graceful shutdown complete");
    }

    @Test
    @Order(3)
    void aKeyFileThatDoesNotOpenTheDatabaseStopsTheStartNamingTheKey() throws Exception {
        Path otherKeys = temp.resolve("another-install/parley.keys");

        Parley parley = Parley.start(release, "other-keys", List.of("--parley.encryption.key-file=" + otherKeys),
                Map.of());

        assertThat(parley.awaitExit()).as("refused to start").isNotIn(0, 143);
        assertThat(parley.log()).contains("holds a different key 1 than the one this database's data was written with")
                .contains(otherKeys.toString());
    }

    @Test
    @Order(4)
    void aDataFolderItCannotWriteStopsTheStartNamingTheFolderWithNothingCreated() throws Exception {
        Path notAFolder = Files.writeString(temp.resolve("backup.tar"), "a file where the data folder's parent should be");
        Path data = notAFolder.resolve("data");

        Parley parley = Parley.start(release, "unwritable", List.of("--parley.data-dir=" + data), Map.of());

        assertThat(parley.awaitExit()).as("refused to start").isNotIn(0, 143);
        assertThat(parley.log()).contains("APPLICATION FAILED TO START")
                .contains("Parley cannot write its data folder " + data + " (for the embedded database)")
                .contains("Nothing was created");
        assertThat(Files.readString(notAFolder)).isEqualTo("a file where the data folder's parent should be");
    }

    @Test
    @Order(5)
    void theProductionExampleStartsOnPostgresqlWithoutTheSimulator() throws Exception {
        Path install = Files.createDirectories(temp.resolve("production"));
        Files.copy(release.resolve("application.properties.example"), install.resolve("application.properties"));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            // What the example leaves to the machine: the database's address, the folders, and the secrets.
            Parley parley = Parley.start(List.of(), release.resolve("parley.jar"), install, "production", List.of(
                    "--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                    "--spring.datasource.username=postgres",
                    "--parley.data-dir=" + install.resolve("data"),
                    "--parley.encryption.key-file=" + install.resolve("data/parley.keys"),
                    "--parley.plugins.dir=" + release.resolve("plugins")), Map.of(
                    "PARLEY_DB_PASSWORD", "not needed by the embedded PostgreSQL",
                    "TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000",
                    "TWILIO_AUTH_TOKEN", "not a real token"));
            try {
                parley.awaitReady();
                String log = parley.log();

                assertThat(log).contains("Vaadin is running in production mode", "PostgreSQL",
                        "Created line 'main' served by provider 'twilio'").doesNotContain("Created line 'sandbox'");
                // the path is only the app's page now: no sandbox carrier answers it
                HttpResponse<String> carrier = parley.post(parley.port, "/sandbox-carrier/messages", "To=%2B12125550143");
                assertThat(carrier.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
                assertThat(carrier.body()).doesNotContain("ErrorCode");
                assertThat(parley.get(parley.managementPort, "/actuator/health").body())
                        .contains("\"pluginHost\"", "\"keyFile\"", "PostgreSQL");
            } finally {
                parley.stop();
            }
        }
    }

    @Test
    @Order(6)
    void theStartUpCacheTheUnitTrainsIsUsedByTheNextStart() throws Exception {
        Path cache = temp.resolve("parley.aot");
        assumeTrue(Runtime.version().feature() >= 25, "the AOT cache of parley.service needs Java 25");

        // what parley.service's ExecStartPre does: a start that stops once Parley is up, writing the cache
        Parley training = Parley.start(List.of("-XX:AOTCacheOutput=" + cache, "-Dspring.context.exit=onRefresh"),
                release.resolve("parley.jar"), release, "training", List.of(), Map.of());
        assertThat(training.awaitExit()).as("the training start ends by itself").isZero();
        assertThat(cache).isRegularFile();

        // AOTMode=on: the JVM refuses to start rather than start without the cache
        Parley parley = Parley.start(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cache), release.resolve("parley.jar"),
                release, "cached", List.of(), Map.of());
        try {
            parley.awaitReady();
            assertThat(parley.log()).doesNotContain("[error][aot]");
            System.out.println("ReleaseArchiveIT, with the AOT cache: " + parley.startedLine());
        } finally {
            parley.stop();
        }
    }

    /** One Parley process: {@code java -jar parley.jar} in a folder, its output in a file. */
    private static final class Parley {

        final int port;
        final int managementPort;
        private final Process process;
        private final Path output;

        private Parley(Process process, Path output, int port, int managementPort) {
            this.process = process;
            this.output = output;
            this.port = port;
            this.managementPort = managementPort;
        }

        /** Starts {@code java -jar parley.jar} in {@code folder}, the release's own, with free ports. */
        static Parley start(Path folder, String name, List<String> arguments, Map<String, String> environment)
                throws IOException {
            return start(List.of(), folder.resolve("parley.jar"), folder, name, arguments, environment);
        }

        /**
         * Starts {@code java <options> -jar <jar>} in {@code folder} (where it finds ./application.properties), with
         * free ports.
         */
        static Parley start(List<String> javaOptions, Path jar, Path folder, String name, List<String> arguments,
                            Map<String, String> environment) throws IOException {
            int port = freePort();
            int managementPort = freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(javaOptions);
            command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                    "--management.server.port=" + managementPort));
            command.addAll(arguments);
            Path output = temp.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            return new Parley(builder.start(), output, port, managementPort);
        }

        void awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + START_WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(process.isAlive()).as("Parley stopped while starting:%n%s", tail()).isTrue();
                try {
                    if (get(port, "/actuator/health/readiness").statusCode() == 200) {
                        return;
                    }
                } catch (UncheckedIOException notYet) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            throw new AssertionError("Parley was not ready within " + START_WITHIN + ":\n" + tail());
        }

        int awaitExit() throws InterruptedException {
            assertThat(process.waitFor(START_WITHIN.toSeconds(), TimeUnit.SECONDS)).as("exited:%n%s", tail()).isTrue();
            return process.exitValue();
        }

        /** SIGTERM, as systemd stops it. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("Parley did not stop within 90 s:\n" + tail());
            }
        }

        int exitCode() {
            return process.exitValue();
        }

        String log() {
            try {
                return Files.readString(output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String startedLine() {
            return log().lines().filter(l -> l.contains("Started ParleyApplication")).findFirst().orElse("");
        }

        private String tail() {
            List<String> lines = log().lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }

        HttpResponse<String> get(int port, String path) {
            return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
        }

        HttpResponse<String> post(int port, String path, String form) {
            return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        private static HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
