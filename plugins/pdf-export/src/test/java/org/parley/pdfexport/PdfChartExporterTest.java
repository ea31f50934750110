package org.parley.pdfexport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.plugin.ExportPreview;
import org.parley.plugin.ExportResult;
import org.parley.plugin.testkit.FakeExporter;

/** The exporter as Parley calls it: check, preview, export, test connection. */
class PdfChartExporterTest {

    private final PdfChartExporter exporter = new PdfChartExporter();

    @TempDir
    Path folder;

    @Test
    void withoutAFolderThePdfIsOfferedAsADownloadOnly() throws IOException {
        ExportResult result = exporter.export(PdfExporters.configured(), Exports.conversation());

        assertThat(result).isInstanceOfSatisfying(ExportResult.Exported.class, exported -> {
            assertThat(exported.reference()).isEqualTo("parley-exp-20260314-0042.pdf");
            assertThat(exported.document().fileName()).isEqualTo("parley-exp-20260314-0042.pdf");
            assertThat(exported.document().contentType()).isEqualTo("application/pdf");
        });
        byte[] pdf = ((ExportResult.Exported) result).document().data();
        assertThat(PdfContent.of(pdf).text()).contains("María José Núñez-O'Brien", "Did my MRI results come back?");
    }

    @Test
    void withAFolderThePdfIsWrittenThereUnderANameWithoutThePatientsNameAndAlsoOffered() throws IOException {
        ExportResult result = exporter.export(configured(), Exports.conversation());

        Path written = folder.resolve("parley-exp-20260314-0042.pdf");
        assertThat(files()).containsExactly(written);
        assertThat(result).isInstanceOfSatisfying(ExportResult.Exported.class, exported -> {
            assertThat(exported.reference()).isEqualTo("parley-exp-20260314-0042.pdf");
            assertThat(exported.document().data()).isEqualTo(bytes(written));
        });
        assertThat(PdfContent.of(bytes(written)).text()).contains("Riverside Family Medicine", "Mar 14, 1962");
    }

    @Test
    void aRetryOfTheSameExportReplacesItsFileAndLeavesNoSecondFileOrTemporaryFile() throws IOException {
        exporter.export(configured(), Exports.conversation());
        Files.writeString(folder.resolve("parley-exp-20260314-0042.pdf"), "a half-written PDF from a crash");

        ExportResult retry = exporter.export(configured(), Exports.conversation());

        assertThat(retry).isInstanceOf(ExportResult.Exported.class);
        assertThat(files()).containsExactly(folder.resolve("parley-exp-20260314-0042.pdf"));
        assertThat(PdfContent.of(bytes(folder.resolve("parley-exp-20260314-0042.pdf"))).text())
                .contains("Did my MRI results come back?");
    }

    @Test
    void theFileNameCarriesTheMrnAndDateOnlyWhenTheAdminChoseSo() {
        exporter.export(configured().with(PdfSettings.FILE_NAME_PATTERN, "{mrn}_{date}_{exportId}"),
                Exports.conversation());

        assertThat(files()).containsExactly(folder.resolve("A-10042_2026-03-14_exp-20260314-0042.pdf"));
    }

    @Test
    void aMissingFolderIsAPermanentFailureThatNamesTheSettingAndNotThePatient() {
        FakeExporter context = configured().with(PdfSettings.OUTPUT_FOLDER, folder.resolve("gone").toString());

        ExportResult result = exporter.export(context, Exports.conversation());

        assertThat(result).isInstanceOfSatisfying(ExportResult.Failed.class, failed -> {
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.reason()).contains("outputFolder").doesNotContain("Núñez", "A-10042", "exp-2026");
        });
        assertThat(exporter.checkBeforeSending(context, Exports.conversation())).contains(PdfFolder.MISSING);
    }

    @Test
    void aFolderSettingThatPointsAtAFileIsAPermanentFailure() throws IOException {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");

        ExportResult result = exporter.export(configured().with(PdfSettings.OUTPUT_FOLDER, file.toString()),
                Exports.conversation());

        assertThat(result).isEqualTo(ExportResult.permanentFailure(PdfFolder.MISSING));
    }

    @Test
    void wrongSettingsFailPermanentlyNamingTheSetting() {
        assertThat(exporter.export(configured().with(PdfSettings.OUTPUT_FOLDER, "relative/folder"),
                Exports.conversation())).isEqualTo(ExportResult.permanentFailure(
                        "setting 'outputFolder' must be an absolute path"));
        assertThat(exporter.export(configured().with(PdfSettings.FILE_NAME_PATTERN, "{mrn}.pdf"),
                Exports.conversation())).isEqualTo(ExportResult.permanentFailure(
                        "setting 'fileNamePattern' must contain {exportId} and no folder separators"));
        assertThat(exporter.export(configured().with(PdfSettings.TIME_ZONE, "Mars/Olympus"),
                Exports.conversation())).isEqualTo(ExportResult.permanentFailure(
                        "setting 'timeZone' is not a known time zone (e.g. America/New_York)"));
        assertThat(exporter.export(configured().with(PdfSettings.PAGE_SIZE, "Legal"),
                Exports.conversation())).isEqualTo(ExportResult.permanentFailure(
                        "setting 'pageSize' must be Letter or A4"));
        assertThat(files()).isEmpty();
    }

    @Test
    void checkBeforeSendingHasNothingToSayWhenTheSettingsWork() {
        assertThat(exporter.checkBeforeSending(configured(), Exports.conversation())).isEmpty();
        assertThat(exporter.checkBeforeSending(PdfExporters.configured(), Exports.conversation())).isEmpty();
        assertThat(exporter.checkBeforeSending(configured().with(PdfSettings.PAGE_SIZE, "Legal"),
                Exports.conversation())).contains("setting 'pageSize' must be Letter or A4");
    }

    @Test
    void thePreviewIsExactlyThePdfThatIsWritten() throws IOException {
        ExportPreview preview = exporter.preview(configured(), Exports.conversation());
        exporter.export(configured(), Exports.conversation());

        assertThat(preview.mediaType()).isEqualTo("application/pdf");
        assertThat(preview.isText()).isFalse();
        assertThat(preview.content()).isEqualTo(bytes(folder.resolve("parley-exp-20260314-0042.pdf")))
                .isEqualTo(exporter.preview(configured(), Exports.conversation()).content());
    }

    @Test
    void aPreviewWithWrongSettingsSaysWhichSetting() {
        assertThatThrownBy(() -> exporter.preview(configured().with(PdfSettings.TIME_ZONE, "nowhere"),
                Exports.conversation())).hasMessageContaining("timeZone");
    }

    @Test
    void testConnectionSaysDownloadOnlyWithoutAFolderAndChecksAFolderCanBeWritten() {
        assertThat(exporter.testConnection(PdfExporters.configured()).ok()).isTrue();
        assertThat(exporter.testConnection(PdfExporters.configured()).message()).contains("download only");

        assertThat(exporter.testConnection(configured()).ok()).isTrue();
        assertThat(files()).isEmpty();

        Path missing = folder.resolve("missing");
        assertThat(exporter.testConnection(configured().with(PdfSettings.OUTPUT_FOLDER, missing.toString())))
                .satisfies(check -> {
                    assertThat(check.ok()).isFalse();
                    assertThat(check.message()).contains("outputFolder", missing.toString());
                });
    }

    @Test
    void theDescriptorOffersTheFourSettingsWithSafeDefaults() {
        assertThat(exporter.descriptor().id()).isEqualTo("pdf-export");
        assertThat(exporter.descriptor().properties()).extracting(p -> p.name())
                .containsExactly("outputFolder", "fileNamePattern", "timeZone", "pageSize");
        assertThat(exporter.descriptor().properties()).extracting(p -> p.defaultValue())
                .containsExactly(null, "parley-{exportId}.pdf", null, "Letter");
        assertThat(exporter.descriptor().properties()).noneMatch(p -> p.required());
    }

    private FakeExporter configured() {
        return PdfExporters.configured().with(PdfSettings.OUTPUT_FOLDER, folder.toString());
    }

    private List<Path> files() {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
