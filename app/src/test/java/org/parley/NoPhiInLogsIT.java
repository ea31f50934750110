package org.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.chart.ChartExportService;
import org.parley.chart.ConfiguredExporter;
import org.parley.chart.ExportRequest;
import org.parley.chart.ExportStatus;
import org.parley.chart.ExporterService;
import org.parley.conversation.ConversationService;
import org.parley.conversation.MessageMoves;
import org.parley.conversation.MessageView;
import org.parley.conversation.Notes;
import org.parley.conversation.Replies;
import org.parley.inbox.ConversationSearch;
import org.parley.inbox.InboxService;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.Organisations;
import org.parley.patient.PatientDetails;
import org.parley.plugin.ChartCategory;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.ActingAs;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * A recognisable patient goes through a whole flow (a text in, a forged and a malformed webhook, a reply out and
 * delivered, an internal note about her, a voicemail, a pharmacy message copied into her conversation, a copy to
 * her chart through the real PDF exporter plugin, a search by her name, a failed login with her name typed
 * as the user name) with Parley's own logging at DEBUG: none of her data may appear in the log output. Also
 * checks the security headers a browser gets.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:no-phi;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.outbound.poll-interval=200ms",
        "logging.level.org.parley=DEBUG",
        "logging.level.root=INFO"})
class NoPhiInLogsIT {

    private static final String FIRST = "Zelphira";
    private static final String LAST = "Quixotica";
    private static final String PHONE = "+19292037373";
    private static final String TEXT = "my rash ZQ-8841 got worse overnight";

    @LocalServerPort
    int port;
    @Autowired
    ContactService contacts;
    @Autowired
    Organisations organisations;
    @Autowired
    ConversationService conversations;

    @Autowired
    MessageMoves moves;

    @Autowired
    Notes notes;

    @Autowired
    Replies replies;
    @Autowired
    SandboxCarrier carrier;
    @Autowired
    StaffDirectory directory;
    @Autowired
    ExporterService exporters;
    @Autowired
    ChartExportService chartExports;
    @Autowired
    InboxService inbox;
    @Autowired
    SecurityContextHolderStrategy security;

    @Test
    void aFullFlowWithARecognisablePatientLeavesNoneOfHerDataInTheLogs(CapturedOutput output) throws Exception {
        StaffMember nurse = directory.hasAnyUser() ? directory.findByUsername("nurse").orElseThrow()
                : directory.createFirstAdmin("nurse", "Nina Nurse", "a long enough password");
        ContactSummary patient = contacts.createPatient("nurse", new PatientDetails(FIRST, LAST,
                LocalDate.of(1961, 7, 14), "(929) 203-7373", "MRN-ZQ-5521", "allergic to penicillin"));

        carrier.textPractice("sandbox", PHONE, TEXT, null, null, null);
        long conversation = conversations.conversationWith(nurse, patient.id());
        conversations.open(nurse, conversation);
        replies.reply(nurse, conversation, "Dear " + FIRST + ", please send a photo of the rash");
        await().atMost(Duration.ofSeconds(15)).until(() -> carrier.receivedCount(PHONE) == 1);
        carrier.leaveVoicemail("sandbox", PHONE, "audio/mpeg", "vm.mp3", new byte[] {1, 2, 3},
                "This is " + FIRST + " " + LAST + " calling about ZQ-8841", true);
        ContactSummary pharmacy = organisations.createOrganisation("nurse", "Amboy Pharmacy", "pharmacy", "(929) 203-7300");
        carrier.textPractice("sandbox", "+19292037300", "Refill for " + FIRST + " " + LAST + " DOB 07/14/1961",
                null, null, null);
        long pharmacyConversation = conversations.conversationWith(nurse, pharmacy.id());
        moves.copyToPatient(nurse, conversations.thread(pharmacyConversation, 0, 5).get(0).id(), patient.id());

        notes.addNote(nurse, conversation, "Called " + FIRST + " " + LAST + " about ZQ-8841, @nurse to check");
        assertThat(inbox.countSearch(nurse, ConversationSearch.forText(LAST))).isPositive();

        // Copy to chart through the real PDF exporter (download only): configured by the admin, then sent.
        ActingAs.run(security, "nurse", "ADMIN", () -> exporters.save(TestStaff.named("nurse"),
                new ConfiguredExporter("pdf", "pdf-export", "PDF", Map.of(), true, true)));
        List<Long> messageIds = conversations.thread(conversation, 0, 20).stream()
                .filter(m -> ChartExportService.selectable(m.direction(), m.status()))
                .map(MessageView::id).toList();
        String exportId = chartExports.queue(nurse, new ExportRequest(
                UUID.randomUUID().toString(), conversation, messageIds, "pdf",
                ChartCategory.RESULTS, "Rash of " + FIRST + " " + LAST, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> chartExports.find(exportId)
                .map(e -> e.status() == ExportStatus.EXPORTED).orElse(false));

        HttpClient http = HttpClient.newHttpClient();
        String body = "MessageId=forged&From=%2B19292037373&Body=" + URLEncoder.encode(TEXT, "UTF-8");
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/sandbox/sms"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/login"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + FIRST + "+" + LAST + "&password=x")).build(),
                HttpResponse.BodyHandlers.discarding());

        String logs = output.getAll();
        assertThat(logs).as("the flow ran and logged").contains("Started NoPhiInLogsIT");
        for (String secret : new String[] {FIRST, LAST, "9292037373", "929) 203-7373", "929-203-7373",
                "1961-07-14", "07/14/1961", "ZQ-8841", "MRN-ZQ-5521", "penicillin"}) {
            assertThat(logs).as("the logs must not contain '%s'", secret).doesNotContainIgnoringCase(secret);
        }

        // Security headers the browser gets with every page.
        assertThat(login.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).contains("same-origin");
    }
}
