package org.parley.chart.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.mvysny.kaributesting.v10.DownloadKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.chart.ConfiguredExporter;
import org.parley.conversation.ConversationService;
import org.parley.inbox.InboxFixtures;
import org.parley.inbox.InboxService;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.PatientDetails;
import org.parley.plugin.ChartCategory;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.TestStaff;
import org.parley.testsupport.exporter.FakeEhr;
import org.parley.testsupport.exporter.FakeEhrExporter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a staff member sees doing "Copy to chart" and "Copy for chart" in a conversation. */
class CopyToChartDialogTest extends ChartKaribuTest {

    private static final AtomicInteger PHONES = new AtomicInteger(2000);

    @Autowired
    ContactService contacts;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    ConversationService conversations;
    @Autowired
    InboxService inboxViews;
    @Autowired
    StaffDirectory directory;
    @Autowired
    AuditEntries audit;
    @Autowired
    JdbcTemplate jdbc;

    /** A patient who texted twice, opened by Nina; the conversation's id. */
    private long patientTextedTwice(String mrn) {
        String phone = "+1929204" + PHONES.incrementAndGet();
        ContactSummary patient = contacts.createPatient("admin", new PatientDetails("Maria", "Lopez",
                LocalDate.of(1980, 3, 14), phone, mrn, null));
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, "Are my MRI results in?");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, "I can come in on Friday.");
        return conversations.conversationWith(directory.findByUsername("nina").orElseThrow(), patient.id());
    }

    private ChartActions open(long conversationId) {
        loginAs("nina", "STAFF");
        UI.getCurrent().navigate("inbox/" + conversationId);
        return _get(ChartActions.class);
    }

    private static List<Checkbox> messageCheckboxes() {
        return _find(Checkbox.class, spec -> spec.withClasses("chart-select-message"));
    }

    private static void selectAll() {
        _click(_get(Button.class, spec -> spec.withId("chart-select")));
        messageCheckboxes().forEach(box -> _setValue(box, true));
    }

    private static List<String> exportLines() {
        return _find(Span.class, spec -> spec.withClasses("chart-export-text")).stream().map(Span::getText).toList();
    }

    @Test
    void twoSelectedMessagesArePreviewedThenSentAndEachShowsWhereItWentLive() {
        ChartActions actions = open(patientTextedTwice("MRN-" + PHONES.get()));
        assertThat(actions.copyToChart.isVisible()).as("only while selecting").isFalse();

        selectAll();
        assertThat(messageCheckboxes()).hasSize(2);
        assertThat(actions.selectedCount.getText()).isEqualTo("2 messages selected");
        _click(_get(Button.class, spec -> spec.withId("copy-to-chart")));

        CopyToChartDialog dialog = actions.dialog;
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.exporter.getValue().name()).as("the default, preselected").isEqualTo("EHR");
        assertThat(_get(Pre.class, spec -> spec.withId("chart-preview-text")).getText())
                .contains("Are my MRI results in?", "I can come in on Friday.", "Category: none");
        _setValue(dialog.category, ChartCategory.RESULTS);
        _setValue(_get(TextArea.class, spec -> spec.withId("chart-comment")), "Asked about her MRI");
        String previewed = _get(Pre.class, spec -> spec.withId("chart-preview-text")).getText();
        assertThat(previewed).contains("Category: Results", "Comment: Asked about her MRI");

        _click(_get(Button.class, spec -> spec.withId("chart-send")));

        assertThat(dialog.isOpened()).isFalse();
        assertThat(actions.result.getText()).isEqualTo("Sent to the chart queue.");
        assertThat(actions.copyToChart.isVisible()).as("selecting ended").isFalse();
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            roundtrip();
            assertThat(exportLines()).hasSize(2).allSatisfy(line -> assertThat(line)
                    .matches("In chart: EHR · Communication/\\d+ · \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d · Nina Nurse"));
        });
        assertThat(ehr.filed().values()).filteredOn(f -> f.body().equals(previewed)).as("exactly the preview")
                .hasSize(1);
    }

    @Test
    void withNothingSelectedNeitherCopyCanBeUsed() {
        ChartActions actions = open(patientTextedTwice("MRN-" + PHONES.get()));

        _click(_get(Button.class, spec -> spec.withId("chart-select")));

        assertThat(actions.selectedCount.getText()).isEqualTo("0 messages selected");
        assertThat(actions.copyToChart.isEnabled()).isFalse();
        assertThat(actions.copyForChart.isEnabled()).isFalse();
        assertThat(messageCheckboxes()).hasSize(2).allSatisfy(box -> {
            assertThat(box.isVisible()).isTrue();
            assertThat(box.getAriaLabel()).get().asString().startsWith("Select for the chart: message of ");
        });
    }

    @Test
    void aPatientWithoutMrnAndDateOfBirthIsRefusedBeforeSendingWithTheReason() {
        long conversationId = patientTextedTwice(null);
        jdbc.update("update contact set date_of_birth = null where id = (select contact_id from conversation "
                + "where id = ?)", conversationId);
        ChartActions actions = open(conversationId);
        selectAll();

        _click(_get(Button.class, spec -> spec.withId("copy-to-chart")));

        assertThat(_get(Span.class, spec -> spec.withId("chart-refusal")).getText())
                .isEqualTo("The patient has neither an MRN nor a date of birth, so the chart cannot be found: add one "
                        + "in Patient details first.");
        assertThat(_get(Button.class, spec -> spec.withId("chart-send")).isEnabled()).isFalse();
        _assertNone(Pre.class, spec -> spec.withId("chart-preview-text"));
        assertThat(actions.dialog.isOpened()).isTrue();
    }

    @Test
    void theExportersOwnCheckIsShownBeforeSending() {
        open(patientTextedTwice(null));
        selectAll();

        _click(_get(Button.class, spec -> spec.withId("copy-to-chart")));

        assertThat(_get(Span.class, spec -> spec.withId("chart-refusal")).getText())
                .isEqualTo(FakeEhrExporter.NEEDS_MRN);
        assertThat(_get(Button.class, spec -> spec.withId("chart-send")).isEnabled()).isFalse();
    }

    @Test
    void anUnknownNumberIsToldToBecomeAPatientFirst() {
        String phone = "+1929204" + PHONES.incrementAndGet();
        String text = "Hi, it's me " + UUID.randomUUID();
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, text);
        loginAs("nina", "STAFF");
        long conversationId = inboxViews.openConversations(directory.findByUsername("nina").orElseThrow(), 0, 500)
                .stream().filter(row -> row.preview().equals(text)).findFirst().orElseThrow().id();
        open(conversationId);
        selectAll();

        _click(_get(Button.class, spec -> spec.withId("copy-to-chart")));

        assertThat(_get(Span.class, spec -> spec.withId("chart-refusal")).getText())
                .contains("make this number a patient first");
    }

    @Test
    void aFailureShowsTheEhrsReasonAndRetryPutsItInTheChart() {
        ChartActions actions = open(patientTextedTwice("MRN-" + PHONES.get()));
        ehr.setMode(FakeEhr.Mode.UNKNOWN_PATIENT);
        selectAll();
        _click(_get(Button.class, spec -> spec.withId("copy-to-chart")));
        _click(_get(Button.class, spec -> spec.withId("chart-send")));

        await().pollInSameThread().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            roundtrip();
            assertThat(exportLines()).hasSize(2).allSatisfy(line -> assertThat(line)
                    .isEqualTo("Failed (EHR): The EHR refused the export: " + FakeEhr.UNKNOWN_PATIENT));
        });
        ehr.setMode(FakeEhr.Mode.UP);
        _click(_find(Button.class, spec -> spec.withClasses("chart-export-retry")).getFirst());

        assertThat(actions.result.getText()).isEqualTo("Queued again.");
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            roundtrip();
            assertThat(exportLines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("In chart: EHR · "));
        });
        _assertNone(Button.class, spec -> spec.withClasses("chart-export-retry"));
    }

    @Test
    void aPdfExporterOffersTheDocumentInThePreviewAndOnTheExportedMessage() {
        exporters.save(TestStaff.named("admin"), new ConfiguredExporter("ehr-pdf", FakeEhrExporter.ID, "Chart PDF",
                Map.of("ehrUrl", ehr.url(), "token", FakeEhr.TOKEN, "documents", "true"), false, true));
        ChartActions actions = open(patientTextedTwice("MRN-" + PHONES.get()));
        selectAll();
        _click(_get(Button.class, spec -> spec.withId("copy-to-chart")));
        CopyToChartDialog dialog = actions.dialog;
        _setValue(dialog.exporter, dialog.exporter.getListDataView().getItems()
                .filter(c -> c.id().equals("ehr-pdf")).findFirst().orElseThrow());

        Anchor preview = _get(Anchor.class, spec -> spec.withId("chart-preview-document"));
        assertThat(preview.getText()).startsWith("Open the document that will be sent (application/pdf, ");
        // Opening the preview hands out the whole document: the audit log says who did.
        int before = audit.newest("CHART_PREVIEW_DOWNLOADED", PageRequest.of(0, 50)).size();
        assertThat(DownloadKt._download(preview)).isNotEmpty();
        assertThat(audit.newest("CHART_PREVIEW_DOWNLOADED", PageRequest.of(0, 50))).hasSize(before + 1);
        _click(_get(Button.class, spec -> spec.withId("chart-send")));

        await().pollInSameThread().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            roundtrip();
            assertThat(_find(Anchor.class, spec -> spec.withClasses("chart-export-document"))).hasSize(2)
                    .allSatisfy(a -> assertThat(a.getText()).matches("Download chart-export-[0-9a-f]{8}\\.pdf"));
        });
        loginAs("admin", "ADMIN");
        exporters.save(TestStaff.named("admin"), new ConfiguredExporter("ehr-pdf", FakeEhrExporter.ID, "Chart PDF",
                Map.of("ehrUrl", ehr.url()), false, false));
    }

    @Test
    void copyForChartPutsChartReadyTextOnTheClipboardAndIsAudited() {
        long conversationId = patientTextedTwice("MRN-" + PHONES.get());
        ChartActions actions = open(conversationId);
        selectAll();

        _click(_get(Button.class, spec -> spec.withId("copy-for-chart")));

        assertThat(actions.lastCopied).startsWith("Patient: Maria Lopez · DOB 03/14/1980 · MRN MRN-")
                .contains("Text from Maria Lopez (patient):\nAre my MRI results in?\n",
                        "Text from Maria Lopez (patient):\nI can come in on Friday.\n");
        assertThat(audit.newest("CHART_COPIED", PageRequest.of(0, 20))).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("nina");
            assertThat(entry.targetId()).isEqualTo(String.valueOf(conversationId));
            assertThat(entry.detail()).isEqualTo("clipboard, 2 messages");
        });
    }

    @Test
    void withoutAnExporterTheDialogOffersOnlyCopyForChart() {
        exporters.save(TestStaff.named("admin"), new ConfiguredExporter("ehr", FakeEhrExporter.ID, "EHR", Map.of("ehrUrl", ehr.url()),
                false, false));
        ChartActions actions = open(patientTextedTwice("MRN-" + PHONES.get()));
        selectAll();

        _click(_get(Button.class, spec -> spec.withId("copy-to-chart")));

        assertThat(_get(Paragraph.class, spec -> spec.withId("chart-no-exporter")).getText())
                .startsWith("No chart exporter is set up");
        _assertNone(Button.class, spec -> spec.withId("chart-send"));
        _click(_get(Button.class, spec -> spec.withId("chart-dialog-copy")));
        assertThat(actions.dialog.isOpened()).isFalse();
        assertThat(actions.lastCopied).startsWith("Patient: Maria Lopez");
    }
}
