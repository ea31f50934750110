package org.parley.fhirexport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartExporter;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.ExportPreview;
import org.parley.plugin.ExportResult;
import org.parley.plugin.testkit.FakeExporter;
import org.parley.plugin.testkit.PluginArchive;
import org.parley.plugin.testkit.fhir.FakeEhr;

/**
 * The plugin zip as the build packaged it: what it ships, and that it works when PF4J loads it the way the app's
 * PluginHostConfiguration does (one archive loaded and started, one extension instance, API 1.2.0 or newer), under
 * a parent class loader that, like the app's, has PF4J, SLF4J, the plugin API and its own Jackson, but nothing of
 * HAPI's, and with the app's loader as the thread's context class loader. A library missing from the zip, or HAPI
 * or Jackson reaching for the context class loader, fails here.
 */
class FhirExportArchiveIT {

    @TempDir
    Path keys;

    @RegisterExtension
    final PluginArchive archive = PluginArchive.built();

    @Test
    void theArchiveShipsHapisJsonParserAndR4ModelButNoValidationNorWhatTheAppProvides() throws IOException {
        archive.assertShipsNothingTheAppProvides();
        Manifest manifest = archive.manifest();

        assertThat(manifest.getMainAttributes().getValue("Plugin-Id")).isEqualTo("fhir-export");
        assertThat(manifest.getMainAttributes().getValue("Plugin-Requires")).isEqualTo("1.2.0");
        assertThat(archive.entries()).contains("classes/org/parley/fhirexport/FhirChartExporter.class",
                "lib/hapi-fhir-base-8.8.0.jar", "lib/hapi-fhir-structures-r4-8.8.0.jar");
        assertThat(archive.entries()).filteredOn(name -> name.startsWith("lib/"))
                .as("no validation, server, HTTP client, RDF, XSLT or ICU jars")
                .noneMatch(name -> name.matches("lib/(hapi-fhir-(validation|server|client|caching-caffeine)"
                        + "|org\\.hl7\\.fhir\\.validation|httpclient|httpcore|jena|Saxon|icu4j|caffeine).*"));
        assertThat(Files.size(archive.path())).as("bytes").isLessThan(30L * 1024 * 1024);
    }

    @Test
    void loadedLikeTheAppLoadsPluginsTheExporterPreviewsExportsOnceAndTestsTheConnection() throws Exception {
        ChartExporter exporter = archive.startExtension(ChartExporter.class);
        ClassLoader app = archive.appClassLoader();

        assertThat(archive.plugin().getPluginId()).isEqualTo(FhirChartExporter.ID);
        assertThat(exporter.descriptor().id()).isEqualTo("fhir-export");
        assertThat(exporter.getClass().getClassLoader().loadClass("ca.uhn.fhir.context.FhirContext")
                .getClassLoader()).isSameAs(exporter.getClass().getClassLoader());
        assertThatThrownBy(() -> app.loadClass("ca.uhn.fhir.context.FhirContext"))
                .as("the parent has nothing of HAPI's").isInstanceOf(ClassNotFoundException.class);

        archive.onAnAppThread(() -> {
            try (FakeEhr ehr = FakeEhr.start()) {
                TestKeys.KeyFile key = TestKeys.rsa(keys, "archive-key");
                ehr.register(key.keyId(), key.pair().getPublic());
                FakeExporter settings = FhirExporters.smart(ehr, key);
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
            }
            return null;
        });
    }
}
