package org.parley.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.plugin.ChartExporter;
import org.parley.plugin.ExportResult;
import org.parley.plugin.testkit.PluginArchive;

/** The plugin zip as the build packaged it: what it ships, and that PF4J starts it and it exports with its HAPI. */
class Hl7v2ArchiveIT {

    @RegisterExtension
    final PluginArchive archive = PluginArchive.built();

    @Test
    void theArchiveShipsHapiButNoneOfTheLibrariesTheAppProvides() {
        archive.assertShipsNothingTheAppProvides();

        assertThat(archive.entries()).contains("classes/org/parley/hl7v2/Hl7v2Exporter.class",
                "lib/hapi-base-2.6.0.jar", "lib/hapi-structures-v251-2.6.0.jar");
        assertThat(archive.entries()).noneMatch(name -> name.matches("lib/joda-time.*"));
    }

    @Test
    void pf4jStartsThePluginLikeTheAppAndItsExporterSendsADocumentToTheEhr() throws Exception {
        // as PluginHostConfiguration does: each archive loaded and started on its own
        ChartExporter exporter = archive.startExtension(ChartExporter.class);

        assertThat(archive.plugin().getPluginId()).isEqualTo("hl7v2-export");
        assertThat(archive.plugin().getDescriptor().getRequires()).isEqualTo("1.2.0");
        assertThat(exporter.descriptor().id()).isEqualTo("hl7v2-export");

        ExportResult result;
        try (EhrServer ehr = EhrServer.start()) {
            // on an app thread: its context class loader has no HAPI, which the test's class path would hide
            result = archive.onAnAppThread(() -> exporter.export(Hl7Exporters.configured("127.0.0.1", ehr.port()),
                    Exports.conversation()));
            assertThat(ehr.structureProblems()).isEmpty();
            assertThat(ehr.received()).hasSize(1);
        }
        assertThat(result).isEqualTo(ExportResult.exported(Exports.EXPORT_ID));
    }
}
