package org.parley.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.parley.plugin.ExportResult.Exported;
import org.parley.plugin.ExportResult.Failed;
import org.parley.plugin.testkit.FakeExporter;

/**
 * What gets logged while documents are accepted, refused with the patient quoted, left unanswered and sent to an
 * EHR that is down. The log is the module's test log (slf4j-simple at DEBUG, configured in the pom): everything the
 * exporting thread logs, the plugin's and HAPI's, down to DEBUG, and everything at INFO or above from any thread
 * (the in-process EHR's HAPI listener included) must be free of the patient's data.
 */
class NoPatientDataInLogsTest {

    private static final Pattern RECORD = Pattern.compile("^\\[([^\\]]+)\\] (TRACE|DEBUG|INFO|WARN|ERROR) ",
            Pattern.MULTILINE);

    private final Hl7v2Exporter exporter = new Hl7v2Exporter();

    private record LogRecord(String thread, String level, String text) {
    }

    @Test
    void acceptedRefusedUnansweredAndUndeliveredExportsLogNoPatientData() throws Exception {
        try (EhrServer ehr = EhrServer.start()) {
            FakeExporter settings = Hl7Exporters.configured("127.0.0.1", ehr.port());
            assertThat(exporter.export(settings, Exports.conversation())).isInstanceOf(Exported.class);
            ehr.answers(AcknowledgmentCode.AE, ErrorCode.UNKNOWN_KEY_IDENTIFIER,
                    "No patient Lopez-Garcia, María born 19840307 with MRN MRN-448812");
            assertThat(exporter.export(settings, Exports.conversation())).isInstanceOf(Failed.class);
            ehr.neverAnswers();
            assertThat(exporter.export(settings, Exports.conversation())).isInstanceOf(Failed.class);
        }
        assertThat(exporter.export(Hl7Exporters.configured("127.0.0.1", EhrServer.freePort()), Exports.conversation()))
                .isInstanceOf(Failed.class);

        List<LogRecord> log = read(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")));
        String exporting = Thread.currentThread().getName();
        assertThat(log).filteredOn(line -> line.thread().equals(exporting)).extracting(LogRecord::text)
                .anySatisfy(text -> assertThat(text).contains("HL7 document exp-20261124-0001 acknowledged AE [204]"))
                .allSatisfy(NoPatientDataInLogsTest::hasNoPatientData);
        assertThat(log).filteredOn(line -> List.of("INFO", "WARN", "ERROR").contains(line.level()))
                .extracting(LogRecord::text).allSatisfy(NoPatientDataInLogsTest::hasNoPatientData);
    }

    private static void hasNoPatientData(String text) {
        assertThat(text).doesNotContainIgnoringCase("maria").doesNotContainIgnoringCase("lopez")
                .doesNotContain("María", "448812", "19840307", "1984", "MRI", "Dr. Ng", "phone on", "Patient asked");
    }

    private static List<LogRecord> read(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<LogRecord> records = new ArrayList<>();
        Matcher record = RECORD.matcher(text);
        int start = -1;
        String thread = null;
        String level = null;
        while (record.find()) {
            if (start >= 0) {
                records.add(new LogRecord(thread, level, text.substring(start, record.start()).strip()));
            }
            start = record.end();
            thread = record.group(1);
            level = record.group(2);
        }
        if (start >= 0) {
            records.add(new LogRecord(thread, level, text.substring(start).strip()));
        }
        return records;
    }
}
