package org.parley.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.ParleyApplication;
import org.parley.base.LeasedQueue;
import org.parley.conversation.ConversationService;
import org.parley.conversation.MessageView;
import org.parley.inbox.InboxFixtures;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.PatientDetails;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.testsupport.SettableClock;
import org.parley.testsupport.TestStaff;
import org.parley.testsupport.exporter.ExporterPluginJar;
import org.parley.testsupport.exporter.FakeEhr;
import org.parley.testsupport.exporter.FakeEhrExporter;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Chart exports survive Parley stopping: one queued during an EHR outage goes out after the restart, and one that
 * was in flight on a node that died is sent again once that node's lease has run out, with the same export id, which
 * the EHR files once.
 */
class ChartExportRestartIT {

    @TempDir
    Path data;
    @TempDir
    Path plugins;

    private final FakeEhr ehr = FakeEhr.start();

    @AfterEach
    void stopEhr() {
        ehr.close();
    }

    private ConfigurableApplicationContext start() {
        if (!plugins.resolve(FakeEhrExporter.ID + "-" + ExporterPluginJar.VERSION + ".jar").toFile().exists()) {
            ExporterPluginJar.write(plugins);
        }
        // Command-line arguments win over application.properties: the test never touches ./data.
        return new SpringApplicationBuilder(ParleyApplication.class, SettableClock.Use.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--parley.plugins.dir=" + plugins,
                "--parley.chart.poll-interval=1h",
                "--parley.chart.first-retry=30s");
    }

    private static void actAsAdmin(ConfigurableApplicationContext app) {
        var admin = UsernamePasswordAuthenticationToken.authenticated("admin", null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
        SecurityContextHolderStrategy security = app.getBean(SecurityContextHolderStrategy.class);
        security.setContext(security.createEmptyContext());
        security.getContext().setAuthentication(admin);
    }

    private static ExportView export(ConfigurableApplicationContext app, String id) {
        return app.getBean(ChartExportService.class).find(id).orElseThrow();
    }

    @Test
    void exportsQueuedOrInFlightOnANodeThatDiedAreSentAfterTheRestartAndFiledOnce() {
        String inFlight;
        String queued;
        Instant now;
        try (ConfigurableApplicationContext first = start()) {
            StaffMember nina = first.getBean(StaffDirectory.class)
                    .createFirstAdmin("admin", "Nina Nurse", "a long enough password");
            actAsAdmin(first);
            first.getBean(ExporterService.class).save(TestStaff.named("admin"), new ConfiguredExporter("ehr", FakeEhrExporter.ID,
                    "EHR", Map.of("ehrUrl", ehr.url(), "token", FakeEhr.TOKEN), true, true));
            ContactSummary patient = first.getBean(ContactService.class).createPatient("admin", new PatientDetails(
                    "Maria", "Lopez", LocalDate.of(1980, 3, 14), "+19292035555", "MRN-1001", null));
            first.getBean(InboxFixtures.class).patientTexts("sandbox", UUID.randomUUID().toString(), "+19292035555",
                    "Are my MRI results in?");
            ConversationService conversations = first.getBean(ConversationService.class);
            long conversationId = conversations.conversationWith(nina, patient.id());
            List<Long> ids = conversations.thread(conversationId, 0, 10).stream().map(MessageView::id).toList();
            ChartExportService exports = first.getBean(ChartExportService.class);

            inFlight = exports.queue(nina, exports.preview(nina,
                    ExportRequest.draft(conversationId, ids, "ehr", null, null)).request());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(export(first, inFlight).status()).isEqualTo(ExportStatus.EXPORTED));
            // A node died after the EHR filed it but before recording that; its lease holds for ten more minutes.
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            jdbc.update("update chart_export set status = 'SENDING', reference = null, exported_at = null where id = ?",
                    inFlight);
            now = first.getBean(SettableClock.class).instant();
            jdbc.update("insert into chart_export_task (export_id, attempts, next_attempt_at, lease_owner, lease_until) "
                    + "values (?, 1, ?, 'node-that-died', ?)", inFlight, LeasedQueue.timestamp(now),
                    LeasedQueue.timestamp(now.plus(Duration.ofMinutes(10))));

            ehr.setMode(FakeEhr.Mode.DOWN);
            queued = exports.queue(nina, exports.preview(nina,
                    ExportRequest.draft(conversationId, ids, "ehr", null, "During the outage")).request());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(export(first, queued))
                    .extracting(ExportView::status, ExportView::attempts).containsExactly(ExportStatus.QUEUED, 1));
        }
        String firstReference = ehr.filed().get(inFlight).reference();
        ehr.setMode(FakeEhr.Mode.UP);

        try (ConfigurableApplicationContext second = start()) {
            SettableClock clock = second.getBean(SettableClock.class);
            clock.advance(Duration.between(clock.instant(), now.plus(Duration.ofMinutes(5))));
            second.getBean(ChartExportQueue.class).sendDue();
            assertThat(ehr.posts(inFlight)).as("not taken while the dead node's lease holds").isEqualTo(1);
            assertThat(export(second, inFlight).status()).isEqualTo(ExportStatus.SENDING);

            clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            second.getBean(ChartExportQueue.class).sendDue();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(export(second, inFlight).status()).isEqualTo(ExportStatus.EXPORTED));
            assertThat(export(second, inFlight).reference()).isEqualTo(firstReference);
            assertThat(ehr.posts(inFlight)).as("sent again after the restart").isEqualTo(2);

            clock.advance(Duration.ofMinutes(1));
            second.getBean(ChartExportQueue.class).sendDue();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(export(second, queued).status()).isEqualTo(ExportStatus.EXPORTED));
        }
        assertThat(ehr.filed()).as("each export filed once").containsOnlyKeys(inFlight, queued);
    }
}
