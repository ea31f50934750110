package org.parley.pdfexport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartExporter;
import org.parley.plugin.ExportResult;
import org.parley.plugin.testkit.FakeExporter;
import org.parley.plugin.testkit.PluginArchive;

/**
 * The plugin zip as the build packaged it: what it ships, and that PF4J, set up as Parley's plugin host sets it up,
 * starts it and its exporter makes PDFs with the PDFBox it brings (this test's own class path has another copy).
 */
class PdfExportArchiveIT {

    @TempDir
    Path outputFolder;

    @RegisterExtension
    final PluginArchive archive = PluginArchive.built();

    @Test
    void theArchiveShipsPdfBoxAndTheFontsWithTheirLicenceButNoneOfTheLibrariesTheAppProvides() {
        archive.assertShipsNothingTheAppProvides();

        List<String> entries = archive.entries();
        assertThat(entries).contains("classes/org/parley/pdfexport/PdfChartExporter.class",
                "classes/org/parley/pdfexport/fonts/DejaVuSans.ttf",
                "classes/org/parley/pdfexport/fonts/DejaVuSans-Bold.ttf",
                "classes/org/parley/pdfexport/fonts/LICENSE-DejaVu.txt",
                "lib/pdfbox-3.0.8.jar", "lib/fontbox-3.0.8.jar", "lib/pdfbox-io-3.0.8.jar");
        assertThat(entries).anyMatch(name -> name.matches("lib/commons-logging-.*\\.jar"));
    }

    @Test
    void pf4jStartsThePluginAndItsExporterWritesThePdfWithTheBundledPdfBox() throws Exception {
        ChartExporter exporter = startedExporter();
        assertThat(exporter.getClass().getClassLoader().loadClass("org.apache.pdfbox.pdmodel.PDDocument")
                .getClassLoader()).as("PDFBox from the plugin's lib/, not the class path")
                .isSameAs(exporter.getClass().getClassLoader());
        ClassLoader callersLoader = Thread.currentThread().getContextClassLoader();
        ChartExport export = Exports.of(Exports.fromPatient("m-1", "Here is the rash 🙂",
                Exports.picture("rash.jpg", "jpeg", "image/jpeg", 64, 48)));
        FakeExporter context = PdfExporters.configured().with(PdfSettings.OUTPUT_FOLDER, outputFolder.toString());

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

        assertThat(archive.plugin().getDescriptor().getRequires()).isEqualTo("1.3.0");
        assertThat(exporter.descriptor().id()).isEqualTo("pdf-export");
        assertThat(exporter.testConnection(PdfExporters.configured()).ok()).isTrue();
    }

    /** Loaded and started like Parley's PluginHostConfiguration does (the kit's PluginArchive). */
    private ChartExporter startedExporter() {
        ChartExporter exporter = archive.startExtension(ChartExporter.class);
        assertThat(archive.plugin().getPluginId()).isEqualTo("pdf-export");
        return exporter;
    }
}
