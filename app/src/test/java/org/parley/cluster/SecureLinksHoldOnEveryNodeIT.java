package org.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.conversation.ConversationService;
import org.parley.patient.ContactService;
import org.parley.patient.PatientDetails;
import org.parley.securemessage.SecureMessages;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.simulator.PhoneEntry;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.ParleyNodes;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Issue 18, two nodes on one PostgreSQL: wrong dates of birth tried on either node add up to the lock, the requests
 * to a link are counted for both nodes together, and an unopened message is reminded twice, then never again,
 * although both nodes run the reminders job (the database decides, not a node's memory).
 */
class SecureLinksHoldOnEveryNodeIT {

    private static final Pattern LINK = Pattern.compile("/s/([A-Za-z0-9_-]{20,60})");
    private static final LocalDate BORN = LocalDate.of(1979, 11, 30);

    @TempDir
    static Path shared;
    static ParleyNodes nodes;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static StaffMember nurse;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void twoNodes() {
        nodes = new ParleyNodes(shared, Map.of(
                "parley.plugins.dir", System.getProperty("parley.test.plugins-dir"),
                "parley.outbound.poll-interval", "300ms",
                "parley.outbound.messages-per-second-per-line", "50",
                "parley.jobs.poll-interval", "300ms",
                "parley.secure.reminder-check", "500ms",
                "parley.secure.first-reminder-after", "3s",
                "parley.secure.second-reminder-after", "6s",
                "parley.secure.rate-window", "1h",
                "parley.secure.requests-per-link", "10"));
        a = nodes.start("a", Map.of());
        b = nodes.start("b", Map.of());
        nurse = a.getBean(StaffDirectory.class).createFirstAdmin("nurse", "Nina Nurse", "a long enough password");
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    /** Sends a secure message from node a to a new patient; the token from the text the phone got. */
    private String sendSecurely(String phone) {
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("nurse", null, "ROLE_ADMIN"));
        long patient = a.getBean(ContactService.class).createPatient("nurse",
                new PatientDetails("Ines", "Navarro", BORN, phone, null, null)).id();
        long conversation = a.getBean(ConversationService.class).conversationWith(nurse, patient);
        a.getBean(SecureMessages.class).send(nurse, conversation, "Your biopsy was benign.", List.of());
        String text = await().atMost(Duration.ofSeconds(20)).until(() -> texts(phone), t -> !t.isEmpty())
                .getFirst().body();
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).isTrue();
        return link.group(1);
    }

    private static List<PhoneEntry> texts(String phone) {
        return a.getBean(SandboxCarrier.class).phone(phone, 20).stream().filter(e -> !e.fromPhone()).toList();
    }

    private HttpResponse<String> checkOn(ConfigurableApplicationContext node, String token, String dob)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ParleyNodes.port(node) + "/s/"
                        + token + "/check")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("dob=" + URLEncoder.encode(dob, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private int getOn(ConfigurableApplicationContext node, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ParleyNodes.port(node) + "/s/"
                + token)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void wrongDatesOnTwoNodesAddUpToTheLockAndRequestsAreCountedForBothNodes() throws Exception {
        String token = sendSecurely("+19292047101");
        assertThat(checkOn(a, token, "1979-11-29").statusCode()).isEqualTo(200);
        assertThat(checkOn(b, token, "1979-12-30").statusCode()).as("the second wrong date, on the other node")
                .isEqualTo(403);
        assertThat(checkOn(a, token, BORN.toString()).statusCode()).as("locked on every node").isEqualTo(403);

        int served = 0;
        for (int i = 0; i < 12; i++) {
            if (getOn(i % 2 == 0 ? a : b, token) != 429) {
                served++;
            }
        }
        assertThat(served).as("10 requests per link in the window for both nodes, 3 already made").isEqualTo(7);
    }

    @Test
    void anUnopenedMessageIsRemindedTwiceThenNeverAgainWithBothNodesRunningTheJob() {
        String phone = "+19292047102";
        String token = sendSecurely(phone);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(texts(phone)).hasSize(3));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(texts(phone)).hasSize(3));
        assertThat(texts(phone).get(1).body()).startsWith("Reminder: ").contains("/s/" + token)
                .doesNotContain("biopsy");
    }
}
