package org.parley.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.plugin.MessagingProvider;
import org.parley.plugin.testkit.PluginArchive;
import org.parley.testsupport.PluginArchives;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginState;

/**
 * The real sandbox plugin archive, as the build packages it, loaded through the app's own plugin host wiring
 * ({@link PluginHostConfiguration}) from a plugins folder of its own. No Spring context: the wiring is plain.
 */
class PluginArchiveIT {

    @TempDir
    Path pluginsDir;

    private PluginHostConfiguration.PluginHost host;

    @AfterEach
    void unloadPlugins() {
        if (host != null) {
            host.destroy();
        }
    }

    @Test
    void theSandboxArchiveStartsAndOffersTheSandboxMessagingProvider() throws IOException {
        Path archive = copySandboxArchive();

        host = new PluginHostConfiguration().pluginHost(pluginsDir.toString());
        ProviderRegistry registry = new ProviderRegistry(host);

        assertThat(host.failures()).isEmpty();
        assertThat(host.manager().getPlugin("sandbox").getPluginState()).isEqualTo(PluginState.STARTED);
        assertThat(registry.providers()).singleElement().satisfies(provider -> {
            assertThat(provider.descriptor().id()).isEqualTo("sandbox");
            // from the archive through PF4J's class loader, not from the app's class path
            assertThat(provider.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
        });
        assertThat(registry.provider("sandbox")).isPresent();
        assertThat(registry.plugins()).singleElement().satisfies(info -> {
            assertThat(info.id()).isEqualTo("sandbox");
            assertThat(info.version()).isEqualTo(PluginArchives.version(archive, "sandbox"));
            assertThat(info.provider()).isEqualTo("Parley");
            assertThat(info.description()).isNotBlank();
            assertThat(info.state()).isEqualTo("STARTED");
            assertThat(info.extensionPoints()).containsExactly("MessagingProvider: sandbox");
            assertThat(info.error()).isNull();
        });
    }

    @Test
    void theSandboxProviderIsOneInstanceHoweverOftenItIsLookedUp() throws IOException {
        copySandboxArchive();
        host = new PluginHostConfiguration().pluginHost(pluginsDir.toString());
        ProviderRegistry registry = new ProviderRegistry(host);

        MessagingProvider provider = registry.provider("sandbox").orElseThrow();

        // "One instance serves every line" (MessagingProvider): a provider may hold an HTTP client, caches...
        assertThat(registry.provider("sandbox")).containsSame(provider);
        assertThat(registry.providers()).singleElement().isSameAs(provider);
        registry.plugins();
        assertThat(host.manager().getExtensions(MessagingProvider.class)).singleElement().isSameAs(provider);
    }

    @Test
    void brokenArchivesAreReportedAsFailedWhileTheGoodOneStillLoads() throws IOException {
        copySandboxArchive();
        // sorted before and after the good archive, so a failure cannot stop the loop either way
        Files.write(pluginsDir.resolve("aaa-garbage-1.0.0.zip"),
                "this is not a zip file".getBytes(StandardCharsets.US_ASCII));
        writePluginZip(pluginsDir.resolve("zzz-ghost-1.0.0.zip"), """
                Manifest-Version: 1.0
                Plugin-Id: ghost
                Plugin-Class: org.parley.ghost.NoSuchPlugin
                Plugin-Version: 1.0.0
                Plugin-Provider: Nobody
                Plugin-Requires: 1.0.0
                """);

        host = new PluginHostConfiguration().pluginHost(pluginsDir.toString());
        ProviderRegistry registry = new ProviderRegistry(host);

        assertThat(registry.provider("sandbox")).isPresent();
        List<PluginInfo> plugins = registry.plugins();
        assertThat(plugins).filteredOn(info -> info.id().equals("sandbox")).singleElement()
                .satisfies(info -> assertThat(info.state()).isEqualTo("STARTED"));
        assertThat(plugins).filteredOn(info -> info.id().contains("garbage")).singleElement().satisfies(info -> {
            assertThat(info.state()).isEqualTo("FAILED");
            assertThat(info.error()).isNotBlank();
        });
        assertThat(plugins).filteredOn(info -> info.id().contains("ghost")).singleElement().satisfies(info -> {
            assertThat(info.state()).isEqualTo("FAILED");
            assertThat(info.error()).isNotBlank();
        });
        assertThat(plugins).hasSize(3);
    }

    @Test
    void theArchiveShipsNoneOfTheLibrariesTheAppProvides() {
        // manifest and extension index, no pf4j, slf4j or plugin API as jars or loose classes: the check every
        // plugin's own archive test makes (the plugin test kit's)
        PluginArchive.at(PluginArchives.sandbox()).assertShipsNothingTheAppProvides();
    }

    /** The real sandbox archive, copied into this test's plugins folder (PF4J unpacks it next to itself). */
    private Path copySandboxArchive() throws IOException {
        Path archive = PluginArchives.sandbox();
        return Files.copy(archive, pluginsDir.resolve(archive.getFileName()));
    }

    /** A zip in the sandbox archive's layout with only a manifest in {@code classes/META-INF/}. */
    private static void writePluginZip(Path zip, String manifest) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("classes/META-INF/MANIFEST.MF"));
            out.write(manifest.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
