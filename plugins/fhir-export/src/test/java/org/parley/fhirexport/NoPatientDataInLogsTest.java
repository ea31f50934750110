package org.parley.fhirexport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.plugin.testkit.FakeExporter;
import org.parley.plugin.testkit.fhir.FakeEhr;
import org.slf4j.LoggerFactory;

/**
 * With every logger at DEBUG (logback, as in the app), successful and failing exports log nothing of the patient:
 * not her name, MRN or birth date (which go into the EHR's search URLs), nor the messages. Only what the plugin's
 * calls log is read (the test's thread), not the in-process EHR's own server logging.
 */
class NoPatientDataInLogsTest {

    @TempDir
    Path keys;

    @Test
    void exportsThatSucceedAndFailLeaveNoPatientDataInTheLogsEvenAtDebug() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        String thread = Thread.currentThread().getName();
        ThisThreadsLines logs = new ThisThreadsLines(thread);
        logs.start();
        // collected, not printed: the in-process EHR's Jetty is verbose at DEBUG
        Appender<ILoggingEvent> console = root.getAppender("console");
        root.detachAppender(console);
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
        try (FakeEhr ehr = FakeEhr.start()) {
            TestKeys.KeyFile key = TestKeys.rsa(keys, "rsa-1");
            ehr.register(key.keyId(), key.pair().getPublic());
            FhirChartExporter exporter = new FhirChartExporter();
            FakeExporter settings = FhirExporters.smart(ehr, key);

            exporter.preview(settings, Exports.everything("log-1", Exports.withMrn()));
            exporter.export(settings, Exports.everything("log-1", Exports.withoutMrn()));
            ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", Exports.MRN);
            ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", "SECOND-RECORD");
            exporter.export(settings, Exports.everything("log-2", Exports.withoutMrn()));
            exporter.preview(settings, Exports.everything("log-3", Exports.withMrn()));
            exporter.export(settings, Exports.everything("log-3", Exports.withMrn()));
            exporter.export(settings, Exports.everything("log-3", Exports.withMrn()));
            ehr.outage(503);
            exporter.export(settings, Exports.everything("log-4", Exports.withMrn()));
        } finally {
            root.detachAppender(logs);
            root.addAppender(console);
            root.setLevel(level);
        }

        List<String> lines = logs.lines;
        assertThat(lines).as("the plugin does log its exports")
                .anySatisfy(line -> assertThat(line).contains("Chart export log-3", "DocumentReference/"))
                .anySatisfy(line -> assertThat(line).contains("Chart export log-4", "retryable"));
        assertThat(String.join("\n", lines)).doesNotContain(Exports.FIRST, Exports.LAST, Exports.MRN, "1984-02-29",
                "MRI", "Dr. Reyes", "picture-1.jpg");
    }

    /** What is logged on one thread (an event's own thread name is only filled in when first asked for). */
    private static final class ThisThreadsLines extends AppenderBase<ILoggingEvent> {

        private final String thread;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        ThisThreadsLines(String thread) {
            this.thread = thread;
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (Thread.currentThread().getName().equals(thread)) {
                String trace = event.getThrowableProxy() == null
                        ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
                lines.add(event.getLoggerName() + " " + event.getFormattedMessage() + trace);
            }
        }
    }
}
