package org.parley.securemessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.attachment.Attachment;
import org.parley.audit.AuditEntries;
import org.parley.audit.AuditEntry;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageView;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.Families;
import org.parley.patient.PatientDetails;
import org.parley.patient.PatientField;
import org.parley.patient.PatientMerge;
import org.parley.practice.PracticeProfiles;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.simulator.PhoneEntry;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.MutableClock;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Issue 18: the rules of a secure link, through the page a patient's browser opens over HTTP: the text carries no
 * PHI, nothing before the check shows a name, two wrong dates of birth lock the link for an hour, a verified browser is
 * remembered (until staff forget it), links expire, unopened messages are reminded after one and three days and then
 * never again, a guardian opens a dependent's message with the dependent's date, every step is audited with ids only,
 * and requests are limited per link. The clock is the test's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:securelinks;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.outbound.poll-interval=200ms",
        "parley.outbound.messages-per-second-per-line=50",
        "parley.secure.link-validity=10d",
        "parley.secure.requests-per-link=12"})
@Import(MutableClock.Config.class)
@WithMockUser(username = "admin", roles = "ADMIN")
class SecureLinkRulesIT {

    static final LocalDate BORN = LocalDate.of(1980, 4, 23);
    static final Pattern LINK = Pattern.compile("/s/([A-Za-z0-9_-]{20,60})");

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    SecureMessages secure;
    @Autowired
    SecureReminders reminders;
    @Autowired
    ConversationService conversations;
    @Autowired
    ContactService contacts;
    @Autowired
    Families families;
    @Autowired
    StaffDirectory directory;
    @Autowired
    PracticeProfiles practice;
    @Autowired
    SandboxCarrier carrier;
    @Autowired
    AuditEntries audit;
    @Autowired
    JdbcClient db;
    @Autowired
    PatientMerge merging;

    StaffMember nurse;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void aNurse() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        nurse = directory.findByUsername("admin").orElseThrow();
        practice.change(TestStaff.named("admin"), "Front Range Family Medicine", "America/Denver");
    }

    private static String newPhone() {
        // An exchange from 200 to 999 and any line number: always a valid North American number.
        long random = Math.abs(UUID.randomUUID().getMostSignificantBits() % 8_000_000L);
        return "+1929" + (2_000_000 + random);
    }

    record Sent(long conversationId, long messageId, String phone, String token) {
    }

    private Sent sendSecurely(String text) {
        String phone = newPhone();
        ContactSummary patient = contacts.createPatient("admin",
                new PatientDetails("Rosa", "Quintana", BORN, phone, null, null));
        return sendTo(patient.id(), phone, text);
    }

    private Sent sendTo(long contactId, String phone, String text) {
        long conversation = conversations.conversationWith(nurse, contactId);
        MessageView sent = secure.send(nurse, conversation, text, List.of());
        String body = await().atMost(Duration.ofSeconds(15)).until(() -> texts(phone), list -> !list.isEmpty())
                .getLast().body();
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as("the text carries a link").isTrue();
        return new Sent(conversation, sent.id(), phone, link.group(1));
    }

    private List<PhoneEntry> texts(String phone) {
        return carrier.phone(phone, 50).stream().filter(entry -> !entry.fromPhone()).toList();
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (cookie != null) {
            request.header("Cookie", SecurePageController.COOKIE + "=" + cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String field, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(field + "=" + URLEncoder.encode(value,
                        StandardCharsets.UTF_8)));
        if (cookie != null) {
            request.header("Cookie", SecurePageController.COOKIE + "=" + cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookieOf(HttpResponse<?> response) {
        String header = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(header).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/s/");
        return header.substring(header.indexOf('=') + 1, header.indexOf(';'));
    }

    private List<AuditEntry> audited(String action, long linkId) {
        return audit.newest(action, PageRequest.of(0, 200)).stream()
                .filter(entry -> String.valueOf(linkId).equals(entry.targetId())).toList();
    }

    private long linkId(long messageId) {
        return db.sql("select id from secure_link where message_id = ?").param(messageId).query(Long.class).single();
    }

    private List<String> threadLines(long conversationId) {
        return conversations.thread(conversationId, 0, 50).stream().map(MessageView::body).toList();
    }

    @Test
    void theTextCarriesOnlyThePracticesNameAndTheLinkAndThePageShowsNoNameBeforeTheCheck() throws Exception {
        Sent sent = sendSecurely("Your potassium is 5.9: please come in tomorrow.");
        String text = texts(sent.phone()).getLast().body();
        assertThat(text).startsWith("Front Range Family Medicine sent you a secure message. Open it here: http")
                .doesNotContain("potassium").doesNotContain("Rosa");
        assertThat(db.sql("select count(*) from secure_link where token_hash = ? or token_nonce = ?")
                .params(sent.token(), sent.token()).query(Long.class).single()).as("the token is not stored")
                .isZero();

        HttpResponse<String> page = get("/s/" + sent.token(), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"en\"").contains("<label for=\"dob\">")
                .contains("aria-describedby=\"dob-hint\"").doesNotContain("Rosa").doesNotContain("Quintana")
                .doesNotContain("potassium");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("frame-ancestors 'none'"));
        assertThat(threadLines(sent.conversationId())).contains(SecureMessages.SENT_LINE);
        assertThat(get("/s/" + sent.token() + "x", null).statusCode()).isEqualTo(404);
    }

    @Test
    void twoWrongDatesOfBirthLockTheLinkForAnHourEvenForTheRightDate() throws Exception {
        Sent sent = sendSecurely("Lab results attached.");
        String path = "/s/" + sent.token() + "/check";
        HttpResponse<String> first = post(path, null, "dob", "1980-04-24");
        assertThat(first.body()).contains("id=\"dob-error\"").contains("aria-invalid=\"true\"")
                .contains("dob-hint dob-error");
        assertThat(post(path, null, "dob", "1981-04-23").statusCode()).isEqualTo(403);
        HttpResponse<String> right = post(path, null, "dob", BORN.toString());
        assertThat(right.statusCode()).as("locked even for the right date").isEqualTo(403);
        assertThat(right.body()).contains("60 minutes").doesNotContain("potassium");

        clock.advance(Duration.ofMinutes(61));
        HttpResponse<String> later = post(path, null, "dob", BORN.toString());
        assertThat(later.statusCode()).isEqualTo(303);
        long link = linkId(sent.messageId());
        assertThat(audited("SECURE_CHECK_FAILED", link)).hasSize(2);
        assertThat(audited("SECURE_CHECK_REFUSED", link)).hasSize(1);
        assertThat(audited("SECURE_CHECK_PASSED", link)).hasSize(1);
    }

    @Test
    void aDateThatCannotBeReadIsRefusedWithoutCountingTowardsTheLock() throws Exception {
        Sent sent = sendSecurely("Please call us.");
        String path = "/s/" + sent.token() + "/check";
        HttpResponse<String> unreadable = post(path, null, "dob", "23 April");
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(unreadable.body()).contains("year-month-day");
        post(path, null, "dob", "1980-01-01");
        assertThat(post(path, null, "dob", BORN.toString()).statusCode()).isEqualTo(303);
    }

    @Test
    void aVerifiedBrowserReadsAnswersAndDownloadsAndIsRememberedUntilStaffForgetIt() throws Exception {
        String phone = newPhone();
        ContactSummary patient = contacts.createPatient("admin",
                new PatientDetails("Rosa", "Quintana", BORN, phone, null, null));
        long conversation = conversations.conversationWith(nurse, patient.id());
        byte[] pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        MessageView sent = secure.send(nurse, conversation, "Your results are attached.",
                List.of(new Attachment("results.pdf", "application/pdf", pdf)));
        String token = await().atMost(Duration.ofSeconds(15)).until(() -> texts(phone), list -> !list.isEmpty())
                .getLast().body().replaceAll("(?s).*/s/", "");
        assertThat(texts(phone).getLast().mediaContentType()).as("no file goes by text").isNull();

        String cookie = cookieOf(post("/s/" + token + "/check", null, "dob", BORN.toString()));
        HttpResponse<String> page = get("/s/" + token, cookie);
        assertThat(page.body()).contains("Your results are attached.").contains("results.pdf");
        assertThat(threadLines(conversation)).anyMatch(line -> line.startsWith("Opened by the patient at "));
        assertThat(db.sql("select opened_at from secure_link where message_id = ?").param(sent.id())
                .query(Timestamp.class).single()).isNotNull();

        long mediaId = sent.media().getFirst().id();
        HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/s/"
                + token + "/files/" + mediaId)).header("Cookie", SecurePageController.COOKIE + "=" + cookie).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(pdf);
        assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).startsWith("attachment"));
        assertThat(get("/s/" + token + "/files/" + mediaId, null).statusCode()).as("not without the check")
                .isEqualTo(404);

        HttpResponse<String> answered = post("/s/" + token + "/answer", cookie, "answer", "Thank you, see you then.");
        assertThat(answered.statusCode()).isEqualTo(303);
        List<MessageView> thread = conversations.thread(conversation, 0, 50);
        assertThat(thread).anyMatch(m -> m.direction() == Direction.INBOUND
                && m.body().equals("Thank you, see you then."));
        assertThat(thread).anyMatch(m -> m.body().equals("Answered in the secure page."));
        assertThat(post("/s/" + token + "/answer", cookie, "answer", "  ").statusCode()).isEqualTo(400);

        long link = linkId(sent.id());
        assertThat(audited("SECURE_MESSAGE_OPENED", link)).isNotEmpty();
        assertThat(audit.newest("SECURE_FILE_DOWNLOADED", PageRequest.of(0, 50)))
                .anyMatch(entry -> entry.targetId().equals(String.valueOf(mediaId)));
        assertThat(audit.newest("SECURE_ANSWER_RECEIVED", PageRequest.of(0, 50)))
                .anyMatch(entry -> entry.detail().contains("secure link " + link));
        assertThat(audit.newest(PageRequest.of(0, 30))).allSatisfy(entry -> assertThat(String.valueOf(entry.detail()))
                .doesNotContain("Rosa").doesNotContain("results").doesNotContain("Thank you"));

        clock.advance(Duration.ofDays(5));
        assertThat(get("/s/" + token, cookie).body()).as("remembered days later")
                .contains("Your results are attached.");
        secure.forgetBrowsers(nurse, patient.id());
        HttpResponse<String> forgotten = get("/s/" + token, cookie);
        assertThat(forgotten.body()).contains("<label for=\"dob\">").doesNotContain("Your results");
        assertThat(post("/s/" + token + "/answer", cookie, "answer", "Hello?").statusCode()).isEqualTo(303);
        assertThat(conversations.thread(conversation, 0, 50)).noneMatch(m -> m.body().equals("Hello?"));
    }

    @Test
    void aLinkExpiresAfterItsValidityEvenForARememberedBrowser() throws Exception {
        Sent sent = sendSecurely("Your referral is ready.");
        String cookie = cookieOf(post("/s/" + sent.token() + "/check", null, "dob", BORN.toString()));
        clock.advance(Duration.ofDays(10).plusSeconds(1)); // past the stored expiry (microseconds, rounded)
        HttpResponse<String> expired = get("/s/" + sent.token(), cookie);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("expired").doesNotContain("referral");
        assertThat(post("/s/" + sent.token() + "/check", null, "dob", BORN.toString()).statusCode()).isEqualTo(410);
    }

    @Test
    void anUnopenedMessageIsRemindedAfterOneAndThreeDaysThenNeverAgain() {
        Sent sent = sendSecurely("Please book your follow-up.");
        reminders.run();
        assertThat(texts(sent.phone())).hasSize(1);

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        reminders.run();
        reminders.run(); // a second run (another node's, or a repeat) reminds nobody twice
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(texts(sent.phone())).hasSize(2));
        String reminder = texts(sent.phone()).getLast().body();
        assertThat(reminder).startsWith("Reminder: Front Range Family Medicine sent you a secure message")
                .contains("/s/" + sent.token()).doesNotContain("follow-up");

        clock.advance(Duration.ofDays(1));
        reminders.run();
        clock.advance(Duration.ofDays(1));
        reminders.run();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(texts(sent.phone())).hasSize(3));
        clock.advance(Duration.ofDays(4));
        reminders.run();
        queueDrained(sent);
        assertThat(texts(sent.phone())).as("two reminders, then no more").hasSize(3);
        assertThat(audited("SECURE_REMINDER_QUEUED", linkId(sent.messageId()))).hasSize(2);
    }

    @Test
    void anOpenedMessageIsNotReminded() throws Exception {
        Sent sent = sendSecurely("Your prescription is ready.");
        String cookie = cookieOf(post("/s/" + sent.token() + "/check", null, "dob", BORN.toString()));
        get("/s/" + sent.token(), cookie);
        clock.advance(Duration.ofDays(2));
        reminders.run();
        queueDrained(sent);
        assertThat(texts(sent.phone())).hasSize(1);
    }

    @Test
    void aGuardianOpensADependentsMessageWithTheDependentsDateOfBirth() throws Exception {
        String phone = newPhone();
        ContactSummary guardian = contacts.createPatient("admin",
                new PatientDetails("Elena", "Vargas", LocalDate.of(1975, 2, 1), phone, null, null));
        ContactSummary child = families.addDependent("admin", guardian.id(),
                new PatientDetails("Mateo", "Vargas", LocalDate.of(2016, 9, 12), "", null, null));
        contacts.setPreferredLanguage("admin", guardian.id(), "es");
        Sent sent = sendTo(child.id(), phone, "Mateo's vaccination record is ready.");
        assertThat(texts(phone).getLast().body()).startsWith("Front Range Family Medicine le envió un mensaje seguro");

        String path = "/s/" + sent.token() + "/check";
        assertThat(post(path, null, "dob", "1975-02-01").body()).as("the guardian's own date does not open it")
                .contains("id=\"dob-error\"");
        HttpResponse<String> passed = post(path, null, "dob", "2016-09-12");
        assertThat(passed.statusCode()).isEqualTo(303);
        HttpResponse<String> page = get("/s/" + sent.token(), cookieOf(passed));
        assertThat(page.body()).contains("<html lang=\"es\"").contains("vaccination record is ready.")
                .contains("hreflang=\"en\"");
    }

    @Test
    void requestsToOneLinkAreLimitedPerWindow() throws Exception {
        Sent sent = sendSecurely("Rate limit.");
        int limited = 0;
        for (int i = 0; i < 15; i++) {
            if (get("/s/" + sent.token(), null).statusCode() == 429) {
                limited++;
            }
        }
        assertThat(limited).as("12 per window are served, the rest refused").isEqualTo(3);
        assertThat(db.sql("select count(*) from secure_rate where bucket like 'link:%'").query(Long.class).single())
                .isPositive();
        clock.advance(Duration.ofMinutes(11));
        assertThat(get("/s/" + sent.token(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void aContactWithoutADateOfBirthCannotBeSentASecureMessage() {
        String phone = newPhone();
        ContactSummary unknown = contacts.findOrCreateByPhone(phone);
        long conversation = conversations.conversationWith(nurse, unknown.id());
        assertThatThrownBy(() -> secure.send(nurse, conversation, "Results", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("date of birth");
        assertThat(db.sql("select count(*) from message where conversation_id = ?").param(conversation)
                .query(Long.class).single()).as("nothing stored").isZero();
    }

    @Test
    void aLinkKeepsWorkingWhenItsConversationIsCombinedIntoAnotherByAMerge() throws Exception {
        String keptPhone = newPhone();
        ContactSummary kept = contacts.createPatient("admin",
                new PatientDetails("Rosa", "Quintana", BORN, keptPhone, null, null));
        conversations.conversationWith(nurse, kept.id());
        String phone = newPhone();
        ContactSummary duplicate = contacts.createPatient("admin",
                new PatientDetails("Rosa", "Quintana-Diaz", BORN, phone, null, null));
        Sent sent = sendTo(duplicate.id(), phone, "Your scan is clear.");

        merging.merge("admin", kept.id(), duplicate.id(), EnumSet.noneOf(
                PatientField.class), false);

        long linkConversation = db.sql("select conversation_id from secure_link where message_id = ?")
                .param(sent.messageId()).query(Long.class).single();
        assertThat(db.sql("select conversation_id from message where id = ?").param(sent.messageId())
                .query(Long.class).single()).as("the link follows its message").isEqualTo(linkConversation);
        String cookie = cookieOf(post("/s/" + sent.token() + "/check", null, "dob", BORN.toString()));
        assertThat(get("/s/" + sent.token(), cookie).body()).contains("Your scan is clear.");
    }

    /**
     * Waits until every text queued in the conversation has been handed to the carrier: what the reminder job queued
     * (it runs in the calling thread and commits) has then reached the phone, and nothing else will.
     */
    private void queueDrained(Sent sent) {
        await().atMost(Duration.ofSeconds(15)).until(() -> db.sql("select count(*) from message where "
                        + "conversation_id = ? and direction = 'OUTBOUND' and status in ('QUEUED', 'SENDING')")
                .param(sent.conversationId()).query(Long.class).single() == 0);
    }
}
