package org.parley.pdfexport;

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
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartExporter;
import org.parley.plugin.ExportResult;
import org.parley.plugin.PluginApi;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginState;

/**
 * The plugin zip as the build packaged it: what it ships, and that PF4J, set up as Parley's plugin host sets it up,
 * starts it and its exporter makes PDFs with the PDFBox it brings (this test's own class path has another copy).
 */
class PdfExportArchiveIT {

    @TempDir
    Path pluginsDir;

    @TempDir
    Path outputFolder;

    private DefaultPluginManager manager;

    @AfterEach
    void unload() {
        if (manager != null) {
            // one by one: PF4J 3.15.0's stopPlugins() can throw ConcurrentModificationException
            manager.stopPlugin("pdf-export");
            manager.unloadPlugin("pdf-export");
        }
    }

    @Test
    void theArchiveShipsPdfBoxAndTheFontsWithTheirLicenceButNoneOfTheLibrariesTheAppProvides() throws IOException {
        List<String> entries;
        try (ZipFile zip = new ZipFile(archive().toFile())) {
            entries = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }

        assertThat(entries).contains("classes/META-INF/MANIFEST.MF", "classes/META-INF/extensions.idx",
                "classes/org/parley/pdfexport/PdfChartExporter.class",
                "classes/org/parley/pdfexport/fonts/DejaVuSans.ttf",
                "classes/org/parley/pdfexport/fonts/DejaVuSans-Bold.ttf",
                "classes/org/parley/pdfexport/fonts/LICENSE-DejaVu.txt",
                "lib/pdfbox-3.0.8.jar", "lib/fontbox-3.0.8.jar", "lib/pdfbox-io-3.0.8.jar");
        assertThat(entries).anyMatch(name -> name.matches("lib/commons-logging-.*\\.jar"));
        assertThat(entries).filteredOn(name -> name.startsWith("lib/"))
                .noneMatch(name -> name.matches("lib/(pf4j|slf4j|parley-|java-semver).*"));
        assertThat(entries).noneMatch(name -> name.startsWith("classes/org/pf4j/")
                || name.startsWith("classes/org/slf4j/") || name.startsWith("classes/org/parley/plugin/"));
    }

    @Test
    void pf4jStartsThePluginAndItsExporterWritesThePdfWithTheBundledPdfBox() throws Exception {
        ChartExporter exporter = startedExporter();
        assertThat(exporter.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
        assertThat(exporter.getClass().getClassLoader().loadClass("org.apache.pdfbox.pdmodel.PDDocument")
                .getClassLoader()).as("PDFBox from the plugin's lib/, not the class path")
                .isSameAs(exporter.getClass().getClassLoader());
        ClassLoader callersLoader = Thread.currentThread().getContextClassLoader();
        ChartExport export = Exports.of(Exports.fromPatient("m-1", "Here is the rash 🙂",
                Exports.picture("rash.jpg", "jpeg", "image/jpeg", 64, 48)));
        FakeExporter context = new FakeExporter().with(PdfSettings.OUTPUT_FOLDER, outputFolder.toString());

        ExportResult result = exporter.export(context, export);

        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(callersLoader);
        assertThat(result).isInstanceOf(ExportResult.Exported.class);
        Path written = outputFolder.resolve("parley-exp-20260314-0042.pdf");
        PdfContent pdf = PdfContent.of(Files.readAllBytes(written));
        assertThat(pdf.text()).contains("Riverside Family Medicine", "María José Núñez-O'Brien", "Mar 14, 1962",
                "Here is the rash [SLIGHTLY SMILING FACE]");
        assertThat(pdf.images()).isEqualTo(1);
        assertThat(exporter.preview(context, export).content()).isEqualTo(Files.readAllBytes(written));
        Path home = Path.of(System.getProperty("pdfbox.fontcache", System.getProperty("user.home")));
        assertThat(home.resolve(".pdfbox.cache")).as("PDFBox never scanned the server's fonts").doesNotExist();
    }

    @Test
    void thePluginRequiresPluginApi120AndOffersItsDescriptor() throws Exception {
        ChartExporter exporter = startedExporter();

        assertThat(manager.getPlugin("pdf-export").getDescriptor().getRequires()).isEqualTo("1.3.0");
        assertThat(exporter.descriptor().id()).isEqualTo("pdf-export");
        assertThat(exporter.testConnection(new FakeExporter()).ok()).isTrue();
    }

    /** Loaded and started like Parley's PluginHostConfiguration does: one archive at a time, API 1.2.0 or newer. */
    private ChartExporter startedExporter() throws IOException {
        Files.copy(archive(), pluginsDir.resolve(archive().getFileName()));
        manager = new DefaultPluginManager(pluginsDir);
        manager.setSystemVersion(PluginApi.VERSION);
        manager.setExactVersionAllowed(false);
        String id = manager.loadPlugin(pluginsDir.resolve(archive().getFileName()));
        manager.startPlugin(id);
        assertThat(id).isEqualTo("pdf-export");
        assertThat(manager.getPlugin(id).getPluginState()).isEqualTo(PluginState.STARTED);
        List<ChartExporter> exporters = manager.getExtensions(ChartExporter.class, id);
        assertThat(exporters).hasSize(1);
        return exporters.get(0);
    }

    private static Path archive() {
        Path archive = Path.of(System.getProperty("pdfexport.archive", "missing"));
        assertThat(archive).as("the zip the package phase wrote; run through Maven").exists();
        return archive;
    }
}
