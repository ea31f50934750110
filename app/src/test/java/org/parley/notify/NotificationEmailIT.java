package org.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.assignment.AssignmentService;
import org.parley.conversation.ConversationService;
import org.parley.conversation.MessageView;
import org.parley.conversation.Notes;
import org.parley.inbox.InboxFixtures;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.PatientDetails;
import org.parley.security.Role;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.testsupport.MutableClock;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Notification e-mails through a real SMTP server (GreenMail, in-process): who gets one, what it says (never who
 * wrote or what), the quiet period, and an SMTP server that is down. A recognisable patient writes each time, so
 * any PHI in a mail would show.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:notify-email;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.public-base-url=https://parley.example.org",
        "parley.notify.email-quiet-period=10m",
        "spring.mail.host=127.0.0.1",
        "logging.level.org.parley=DEBUG"})
@Import(MutableClock.Config.class)
class NotificationEmailIT {

    private static final String FIRST = "Zelphira";
    private static final String LAST = "Quixotica";
    private static final LocalDate BORN = LocalDate.of(1961, 7, 14);
    private static final String TEXT = "my rash ZQ-8841 got worse overnight";

    static GreenMail smtp;
    static int smtpPort;

    @Autowired
    ApplicationContext context;
    @Autowired
    StaffFixtures fixtures;
    @Autowired
    StaffDirectory directory;
    @Autowired
    ListService lists;
    @Autowired
    ContactService contacts;
    @Autowired
    ConversationService conversations;

    @Autowired
    Notes notes;
    @Autowired
    AssignmentService assignments;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    NotificationPreferences preferences;
    @Autowired
    NotifyFixtures queues;
    @Autowired
    MutableClock clock;

    StaffMember ada;
    StaffMember dana;
    StaffMember sam;

    @BeforeAll
    static void startSmtpServer() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        smtpPort = smtp.getSmtp().getPort();
    }

    @AfterAll
    static void stopSmtpServer() {
        smtp.stop();
    }

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> smtpPort);
    }

    @BeforeEach
    void team() throws Exception {
        asAdmin("ada");
        fixtures.firstAdmin("ada", "Ada Admin", "a long enough password");
        ada = directory.findByUsername("ada").orElseThrow();
        dana = fixtures.account("dana", "Dana Front", "a long enough password", Role.STAFF);
        sam = fixtures.account("sam", "Sam Nurse", "a long enough password", Role.STAFF);
        directory.setEmail(TestStaff.named("ada"), ada.id(), "ada@practice.example.org");
        directory.setEmail(TestStaff.named("ada"), dana.id(), "dana@practice.example.org");
        directory.setEmail(TestStaff.named("ada"), sam.id(), "sam@practice.example.org");
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
        context.getBean(SecurityContextHolderStrategy.class).clearContext();
    }

    @Test
    void aPatientTextInAListEmailsTheSubscriberWhoChoseEmailAndNotTheOneWhoDidNot() throws Exception {
        InboxListSummary frontDesk = listWith(ada, dana);
        preferences.chooseForList(ada, frontDesk.id(), new Channels(true, false));
        preferences.chooseForList(dana, frontDesk.id(), new Channels(false, true));
        String phone = number();
        ContactSummary patient = recognisablePatient(phone);

        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, TEXT);

        List<MimeMessage> mails = mails();
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.getFirst();
        long conversation = conversations.conversationWith(ada, patient.id());
        assertThat(recipients(mail)).containsExactly("ada@practice.example.org");
        assertThat(mail.getSubject()).isEqualTo("New message in " + frontDesk.name());
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("New message in " + frontDesk.name())
                .contains("https://parley.example.org/inbox/" + conversation);
        assertNoPhi(mail, phone);
    }

    @Test
    void aMessageInAnAssignedConversationEmailsTheAssigneeNotTheListsSubscribers() throws Exception {
        InboxListSummary frontDesk = listWith(ada, dana);
        preferences.chooseForList(ada, frontDesk.id(), new Channels(true, false));
        preferences.chooseForList(dana, frontDesk.id(), new Channels(true, false));
        preferences.chooseForMyInbox(sam, new Channels(true, false));
        String phone = number();
        ContactSummary patient = recognisablePatient(phone);
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, TEXT);
        long conversation = conversations.conversationWith(ada, patient.id());
        assignments.assignToStaff(ada, conversation, Set.of(sam.id()), AssignmentService.ANY);
        assertThat(mails()).hasSize(2);
        smtp.purgeEmailFromAllMailboxes();

        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, "and it itches");

        List<MimeMessage> mails = mails();
        assertThat(mails).hasSize(1);
        assertThat(recipients(mails.getFirst())).containsExactly("sam@practice.example.org");
        assertThat(mails.getFirst().getSubject()).isEqualTo("New message in your inbox");
        assertThat(GreenMailUtil.getBody(mails.getFirst()))
                .contains("https://parley.example.org/inbox/" + conversation);
        assertNoPhi(mails.getFirst(), phone);
    }

    @Test
    void aTextFromABlockedNumberEmailsNobody() throws Exception {
        InboxListSummary frontDesk = listWith(ada, dana);
        preferences.chooseForList(ada, frontDesk.id(), new Channels(true, true));
        preferences.chooseForMyInbox(ada, new Channels(true, true));
        String phone = number();
        ContactSummary patient = recognisablePatient(phone);
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, "BUY CHEAP PILLS");
        assertThat(mails()).hasSize(1);
        smtp.purgeEmailFromAllMailboxes();
        assignments.block(ada, conversations.conversationWith(ada, patient.id()));
        clock.advance(Duration.ofMinutes(11));

        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, "BUY CHEAP PILLS NOW");

        assertThat(mails()).isEmpty();
    }

    @Test
    void aMentionEmailsTheColleagueWhoChoseItOnceAndNobodyElse() throws Exception {
        InboxListSummary frontDesk = listWith(ada, dana);
        String phone = number();
        ContactSummary patient = recognisablePatient(phone);
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, TEXT);
        long conversation = conversations.conversationWith(ada, patient.id());
        preferences.chooseForMentions(dana, true);
        preferences.chooseForMentions(sam, false);
        preferences.chooseForMentions(ada, true);
        assertThat(mails()).as("nobody chose e-mail for %s", frontDesk.name()).isEmpty();

        notes.addNote(ada, conversation, "@dana @sam @ada can one of you call " + FIRST + " back?");

        List<MimeMessage> mails = mails();
        assertThat(mails).hasSize(1);
        assertThat(recipients(mails.getFirst())).containsExactly("dana@practice.example.org");
        assertThat(mails.getFirst().getSubject()).isEqualTo("You were mentioned in a conversation");
        assertThat(GreenMailUtil.getBody(mails.getFirst()))
                .contains("https://parley.example.org/inbox/" + conversation);
        assertNoPhi(mails.getFirst(), phone);
    }

    @Test
    void aBurstOfTextsSendsOneEmailPerConversationUntilTheQuietPeriodHasPassed() throws Exception {
        InboxListSummary frontDesk = listWith(ada);
        preferences.chooseForList(ada, frontDesk.id(), new Channels(true, false));
        String phone = number();
        ContactSummary patient = recognisablePatient(phone);

        for (int i = 0; i < 10; i++) {
            inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, TEXT + " " + i);
            clock.advance(Duration.ofSeconds(20));
        }
        assertThat(mails()).hasSize(1);

        String otherPhone = number();
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), otherPhone, "another patient");
        assertThat(mails()).as("another conversation has its own quiet period").hasSize(2);

        clock.advance(Duration.ofMinutes(7));
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, "still here");
        List<MimeMessage> mails = mails();
        assertThat(mails).hasSize(3);
        assertThat(GreenMailUtil.getBody(mails.getLast()))
                .contains("/inbox/" + conversations.conversationWith(ada, patient.id()));
    }

    @Test
    void whenTheMailServerIsDownTheInboxStillWorksAndTheFailureIsLoggedWithoutPhi(CapturedOutput output)
            throws Exception {
        InboxListSummary frontDesk = listWith(ada);
        preferences.chooseForList(ada, frontDesk.id(), new Channels(true, false));
        String phone = number();
        ContactSummary patient = recognisablePatient(phone);
        smtp.stop();
        try {
            inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, TEXT);
            queues.awaitQueued(Duration.ofSeconds(30));
        } finally {
            smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }

        long conversation = conversations.conversationWith(ada, patient.id());
        assertThat(conversations.thread(conversation, 0, 10)).extracting(MessageView::body).contains(TEXT);
        String logs = output.getAll();
        assertThat(logs).contains("Notification e-mail to staff member " + ada.id() + " about conversation "
                + conversation + " failed");
        for (String secret : phi(phone)) {
            assertThat(logs).as("the logs must not contain '%s'", secret).doesNotContainIgnoringCase(secret);
        }

        // The failed e-mail did not count: the next text is e-mailed although the quiet period has not passed.
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, "hello?");
        assertThat(mails()).hasSize(1);
    }

    private InboxListSummary listWith(StaffMember... members) {
        InboxListSummary list = lists.create(TestStaff.named("ada"), "Front Desk " + UUID.randomUUID().toString().substring(0, 8));
        lists.setMembers(TestStaff.named("ada"), list.id(), Arrays.stream(members).map(StaffMember::id)
                .collect(Collectors.toSet()));
        lists.setDefaultList(TestStaff.named("ada"), "sandbox", list.id());
        return list;
    }

    private ContactSummary recognisablePatient(String phone) {
        return contacts.createPatient("ada", new PatientDetails(FIRST, LAST, BORN, phone,
                "MRN-ZQ-" + phone.substring(8), "allergic to penicillin"));
    }

    private static String number() {
        return "+1929203" + ThreadLocalRandom.current().nextInt(1000, 9999);
    }

    /** Every e-mail received so far, once every notification queued so far was sent. */
    private List<MimeMessage> mails() throws Exception {
        queues.awaitQueued(Duration.ofSeconds(30));
        return List.of(smtp.getReceivedMessages());
    }

    private static List<String> recipients(MimeMessage mail) throws Exception {
        return Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    }

    private static List<String> phi(String phone) {
        String national = phone.substring(2);
        return List.of(FIRST, LAST, national, national.substring(0, 3) + ") " + national.substring(3, 6),
                national.substring(3, 6) + "-" + national.substring(6), "1961", "07/14", "ZQ-8841", "MRN-ZQ",
                "penicillin", "rash");
    }

    private static void assertNoPhi(MimeMessage mail, String phone) throws Exception {
        String whole = mail.getSubject() + "\n" + GreenMailUtil.getWholeMessage(mail);
        for (String secret : phi(phone)) {
            assertThat(whole).as("the e-mail must not contain '%s'", secret).doesNotContainIgnoringCase(secret);
        }
    }

    private void asAdmin(String username) {
        var authentication = UsernamePasswordAuthenticationToken.authenticated(username, null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
        var security = SecurityContextHolder.createEmptyContext();
        security.setAuthentication(authentication);
        SecurityContextHolder.setContext(security);
        context.getBean(SecurityContextHolderStrategy.class).setContext(security);
    }
}
