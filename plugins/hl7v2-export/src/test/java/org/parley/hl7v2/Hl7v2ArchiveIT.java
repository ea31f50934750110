package org.parley.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.parley.plugin.ChartExporter;
import org.parley.plugin.ExportResult;
import org.parley.plugin.PluginApi;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginState;

/** The plugin zip as the build packaged it: what it ships, and that PF4J starts it and it exports with its HAPI. */
class Hl7v2ArchiveIT {

    @TempDir
    Path pluginsDir;

    private DefaultPluginManager manager;

    @AfterEach
    void unload() {
        if (manager != null) {
            // one by one: PF4J 3.15.0's stopPlugins() can throw ConcurrentModificationException
            manager.stopPlugin("hl7v2-export");
            manager.unloadPlugin("hl7v2-export");
        }
    }

    @Test
    void theArchiveShipsHapiButNoneOfTheLibrariesTheAppProvides() throws IOException {
        List<String> entries;
        try (ZipFile zip = new ZipFile(archive().toFile())) {
            entries = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }

        assertThat(entries).contains("classes/META-INF/MANIFEST.MF", "classes/META-INF/extensions.idx",
                "classes/org/parley/hl7v2/Hl7v2Exporter.class", "lib/hapi-base-2.6.0.jar",
                "lib/hapi-structures-v251-2.6.0.jar");
        assertThat(entries).filteredOn(name -> name.startsWith("lib/"))
                .noneMatch(name -> name.matches("lib/(pf4j|slf4j|parley-|java-semver|joda-time).*"));
        assertThat(entries).noneMatch(name -> name.startsWith("classes/org/pf4j/")
                || name.startsWith("classes/org/slf4j/") || name.startsWith("classes/org/parley/plugin/"));
    }

    @Test
    void pf4jStartsThePluginLikeTheAppAndItsExporterSendsADocumentToTheEhr() throws Exception {
        Files.copy(archive(), pluginsDir.resolve(archive().getFileName()));
        // as PluginHostConfiguration does: each archive loaded and started on its own
        manager = new DefaultPluginManager(pluginsDir);
        manager.setSystemVersion(PluginApi.VERSION);
        manager.setExactVersionAllowed(false);
        String id = manager.loadPlugin(pluginsDir.resolve(archive().getFileName()));
        manager.startPlugin(id);

        assertThat(id).isEqualTo("hl7v2-export");
        assertThat(manager.getPlugin(id).getPluginState()).isEqualTo(PluginState.STARTED);
        assertThat(manager.getPlugin(id).getDescriptor().getRequires()).isEqualTo("1.2.0");
        List<ChartExporter> exporters = manager.getExtensions(ChartExporter.class, id);
        assertThat(exporters).singleElement().satisfies(exporter -> {
            assertThat(exporter.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
            assertThat(exporter.descriptor().id()).isEqualTo("hl7v2-export");
        });

        ExportResult result;
        try (EhrServer ehr = EhrServer.start()) {
            result = onAnAppThread(() -> exporters.getFirst().export(new FakeExporter("127.0.0.1", ehr.port()),
                    Exports.conversation()));
            assertThat(ehr.structureProblems()).isEmpty();
            assertThat(ehr.received()).hasSize(1);
        }
        assertThat(result).isEqualTo(ExportResult.exported(Exports.EXPORT_ID));
    }

    /**
     * Runs with a context class loader that has no HAPI, as on the app's threads: here the test class path has it,
     * which would hide a plugin that only works when HAPI finds its resources through the context loader.
     */
    private static <T> T onAnAppThread(java.util.concurrent.Callable<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static Path archive() {
        Path archive = Path.of(System.getProperty("hl7v2.archive", "missing"));
        assertThat(archive).as("the zip the package phase wrote; run through Maven").exists();
        return archive;
    }
}
