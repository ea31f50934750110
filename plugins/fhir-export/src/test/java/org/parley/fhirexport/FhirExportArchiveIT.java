package org.parley.fhirexport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartExporter;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.ExportPreview;
import org.parley.plugin.ExportResult;
import org.parley.plugin.PluginApi;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginState;
import org.pf4j.SingletonExtensionFactory;

/**
 * The plugin zip as the build packaged it: what it ships, and that it works when PF4J loads it the way the app's
 * PluginHostConfiguration does (one archive loaded and started, one extension instance, API 1.2.0 or newer), under
 * a parent class loader that, like the app's, has PF4J, SLF4J, the plugin API and its own Jackson, but nothing of
 * HAPI's, and with the app's loader as the thread's context class loader. A library missing from the zip, or HAPI
 * or Jackson reaching for the context class loader, fails here.
 */
class FhirExportArchiveIT {

    /** What the app's class loader offers a plugin (its own Jackson too: Spring Boot has one). */
    private static final List<String> APP_PACKAGES = List.of("org.pf4j.", "org.slf4j.", "org.parley.plugin.",
            "com.github.zafarkhaja.", "com.fasterxml.jackson.", "ch.qos.logback.");

    @TempDir
    Path pluginsDir;

    @TempDir
    Path keys;

    private DefaultPluginManager manager;

    @AfterEach
    void unload() {
        if (manager != null) {
            // one by one: PF4J 3.15.0's stopPlugins() can throw ConcurrentModificationException
            manager.stopPlugin(FhirChartExporter.ID);
            manager.unloadPlugin(FhirChartExporter.ID);
        }
    }

    @Test
    void theArchiveShipsHapisJsonParserAndR4ModelButNoValidationNorWhatTheAppProvides() throws IOException {
        List<String> entries;
        Manifest manifest;
        try (ZipFile zip = new ZipFile(archive().toFile())) {
            entries = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
            try (InputStream in = zip.getInputStream(zip.getEntry("classes/META-INF/MANIFEST.MF"))) {
                manifest = new Manifest(in);
            }
        }

        assertThat(manifest.getMainAttributes().getValue("Plugin-Id")).isEqualTo("fhir-export");
        assertThat(manifest.getMainAttributes().getValue("Plugin-Requires")).isEqualTo("1.2.0");
        assertThat(entries).contains("classes/META-INF/extensions.idx",
                "classes/org/parley/fhirexport/FhirChartExporter.class",
                "lib/hapi-fhir-base-8.8.0.jar", "lib/hapi-fhir-structures-r4-8.8.0.jar");
        assertThat(entries).filteredOn(name -> name.startsWith("lib/"))
                .noneMatch(name -> name.matches("lib/(pf4j|slf4j|jcl-over-slf4j|parley-|java-semver).*"))
                .as("no validation, server, HTTP client, RDF, XSLT or ICU jars")
                .noneMatch(name -> name.matches("lib/(hapi-fhir-(validation|server|client|caching-caffeine)"
                        + "|org\\.hl7\\.fhir\\.validation|httpclient|httpcore|jena|Saxon|icu4j|caffeine).*"));
        assertThat(entries).noneMatch(name -> name.startsWith("classes/org/pf4j/")
                || name.startsWith("classes/org/slf4j/") || name.startsWith("classes/org/parley/plugin/"));
        assertThat(Files.size(archive())).as("bytes").isLessThan(30L * 1024 * 1024);
    }

    @Test
    void loadedLikeTheAppLoadsPluginsTheExporterPreviewsExportsOnceAndTestsTheConnection() throws Exception {
        ClassLoader app = new AppClassLoader(getClass().getClassLoader());
        Files.copy(archive(), pluginsDir.resolve(archive().getFileName()));
        manager = new AppLikePluginManager(pluginsDir, app);
        manager.setSystemVersion(PluginApi.VERSION);
        manager.setExactVersionAllowed(false);
        String id = manager.loadPlugin(pluginsDir.resolve(archive().getFileName()));
        manager.startPlugin(id);

        assertThat(manager.getPlugin(FhirChartExporter.ID).getPluginState()).isEqualTo(PluginState.STARTED);
        List<ChartExporter> exporters = manager.getExtensions(ChartExporter.class, FhirChartExporter.ID);
        assertThat(exporters).singleElement().satisfies(exporter -> {
            assertThat(exporter.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
            assertThat(exporter.descriptor().id()).isEqualTo("fhir-export");
            assertThat(exporter.getClass().getClassLoader().loadClass("ca.uhn.fhir.context.FhirContext")
                    .getClassLoader()).isSameAs(exporter.getClass().getClassLoader());
        });
        assertThatThrownBy(() -> app.loadClass("ca.uhn.fhir.context.FhirContext"))
                .as("the parent has nothing of HAPI's").isInstanceOf(ClassNotFoundException.class);
        ChartExporter exporter = exporters.getFirst();

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(app);
        try (FakeEhr ehr = FakeEhr.start()) {
            TestKeys.KeyFile key = TestKeys.rsa(keys, "archive-key");
            ehr.register(key.keyId(), key.pair().getPublic());
            FakeExporter settings = FakeExporter.smart(ehr, key);
            String patientId = ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", Exports.MRN);
            ChartExport export = Exports.everything("archive-1", Exports.withMrn());

            assertThat(exporter.checkBeforeSending(settings, export)).isEmpty();
            ExportPreview preview = exporter.preview(settings, export);
            ExportResult result = exporter.export(settings, export);
            ExportResult retry = exporter.export(settings, export);
            ConnectionCheck connection = exporter.testConnection(settings);

            assertThat(preview.mediaType()).isEqualTo("application/fhir+json");
            assertThat(preview.asText()).contains("Patient/" + patientId);
            assertThat(result).isInstanceOf(ExportResult.Exported.class).isEqualTo(retry);
            assertThat(ehr.storedDocuments()).hasSize(1);
            assertThat(ehr.receivedDocuments()).allSatisfy(json -> assertThat(json).isEqualTo(preview.asText()));
            assertThat(connection.ok()).as(connection.message()).isTrue();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Path archive() {
        Path archive = Path.of(System.getProperty("fhir-export.archive", "missing"));
        assertThat(archive).as("the zip the package phase wrote; run through Maven").exists();
        return archive;
    }

    /**
     * The app's plugin host (PluginHostConfiguration): a DefaultPluginManager with one instance per extension
     * (PF4J's own singleton factory stands in for the app's thread-safe one). The one difference: plugin class
     * loaders get the app-like parent instead of the test's class path, which holds all of HAPI.
     */
    private static final class AppLikePluginManager extends DefaultPluginManager {

        private final ClassLoader app;

        AppLikePluginManager(Path root, ClassLoader app) {
            super(root);
            this.app = app;
        }

        @Override
        protected ExtensionFactory createExtensionFactory() {
            return new SingletonExtensionFactory(this);
        }

        @Override
        protected PluginLoader createPluginLoader() {
            // the zip is unpacked into a folder, which DefaultPluginLoader loads (classes/ and lib/)
            return new CompoundPluginLoader().add(new DefaultPluginLoader(this) {
                @Override
                protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                    return new PluginClassLoader(pluginManager, descriptor, app);
                }
            });
        }
    }

    /** Sees the JDK and {@link #APP_PACKAGES} (classes and their resources) of the test's class path, nothing else. */
    private static final class AppClassLoader extends ClassLoader {

        private final ClassLoader classPath;

        AppClassLoader(ClassLoader classPath) {
            super("parley-app", ClassLoader.getPlatformClassLoader());
            this.classPath = classPath;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (visible(name)) {
                return classPath.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return visibleResource(name) ? classPath.getResource(name) : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return visibleResource(name) ? classPath.getResources(name) : super.getResources(name);
        }

        private static boolean visibleResource(String name) {
            String services = "META-INF/services/";
            return name.startsWith(services) ? visible(name.substring(services.length()))
                    : visible(name.replace('/', '.'));
        }

        private static boolean visible(String name) {
            return APP_PACKAGES.stream().anyMatch(name::startsWith);
        }
    }
}
