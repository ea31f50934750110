package org.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.encryption.EncryptedText;
import org.parley.encryption.EncryptionAdministration;
import org.parley.provider.PluginAdministration;
import org.parley.provider.PluginInfo;
import org.parley.provider.ProviderRegistry;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.ParleyNodes;
import org.parley.testsupport.TestStaff;
import org.parley.testsupport.exporter.ExporterPluginJar;
import org.parley.testsupport.exporter.FakeEhrExporter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * What an admin changes on one node holds on every node, without a restart: a rotated encryption key (the key file is
 * shared), installed plugins and whether each is enabled (each node has its own plugins folder; the database carries
 * them), and the first admin, whom two first-run pages sent at the same moment on two nodes create once.
 */
class SharedStateAcrossNodesIT {

    @TempDir
    static Path shared;
    static ParleyNodes nodes;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoNodes() {
        nodes = new ParleyNodes(shared, Map.of("parley.encryption.key-file-check", "200ms",
                "parley.plugins.sync-interval", "200ms",
                "parley.encryption.reencrypt-on-start", "false"));
        a = nodes.start("a", Map.of("parley.plugins.dir", ownPluginsFolder("a").toString()));
        b = nodes.start("b", Map.of("parley.plugins.dir", ownPluginsFolder("b").toString()));
    }

    /** A copy of the test plugins for one node: nodes share no plugins folder, and the original stays untouched. */
    private static Path ownPluginsFolder(String node) {
        Path folder = shared.resolve(node + "-plugins");
        try (Stream<Path> archives = Files.list(Path.of(System.getProperty("parley.test.plugins-dir")))) {
            Files.createDirectories(folder);
            for (Path archive : archives.filter(Files::isRegularFile).toList()) {
                if (archive.getFileName().toString().matches(".*\\.(zip|jar)")) {
                    Files.copy(archive, folder.resolve(archive.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @AfterEach
    void signOut() {
        for (ConfigurableApplicationContext node : List.of(a, b)) {
            node.getBean(SecurityContextHolderStrategy.class).clearContext();
        }
    }

    /** The test's thread acts as an admin on both nodes (each node has its own security context holder). */
    private static void actAsAdmin() {
        for (ConfigurableApplicationContext node : List.of(a, b)) {
            SecurityContextHolderStrategy security = node.getBean(SecurityContextHolderStrategy.class);
            security.setContext(security.createEmptyContext());
            security.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    "admin", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        }
    }

    /** A converter like those of the entities, for a column of its own. */
    static class EncryptedTestColumn extends EncryptedText {
        EncryptedTestColumn() {
            super("message", "body");
        }
    }

    private static EncryptedText converterOf(ConfigurableApplicationContext node) {
        return node.getAutowireCapableBeanFactory().createBean(EncryptedTestColumn.class);
    }

    private static String header(int keyId) {
        return "prly2:" + HexFormat.of().toHexDigits(keyId) + ":";
    }

    @Test
    void aKeyRotatedOnOneNodeDecryptsOnTheOtherAtOnceAndEncryptsItsNewDataWithoutARestart() {
        EncryptedText onA = converterOf(a);
        EncryptedText onB = converterOf(b);
        actAsAdmin();

        int rotated = a.getBean(EncryptionAdministration.class).rotate("admin");
        String written = onA.convertToDatabaseColumn("Your results are in");

        assertThat(written).startsWith(header(rotated));
        assertThat(onB.convertToEntityAttribute(written)).as("B reads A's new key at once")
                .isEqualTo("Your results are in");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(onB.convertToDatabaseColumn("See you Friday")).as("B encrypts with the new key")
                        .startsWith(header(rotated)));
        assertThat(onA.convertToEntityAttribute(onB.convertToDatabaseColumn("See you Friday")))
                .isEqualTo("See you Friday");
    }

    @Test
    void aPluginDisabledOnOneNodeIsDisabledOnTheOtherAndEnabledAgainTheSame() {
        actAsAdmin();
        assertThat(state(b, "sandbox")).isEqualTo("STARTED");

        a.getBean(PluginAdministration.class).setEnabled(TestStaff.named("admin"), "sandbox", false);

        assertThat(state(a, "sandbox")).isEqualTo("DISABLED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(state(b, "sandbox")).isEqualTo("DISABLED");
            assertThat(b.getBean(ProviderRegistry.class).provider("sandbox")).isEmpty();
        });

        a.getBean(PluginAdministration.class).setEnabled(TestStaff.named("admin"), "sandbox", true);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(state(b, "sandbox")).isEqualTo("STARTED");
            assertThat(b.getBean(ProviderRegistry.class).provider("sandbox")).isPresent();
        });
    }

    @Test
    void aNodeStartedAfterAPluginWasDisabledStartsWithItDisabled() {
        actAsAdmin();
        a.getBean(PluginAdministration.class).setEnabled(TestStaff.named("admin"), "vonage", false);
        ConfigurableApplicationContext c = nodes.start("c", Map.of("parley.plugins.dir",
                ownPluginsFolder("c").toString()));
        try {
            assertThat(state(c, "vonage")).as("applied at start, before the node serves").isEqualTo("DISABLED");
            assertThat(state(c, "sandbox")).isEqualTo("STARTED");
        } finally {
            nodes.stop(c);
            a.getBean(PluginAdministration.class).setEnabled(TestStaff.named("admin"), "vonage", true);
        }
    }

    @Test
    void aPluginInstalledOnOneNodeRunsOnTheOther() throws IOException {
        actAsAdmin();
        Path jar = ExporterPluginJar.write(Files.createTempDirectory(shared, "upload"));
        assertThat(b.getBean(ProviderRegistry.class).exporter(FakeEhrExporter.ID)).isEmpty();

        a.getBean(PluginAdministration.class).install(TestStaff.named("admin"), jar.getFileName().toString(), Files.readAllBytes(jar));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(b.getBean(ProviderRegistry.class).exporter(FakeEhrExporter.ID)).isPresent());
        assertThat(Files.exists(shared.resolve("b-plugins").resolve(jar.getFileName())))
                .as("the archive is in B's own plugins folder").isTrue();
    }

    @Test
    void twoNodesCreatingTheFirstAdminAtOnceEndWithOne() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            Future<String> onA = both.submit(firstAdmin(a, "ada", go));
            Future<String> onB = both.submit(firstAdmin(b, "bob", go));
            go.countDown();
            List<String> answers = List.of(onA.get(), onB.get());

            assertThat(answers).filteredOn("created"::equals).hasSize(1);
            assertThat(answers).filteredOn(answer -> !answer.equals("created")).singleElement()
                    .isEqualTo("Parley already has an administrator. Log in instead.");
        } finally {
            both.shutdownNow();
        }
        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("select count(*) from staff_user where role = 'ADMIN' and enabled = true",
                Long.class)).isEqualTo(1);
    }

    private static Callable<String> firstAdmin(ConfigurableApplicationContext node, String username,
                                               CountDownLatch go) {
        return () -> {
            go.await();
            try {
                node.getBean(StaffDirectory.class).createFirstAdmin(username, "First " + username,
                        "a long enough password");
                return "created";
            } catch (IllegalStateException refused) {
                return refused.getMessage();
            }
        };
    }

    private static String state(ConfigurableApplicationContext node, String pluginId) {
        return node.getBean(ProviderRegistry.class).plugins().stream().filter(p -> p.id().equals(pluginId))
                .map(PluginInfo::state).findFirst().orElse("MISSING");
    }
}
