package org.parley;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.hl7.fhir.r4.model.DocumentReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntry;
import org.parley.audit.AuditEntries;
import org.parley.patient.ContactService;
import org.parley.patient.PatientDetails;
import org.parley.plugin.testkit.fhir.FakeEhr;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;

/**
 * Copy to chart end to end in Chromium, through the real fhir-export plugin archive and an EHR that speaks FHIR R4
 * (HAPI's RestfulServer at {@code /fhir} of this same test app): the admin sets the exporter up on the Chart
 * exporters page, from the form the plugin's descriptor draws, and tests the connection; a patient texts twice; the
 * admin selects both texts, reads the DocumentReference in the preview, sends it, and sees each message say it is in
 * the chart. The EHR then holds exactly that one document, filed under the export's id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:copy-to-chart-browser;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class CopyToChartBrowserIT extends BrowserTest {

    private static final String PASSWORD = "a very long passphrase";
    private static final String PHONE = "+19292075310";
    private static final String MRN = "MRN-40721";
    private static final String FIRST_TEXT = "Did my MRI results come in?";
    private static final String SECOND_TEXT = "I can come in on Friday after 3.";
    private static final LocatorAssertions.HasTextOptions PATIENTLY_EXACT =
            new LocatorAssertions.HasTextOptions().setTimeout(20_000);

    /** The EHR: the plugin test kit's in-process FHIR R4 server, on a port of its own. */
    static FakeEhr ehr;

    @BeforeAll
    static void startTheEhr() throws Exception {
        ehr = FakeEhr.start();
    }

    @AfterAll
    static void stopTheEhr() throws Exception {
        ehr.close();
    }

    @Autowired
    ContactService contacts;
    @Autowired
    SandboxCarrier carrier;
    @Autowired
    AuditEntries audit;

    /** The text of the document's first content: the messages. */
    private static String documentText(DocumentReference document) {
        return new String(document.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8);
    }

    /** The admin adds the exporter on the Chart exporters page, in the form drawn from the plugin's settings. */
    private void configureTheFhirExporter(Page page) {
        page.navigate(url("/admin/exporters"));
        page.locator("#add-exporter").click();
        fill(page, "exporter-id", "ehr");
        fill(page, "exporter-name", "EHR");
        visible(page, "#exporter-plugin input").fill("FHIR");
        page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText("(fhir-export)")).click();
        // the plugin's own settings, by the names its descriptor gives them
        setting(page, "baseUrl").fill(ehr.baseUrl());
        setting(page, "mrnSystem").fill(FakeEhr.MRN_SYSTEM);
        setting(page, "authentication").fill("bearer");
        setting(page, "bearerToken").fill(FakeEhr.STATIC_TOKEN);
        page.locator("#exporter-default input").check();
        page.locator("#save-exporter").click();
        assertThat(page.locator("#exporters")).containsText("fhir-export");
        assertThat(page.getByText("Chart exporter ehr")).isVisible();

        page.locator("#test-exporter-connection").click();
        assertThat(page.locator("#exporter-connection-result")).containsText(
                Pattern.compile("^Connected: Connected to .+ \\(FHIR 4\\.0\\.1\\)\\.$"), PATIENTLY_TEXT);
    }

    private static Locator setting(Page page, String name) {
        return visible(page, "[data-setting=" + name + "] input");
    }

    @Test
    void twoTextsSelectedInAConversationLandInTheEhrAsOneDocumentShownUnderEachMessage() {
        // tall enough to show both messages of the thread in the screenshot
        BrowserContext staffBrowser = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000));
        Page page = staffBrowser.newPage();
        page.setDefaultTimeout(20_000);
        createFirstAdminAndLogIn(page, "ada", "Ada Admin", PASSWORD);
        configureTheFhirExporter(page);

        // The patient is known to Parley and to the EHR by the same MRN; she texts twice.
        String ehrPatient = "Patient/" + ehr.addPatient("Marisol", "Quintanilla", "1984-06-02", MRN);
        contacts.createPatient("ada", new PatientDetails("Marisol", "Quintanilla", LocalDate.of(1984, 6, 2), PHONE,
                MRN, null));
        carrier.textPractice("sandbox", PHONE, FIRST_TEXT, null, null, null);
        carrier.textPractice("sandbox", PHONE, SECOND_TEXT, null, null, null);

        page.navigate(url("/inbox"));
        page.locator("#conversation-list .conversation-row", new Page.LocatorOptions().setHasText(SECOND_TEXT))
                .click();
        Locator first = page.locator("#thread .bubble.inbound", new Page.LocatorOptions().setHasText(FIRST_TEXT));
        Locator second = page.locator("#thread .bubble.inbound", new Page.LocatorOptions().setHasText(SECOND_TEXT));
        assertThat(first).isVisible(PATIENTLY);
        assertThat(second).isVisible(PATIENTLY);

        // Select for chart, tick both texts, Copy to chart…
        page.locator("#chart-select").click();
        first.locator(".chart-select-message input").check();
        second.locator(".chart-select-message input").check();
        assertThat(page.locator("#chart-selected-count")).hasText("2 messages selected");
        page.locator("#copy-to-chart").click();

        // The dialog: the default exporter, and the DocumentReference exactly as it will be sent.
        Locator dialog = page.locator("#chart-dialog");
        assertThat(page.locator("#chart-exporter")).containsText("EHR (default)");
        Locator preview = page.locator("#chart-preview-text");
        assertThat(preview).containsText("\"resourceType\": \"DocumentReference\"", PATIENTLY_TEXT);
        assertThat(preview).containsText("\"reference\": \"" + ehrPatient + "\"");
        String previewed = preview.textContent();
        screenshot(page, "copy-to-chart-preview");
        // FHIR carries the document's text Base64-encoded, so the messages are in the preview only encoded
        DocumentReference shown = FhirContext.forR4Cached().newJsonParser()
                .parseResource(DocumentReference.class, previewed);
        Assertions.assertThat(documentText(shown)).as("the messages, in the preview's JSON")
                .contains(FIRST_TEXT, SECOND_TEXT);

        page.locator("#chart-send").click();
        assertThat(dialog).isHidden();

        // Each of the two texts says, live, where it went.
        Pattern inChart = Pattern.compile(
                "^In chart: EHR · DocumentReference/\\d+ · \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d · Ada Admin$");
        for (Locator message : List.of(first, second)) {
            assertThat(message.locator(".chart-exports .chart-export.chart-export-exported .chart-export-text"))
                    .hasText(inChart, PATIENTLY_EXACT);
        }
        String exportId = first.locator(".chart-export").getAttribute("data-export");
        assertThat(second.locator(".chart-export")).hasAttribute("data-export", exportId);
        screenshot(page, "copy-to-chart");

        // The EHR holds exactly one document: the preview, filed under the export's id, about the patient.
        Assertions.assertThat(ehr.receivedDocuments()).containsExactly(previewed);
        Assertions.assertThat(ehr.storedDocuments()).singleElement().satisfies(document -> {
            Assertions.assertThat(document.getIdentifierFirstRep().getSystem())
                    .isEqualTo("urn:parley:chart-export");
            Assertions.assertThat(document.getIdentifierFirstRep().getValue())
                    .isEqualTo(exportId);
            Assertions.assertThat(document.getSubject().getReference()).isEqualTo(ehrPatient);
            Assertions.assertThat(documentText(document)).contains(FIRST_TEXT, SECOND_TEXT);
            assertThat(first.locator(".chart-export-text"))
                    .containsText("DocumentReference/" + document.getIdElement().getIdPart() + " · ");
        });
        Assertions.assertThat(ehr.refusedRequests()).as("every request had the token")
                .isZero();
        List<AuditEntry> sent = audit.newest("CHART_EXPORT_SENT", PageRequest.of(0, 10));
        Assertions.assertThat(sent).singleElement()
                .satisfies(entry -> Assertions.assertThat(entry.detail())
                        .isEqualTo("exporter ehr, 2 messages, export " + exportId));
        staffBrowser.close();
    }
}
