package org.parley.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.audit.AuditEntry;
import org.parley.audit.AuditLog;
import org.parley.base.LeasedQueue;
import org.parley.conversation.ConversationService;
import org.parley.conversation.MessageView;
import org.parley.inbox.InboxFixtures;
import org.parley.inbox.InboxService;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.PatientDetails;
import org.parley.plugin.ChartAttachment;
import org.parley.plugin.ChartCategory;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.testsupport.SettableClock;
import org.parley.testsupport.TestStaff;
import org.parley.testsupport.exporter.ExporterPluginJar;
import org.parley.testsupport.exporter.FakeEhr;
import org.parley.testsupport.exporter.FakeEhrExporter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The chart export queue with a real exporter plugin (the test-ehr jar, loaded by PF4J) posting to a fake EHR over
 * HTTP. Time is the test's: the clock moves by hand and the worker runs when asked (its poll is an hour), so back-off
 * is checked without sleeping. The admin's role is only needed to configure exporters.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:chart-queue;DB_CLOSE_DELAY=-1",
        "parley.chart.poll-interval=1h", "parley.chart.first-retry=30s", "parley.chart.max-retry-delay=10m"})
@Import(SettableClock.Use.class)
@DirtiesContext
@WithMockUser(username = "admin", roles = "ADMIN")
class ChartExportQueueIT {

    private static final FakeEhr EHR = FakeEhr.start();
    private static final AtomicInteger PHONES = new AtomicInteger(1000);

    @DynamicPropertySource
    static void plugins(DynamicPropertyRegistry registry) {
        registry.add("parley.plugins.dir", () -> ExporterPluginJar.pluginsFolderWithSandbox().toString());
    }

    @AfterAll
    static void stopEhr() {
        EHR.close();
    }

    @Autowired
    ChartExportService exports;
    @Autowired
    ExporterService exporters;
    @Autowired
    ChartExportQueue queue;
    @Autowired
    SettableClock clock;
    @Autowired
    StaffFixtures staff;
    @Autowired
    ContactService contacts;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    ConversationService conversations;
    @Autowired
    InboxService inboxViews;
    @Autowired
    AuditEntries audit;
    @Autowired
    JdbcTemplate jdbc;

    private StaffMember nina;

    @BeforeEach
    void anEhrIsConfigured() {
        EHR.setMode(FakeEhr.Mode.UP);
        nina = staff.account("nina", "Nina Nurse", "a nurse's long password", Role.STAFF);
        exporters.save(TestStaff.named("admin"), new ConfiguredExporter("ehr", FakeEhrExporter.ID, "EHR",
                Map.of("ehrUrl", EHR.url(), "token", FakeEhr.TOKEN), true, true));
    }

    /** A patient who texted twice; the conversation and its two messages. */
    private record Texted(long conversationId, List<Long> messageIds) {
    }

    private Texted patientWhoTexted(String mrn, LocalDate dob) {
        String phone = "+1929203" + PHONES.incrementAndGet();
        ContactSummary patient = contacts.createPatient("admin", new PatientDetails("Maria", "Lopez",
                dob, phone, mrn, null));
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, "Are my MRI results in?");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, "I can come in on Friday.");
        long conversationId = conversations.conversationWith(nina, patient.id());
        List<Long> ids = conversations.thread(conversationId, 0, 50).stream().map(MessageView::id).toList();
        assertThat(ids).hasSize(2);
        return new Texted(conversationId, ids);
    }

    private Texted patientWhoTexted() {
        return patientWhoTexted("MRN-" + PHONES.get(), LocalDate.of(1980, 3, 14));
    }

    private PreviewedExport previewed(Texted texted, String exporterId) {
        return exports.preview(nina, ExportRequest.draft(texted.conversationId(), texted.messageIds(), exporterId,
                ChartCategory.RESULTS, "Asked about her MRI"));
    }

    private ExportView export(String id) {
        return exports.find(id).orElseThrow();
    }

    private List<AuditEntry> audited(String action, String exportId) {
        return audit.newest(action, PageRequest.of(0, 200)).stream()
                .filter(e -> e.detail() != null && e.detail().contains(exportId)).toList();
    }

    @Test
    void aRetryableFailureIsRetriedWithGrowingBackOffUntilTheEhrTakesExactlyWhatWasPreviewed() {
        Texted texted = patientWhoTexted();
        EHR.setMode(FakeEhr.Mode.DOWN);
        PreviewedExport previewed = previewed(texted, "ehr");

        String id = exports.queue(nina, previewed.request());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(export(id))
                .extracting(ExportView::status, ExportView::attempts).containsExactly(ExportStatus.QUEUED, 1));
        ExportView waiting = export(id);
        assertThat(waiting.reason()).isEqualTo("The EHR is unavailable (HTTP 503).");
        assertThat(waiting.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(waiting.canRetry()).isTrue();

        queue.sendDue();
        assertThat(EHR.posts(id)).as("not tried again before its time").isEqualTo(1);

        clock.advance(Duration.ofSeconds(30));
        queue.sendDue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(export(id))
                .extracting(ExportView::status, ExportView::attempts).containsExactly(ExportStatus.QUEUED, 2));
        assertThat(export(id).nextAttemptAt()).as("the back-off doubled").isEqualTo(clock.instant().plusSeconds(60));

        EHR.setMode(FakeEhr.Mode.UP);
        clock.advance(Duration.ofSeconds(59));
        queue.sendDue();
        assertThat(EHR.posts(id)).isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        queue.sendDue();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(export(id).status()).isEqualTo(ExportStatus.EXPORTED));
        FakeEhr.Filed filed = EHR.filed().get(id);
        assertThat(export(id).reference()).isEqualTo(filed.reference()).startsWith("Communication/");
        assertThat(export(id).reason()).isNull();
        assertThat(export(id).exportedAt()).isEqualTo(clock.instant());
        assertThat(export(id).exporterName()).isEqualTo("EHR");
        assertThat(export(id).requestedBy()).isEqualTo("Nina Nurse");
        assertThat(export(id).messageIds()).containsExactlyInAnyOrderElementsOf(texted.messageIds());
        assertThat(filed.body()).as("the EHR got exactly the preview").isEqualTo(previewed.preview().asText());
        assertThat(filed.body()).contains("Are my MRI results in?", "I can come in on Friday.", "Category: Results",
                "Comment: Asked about her MRI", "Copied by Nina Nurse");
        assertThat(exports.exportsOf(List.of(texted.messageIds().getFirst()))).extracting(ExportView::exportId)
                .containsExactly(id);

        assertThat(audited("CHART_EXPORT_QUEUED", id)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("nina");
            assertThat(entry.targetType()).isEqualTo("conversation");
            assertThat(entry.targetId()).isEqualTo(String.valueOf(texted.conversationId()));
            assertThat(entry.detail()).isEqualTo("exporter ehr, 2 messages, export " + id)
                    .doesNotContain("Maria", "MRI", "MRN");
        });
        assertThat(audited("CHART_EXPORT_FAILED", id)).as("the outage's first failure").singleElement()
                .satisfies(entry -> assertThat(entry.detail()).endsWith("retrying"));
        assertThat(audited("CHART_EXPORT_SENT", id)).singleElement()
                .satisfies(entry -> assertThat(entry.actor()).isEqualTo(AuditLog.SYSTEM));
    }

    @Test
    void anExportAnotherLiveNodeIsSendingIsNotTakenButOneWhoseLeaseRanOutIsSentWithTheSameId() {
        Texted texted = patientWhoTexted();
        EHR.setMode(FakeEhr.Mode.DOWN);
        String id = exports.queue(nina, previewed(texted, "ehr").request());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(export(id))
                .extracting(ExportView::status, ExportView::attempts).containsExactly(ExportStatus.QUEUED, 1));
        EHR.setMode(FakeEhr.Mode.UP);

        // Another node claimed it when it came due and is sending it now: its lease holds for five minutes.
        clock.advance(Duration.ofSeconds(30));
        Timestamp now = LeasedQueue.timestamp(clock.instant());
        Timestamp leaseEnds = LeasedQueue.timestamp(clock.instant().plus(Duration.ofMinutes(5)));
        jdbc.update("update chart_export_task set lease_owner = 'node-elsewhere', lease_until = ?, "
                + "next_attempt_at = ? where export_id = ?", leaseEnds, now, id);
        jdbc.update("update chart_export set status = 'SENDING' where id = ?", id);

        queue.sendDue();
        clock.advance(Duration.ofMinutes(5));
        queue.sendDue();
        assertThat(EHR.posts(id)).as("not sent while the other node's lease holds").isEqualTo(1);
        assertThat(export(id).status()).isEqualTo(ExportStatus.SENDING);

        // That node died: a moment after its lease ran out, this one takes the export over.
        clock.advance(Duration.ofSeconds(1));
        queue.sendDue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(export(id).status()).isEqualTo(ExportStatus.EXPORTED));
        assertThat(EHR.posts(id)).isEqualTo(2);
        assertThat(EHR.filed()).containsKey(id);
        assertThat(jdbc.queryForObject("select count(*) from chart_export_task where export_id = ?", Long.class, id))
                .as("the task is done").isZero();
    }

    @Test
    void aPermanentFailureIsKeptWithTheEhrsReasonAndARetryQueuesItAgain() {
        Texted texted = patientWhoTexted();
        EHR.setMode(FakeEhr.Mode.UNKNOWN_PATIENT);

        String id = exports.queue(nina, previewed(texted, "ehr").request());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(export(id).status()).isEqualTo(ExportStatus.FAILED));
        assertThat(export(id).reason()).isEqualTo("The EHR refused the export: " + FakeEhr.UNKNOWN_PATIENT);
        assertThat(export(id).nextAttemptAt()).isNull();
        clock.advance(Duration.ofHours(2));
        queue.sendDue();
        assertThat(EHR.posts(id)).as("a permanent failure waits for a person").isEqualTo(1);
        assertThat(audited("CHART_EXPORT_FAILED", id)).singleElement()
                .satisfies(entry -> assertThat(entry.detail()).endsWith("permanent"));

        EHR.setMode(FakeEhr.Mode.UP);
        exports.retry(nina, id);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(export(id).status()).isEqualTo(ExportStatus.EXPORTED));
        assertThat(export(id).reference()).isEqualTo(EHR.filed().get(id).reference());
        assertThat(audited("CHART_EXPORT_RETRIED", id)).singleElement()
                .satisfies(entry -> assertThat(entry.actor()).isEqualTo("nina"));
        assertThatThrownBy(() -> exports.retry(nina, id)).isInstanceOf(IllegalStateException.class)
                .hasMessage("This export is in the chart already.");
    }

    @Test
    void theSameExportSentTwiceIsOneExportFiledOnce() {
        Texted texted = patientWhoTexted();
        PreviewedExport previewed = previewed(texted, "ehr");

        String first = exports.queue(nina, previewed.request());
        String second = exports.queue(nina, previewed.request());

        assertThat(second).isEqualTo(first);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(export(first).status()).isEqualTo(ExportStatus.EXPORTED));
        assertThat(jdbc.queryForObject("select count(*) from chart_export where id = ?", Long.class, first))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from chart_export_message where export_id = ?", Long.class,
                first)).isEqualTo(2);
        assertThat(audited("CHART_EXPORT_QUEUED", first)).hasSize(1);
        assertThat(EHR.posts(first)).isEqualTo(1);
    }

    @Test
    void refusedExportsAreNeverStoredAndSayWhy() {
        Texted withoutMrn = patientWhoTexted(null, LocalDate.of(1975, 6, 1));
        Texted unidentifiable = patientWhoTexted("MRN-X" + PHONES.get(), LocalDate.of(1975, 6, 1));
        jdbc.update("update contact set mrn = null, date_of_birth = null where id = ?",
                jdbc.queryForObject("select contact_id from conversation where id = ?", Long.class,
                        unidentifiable.conversationId()));
        String unknownNumber = "+1929203" + PHONES.incrementAndGet();
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), unknownNumber, "Who is this?");
        long unknownConversation = inboxViews.openConversations(nina, 0, 200).stream()
                .filter(row -> row.preview().equals("Who is this?")).findFirst().orElseThrow().id();
        long storedBefore = jdbc.queryForObject("select count(*) from chart_export", Long.class);

        assertThatThrownBy(() -> previewed(withoutMrn, "ehr")).as("the exporter's own check")
                .isInstanceOf(IllegalArgumentException.class).hasMessage(FakeEhrExporter.NEEDS_MRN);
        assertThatThrownBy(() -> exports.queue(nina, new ExportRequest(UUID.randomUUID().toString(),
                withoutMrn.conversationId(), withoutMrn.messageIds(), "ehr", null, null, clock.instant())))
                .as("checked again before queueing").hasMessage(FakeEhrExporter.NEEDS_MRN);
        assertThatThrownBy(() -> previewed(unidentifiable, "ehr")).hasMessage(ChartExportBuilder.NOT_IDENTIFIABLE);
        assertThatThrownBy(() -> exports.preview(nina, ExportRequest.draft(unknownConversation,
                conversations.thread(unknownConversation, 0, 10).stream().map(MessageView::id).toList(), "ehr", null,
                null))).hasMessageContaining("make this number a patient first");
        assertThatThrownBy(() -> exports.preview(nina, ExportRequest.draft(withoutMrn.conversationId(), List.of(),
                "ehr", null, null))).hasMessage(ChartExportBuilder.NO_MESSAGES);
        assertThatThrownBy(() -> exports.preview(nina, ExportRequest.draft(withoutMrn.conversationId(),
                unidentifiable.messageIds(), "ehr", null, null))).as("messages of another conversation")
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(jdbc.queryForObject("select count(*) from chart_export", Long.class)).isEqualTo(storedBefore);
    }

    @Test
    void aDocumentTheExporterWroteIsKeptForDownloadAndTheDownloadIsAudited() {
        exporters.save(TestStaff.named("admin"), new ConfiguredExporter("ehr-pdf", FakeEhrExporter.ID, "EHR (PDF)",
                Map.of("ehrUrl", EHR.url(), "token", FakeEhr.TOKEN, "documents", "true"), false, true));
        Texted texted = patientWhoTexted();
        PreviewedExport previewed = previewed(texted, "ehr-pdf");
        assertThat(previewed.preview().mediaType()).isEqualTo("application/pdf");
        assertThat(previewed.preview().isText()).isFalse();

        String id = exports.queue(nina, previewed.request());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(export(id).status()).isEqualTo(ExportStatus.EXPORTED));
        assertThat(export(id).documentName()).matches("chart-export-[0-9a-f]{8}\\.pdf");
        ChartAttachment document = exports.document(nina, id).orElseThrow();
        assertThat(document.contentType()).isEqualTo("application/pdf");
        assertThat(document.data()).isEqualTo(previewed.preview().content());
        assertThat(audit.newest("CHART_DOCUMENT_DOWNLOADED", PageRequest.of(0, 10))).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("nina");
            assertThat(entry.targetId()).isEqualTo(id);
        });
    }

    @Test
    void copyForChartGivesChartReadyTextAndIsAuditedAsAnExport() {
        Texted texted = patientWhoTexted();

        String text = exports.copyForChart(nina, texted.conversationId(), texted.messageIds());

        assertThat(text).startsWith("Patient: Maria Lopez · DOB 03/14/1980 · MRN MRN-");
        assertThat(text).contains("Text from Maria Lopez (patient):\nAre my MRI results in?",
                "Text from Maria Lopez (patient):\nI can come in on Friday.", "copied by Nina Nurse");
        assertThat(audit.newest("CHART_COPIED", PageRequest.of(0, 10))).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("nina");
            assertThat(entry.targetId()).isEqualTo(String.valueOf(texted.conversationId()));
            assertThat(entry.detail()).isEqualTo("clipboard, 2 messages");
        });
    }
}
