package org.parley.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.twilio.TwilioWebhookTest.fields;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.plugin.MessagingProvider;
import org.parley.plugin.PluginApi;
import org.parley.plugin.WebhookOutcome;
import org.parley.plugin.WebhookRequest;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginState;

/** The plugin zip as the build packaged it: what it ships, and that PF4J starts it and its libraries work. */
class TwilioArchiveIT {

    @TempDir
    Path pluginsDir;

    private DefaultPluginManager manager;

    @AfterEach
    void unload() {
        if (manager != null) {
            // one by one: PF4J 3.15.0's stopPlugins() can throw ConcurrentModificationException
            manager.stopPlugin("twilio");
            manager.unloadPlugin("twilio");
        }
    }

    @Test
    void theArchiveShipsTheSdkButNoneOfTheLibrariesTheAppProvides() throws IOException {
        List<String> entries;
        try (ZipFile zip = new ZipFile(archive().toFile())) {
            entries = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }

        assertThat(entries).contains("classes/META-INF/MANIFEST.MF", "classes/META-INF/extensions.idx",
                "classes/org/parley/twilio/TwilioProvider.class", "lib/twilio-13.0.1.jar");
        assertThat(entries).filteredOn(name -> name.startsWith("lib/"))
                .noneMatch(name -> name.matches("lib/(pf4j|slf4j|parley-|java-semver).*"));
        assertThat(entries).noneMatch(name -> name.startsWith("classes/org/pf4j/")
                || name.startsWith("classes/org/slf4j/") || name.startsWith("classes/org/parley/plugin/"));
    }

    @Test
    void pf4jStartsThePluginAndItsProviderAnswersACallWithTheBundledLibraries() throws Exception {
        Files.copy(archive(), pluginsDir.resolve(archive().getFileName()));
        manager = new DefaultPluginManager(pluginsDir);
        manager.setSystemVersion(PluginApi.VERSION);
        manager.setExactVersionAllowed(false);
        manager.loadPlugins();
        manager.startPlugins();

        assertThat(manager.getPlugin("twilio").getPluginState()).isEqualTo(PluginState.STARTED);
        List<MessagingProvider> providers = manager.getExtensions(MessagingProvider.class, "twilio");
        assertThat(providers).singleElement().satisfies(provider -> {
            assertThat(provider.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
            assertThat(provider.descriptor().id()).isEqualTo("twilio");
        });
        MessagingProvider provider = providers.get(0);
        FakeLine line = new FakeLine();
        WebhookRequest call = TwilioSignatures.signedPost(line.webhookUrl("voice"),
                fields("CallSid", "CA1", "From", "+15557654321", "To", FakeLine.NUMBER));

        assertThat(provider.isAuthentic(line, call)).isTrue();
        WebhookOutcome outcome = provider.handleWebhook(line, "voice", call);
        assertThat(outcome.response().body()).contains("<Say>", "<Record ");
    }

    private static Path archive() {
        Path archive = Path.of(System.getProperty("twilio.archive", "missing"));
        assertThat(archive).as("the zip the package phase wrote; run through Maven").exists();
        return archive;
    }
}
