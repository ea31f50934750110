package org.parley.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.parley.plugin.ExportResult.Exported;
import org.parley.plugin.ExportResult.Failed;

/**
 * What the plugin and HAPI (both the plugin's side and the listener's) log at INFO, the level Parley runs at,
 * while documents are accepted, refused with the patient quoted, left unanswered and sent to an EHR that is down.
 * The log is the module's test log (slf4j-simple, configured in the pom).
 */
class NoPatientDataInLogsTest {

    private final Hl7v2Exporter exporter = new Hl7v2Exporter();

    @Test
    void acceptedRefusedUnansweredAndUndeliveredExportsLogNoPatientData() throws Exception {
        try (EhrServer ehr = EhrServer.start()) {
            FakeExporter settings = new FakeExporter("127.0.0.1", ehr.port());
            assertThat(exporter.export(settings, Exports.conversation())).isInstanceOf(Exported.class);
            ehr.answers(AcknowledgmentCode.AE, ErrorCode.UNKNOWN_KEY_IDENTIFIER,
                    "No patient Lopez-Garcia, María born 19840307 with MRN MRN-448812");
            assertThat(exporter.export(settings, Exports.conversation())).isInstanceOf(Failed.class);
            ehr.neverAnswers();
            assertThat(exporter.export(settings, Exports.conversation())).isInstanceOf(Failed.class);
        }
        assertThat(exporter.export(new FakeExporter("127.0.0.1", EhrServer.freePort()), Exports.conversation()))
                .isInstanceOf(Failed.class);

        String log = Files.readString(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")),
                StandardCharsets.UTF_8);
        assertThat(log).contains("HL7 document exp-20261124-0001 acknowledged AA [] by 127.0.0.1:",
                "HL7 document exp-20261124-0001 acknowledged AE [204] by 127.0.0.1:",
                "HL7 document exp-20261124-0001 not delivered to 127.0.0.1:");
        assertThat(log).doesNotContainIgnoringCase("maria").doesNotContainIgnoringCase("lopez")
                .doesNotContain("María", "448812", "19840307", "1984", "MRI", "Dr. Ng", "phone on", "Patient asked");
    }
}
