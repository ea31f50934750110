package org.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.compliance.ConsentService;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageView;
import org.parley.conversation.Replies;
import org.parley.inbox.InboxFixtures;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.patient.ContactService;
import org.parley.patient.PatientDetails;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.simulator.PhoneEntry;
import org.parley.simulator.SandboxCarrier;
import org.parley.tag.Tag;
import org.parley.tag.TagColour;
import org.parley.tag.TagService;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Issue 17, Klara's reason picker: the first automatic reply of a new conversation asks the patient to answer 1, 2 or
 * 3; the answer (also " 2 " or "2.") places the conversation as the reason says and is acknowledged; anything else
 * leaves it where it is; asked once, answered once, never of numbers that may not be texted, never in answer to
 * STOP/START/HELP. The line has no office hours here, so no after-hours reply mixes in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:reasonpicker;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.outbound.poll-interval=200ms",
        "parley.outbound.messages-per-second-per-line=50"})
@WithMockUser(username = "admin", roles = "ADMIN")
class ReasonPickerIT {

    static final String QUESTION = "To get your message to the right person, reply with a number:";

    @Autowired
    ReasonPickers pickers;
    @Autowired
    ListService lists;
    @Autowired
    TagService tags;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    ConversationService conversations;
    @Autowired
    Replies replies;
    @Autowired
    StaffDirectory directory;
    @Autowired
    ContactService contacts;
    @Autowired
    ConsentService consent;
    @Autowired
    SandboxCarrier carrier;
    @Autowired
    AuditEntries audit;
    @Autowired
    JdbcTemplate jdbc;

    StaffMember admin;
    InboxListSummary pharmacy;
    InboxListSummary frontDesk;
    Tag appointment;
    Tag billing;
    ReasonPicker picker;

    @BeforeEach
    void theSandboxLineAsksRefillAppointmentOrBilling() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        admin = directory.findByUsername("admin").orElseThrow();
        String run = UUID.randomUUID().toString().substring(0, 6);
        pharmacy = lists.create(TestStaff.named("admin"), "Pharmacy " + run);
        frontDesk = lists.create(TestStaff.named("admin"), "Front desk " + run);
        appointment = tags.create(TestStaff.named("admin"), "Appt " + run, TagColour.values()[0]);
        billing = tags.create(TestStaff.named("admin"), "Billing " + run, TagColour.values()[1]);
        picker = pickers.save(TestStaff.named("admin"), new ReasonPicker("sandbox", QUESTION, List.of(
                new ReasonPicker.Reason(1, "Refill", pharmacy.id(), null),
                new ReasonPicker.Reason(2, "Appointment", frontDesk.id(), appointment.id()),
                new ReasonPicker.Reason(3, "Billing", null, billing.id()))));
    }

    private static String newPhone() {
        // an exchange from 200 up (a valid number a patient can be given), never ending in 0000 (the sandbox does not
        // deliver those)
        return "+19292" + String.format("%06d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000)
                .replaceAll("0000$", "0001");
    }

    private void texts(String phone, String text) {
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, text);
    }

    private long conversationOf(String phone) {
        return jdbc.queryForObject("select c.id from conversation c join contact p on p.id = c.contact_id "
                + "where p.phone_number = ? order by c.id desc fetch first 1 rows only", Long.class, phone);
    }

    private List<MessageView> sentTo(String phone) {
        return conversations.thread(conversationOf(phone), 0, 100).stream()
                .filter(m -> m.direction() == Direction.OUTBOUND).toList();
    }

    private Long listOf(String phone) {
        return jdbc.queryForObject("select assigned_list_id from conversation where id = ?", Long.class,
                conversationOf(phone));
    }

    private List<String> tagsOf(String phone) {
        return tags.tagsOf(conversationOf(phone)).stream().map(Tag::name).toList();
    }

    private List<PhoneEntry> received(String phone) {
        return carrier.phone(phone, 50).stream().filter(entry -> !entry.fromPhone()).toList();
    }

    @Test
    void aNewConversationIsAskedOnceAndTheAnswerRoutesItAndIsAcknowledged() {
        String phone = newPhone();
        texts(phone, "Hi, a question about my medication");

        String asked = QUESTION + "\n1 Refill\n2 Appointment\n3 Billing";
        assertThat(sentTo(phone)).singleElement().satisfies(question -> {
            assertThat(question.body()).isEqualTo(asked);
            assertThat(question.authorName()).as("shown as Parley's automatic message").isNull();
        });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(received(phone))
                .extracting(PhoneEntry::body).containsExactly(asked));

        texts(phone, "hello?");
        assertThat(sentTo(phone)).as("asked once; any other answer leaves it where it is").hasSize(1);
        assertThat(listOf(phone)).isNull();

        texts(phone, " 2 ");
        assertThat(listOf(phone)).isEqualTo(frontDesk.id());
        assertThat(tagsOf(phone)).containsExactly(appointment.name());
        assertThat(sentTo(phone)).extracting(MessageView::body).containsExactly(asked,
                "Thank you: we have passed your message on (Appointment).");
        assertThat(audit.newest("CONVERSATION_ROUTED", PageRequest.of(0, 5))).anySatisfy(entry -> {
            assertThat(entry.targetId()).isEqualTo(String.valueOf(conversationOf(phone)));
            assertThat(entry.detail()).contains("reason picker");
        });

        texts(phone, "1");
        assertThat(listOf(phone)).as("answered once").isEqualTo(frontDesk.id());
        assertThat(sentTo(phone)).hasSize(2);
    }

    @Test
    void aNumberWithAFullStopCountsAndATagOnlyReasonLeavesTheList() {
        String dotted = newPhone();
        texts(dotted, "Hello");
        texts(dotted, "1.");
        assertThat(listOf(dotted)).isEqualTo(pharmacy.id());
        assertThat(tagsOf(dotted)).isEmpty();

        String tagOnly = newPhone();
        texts(tagOnly, "Hello");
        texts(tagOnly, "3)");
        assertThat(listOf(tagOnly)).isNull();
        assertThat(tagsOf(tagOnly)).containsExactly(billing.name());
        assertThat(sentTo(tagOnly)).last().extracting(MessageView::body)
                .isEqualTo("Thank you: we have passed your message on (Billing).");
    }

    @Test
    void otherAnswersLeaveItUnroutedAndOnceStaffWroteANumberIsNoAnswer() {
        String phone = newPhone();
        texts(phone, "Hello");
        texts(phone, "I need my refill");
        texts(phone, "12");
        texts(phone, "4");
        assertThat(listOf(phone)).isNull();
        assertThat(tagsOf(phone)).isEmpty();
        assertThat(sentTo(phone)).hasSize(1);

        replies.reply(admin, conversationOf(phone), "How many tablets do you have left?");
        texts(phone, "2");
        assertThat(listOf(phone)).as("a person took it over").isNull();
        assertThat(tagsOf(phone)).isEmpty();
    }

    @Test
    void neverAskedInAnswerToStopStartOrHelpNorOfOptedOutOrDoNotTextNumbers() {
        String stop = newPhone();
        texts(stop, "STOP");
        texts(stop, "2");
        assertThat(sentTo(stop)).extracting(MessageView::body).noneMatch(body -> body.startsWith(QUESTION));
        assertThat(listOf(stop)).isNull();

        String help = newPhone();
        texts(help, "HELP");
        assertThat(sentTo(help)).extracting(MessageView::body).noneMatch(body -> body.startsWith(QUESTION));

        String optedOut = newPhone();
        consent.optOut("sandbox", optedOut, "test");
        texts(optedOut, "Hello");
        assertThat(sentTo(optedOut)).isEmpty();

        String doNotText = newPhone();
        long contact = contacts.createPatient("admin", new PatientDetails("Dee", "Nott", LocalDate.of(1970, 1, 1),
                doNotText, null, null)).id();
        contacts.markDoNotText("admin", contact, "asked by phone");
        texts(doNotText, "Hello");
        assertThat(sentTo(doNotText)).isEmpty();
    }

    @Test
    void aConversationStaffStartedIsNoNewConversationAndALineWithoutAPickerAsksNothing() {
        String phone = newPhone();
        long patient = contacts.createPatient("admin", new PatientDetails("Al", "Ray", LocalDate.of(1980, 1, 1),
                phone, null, null)).id();
        long started = conversations.conversationWith(admin, patient);
        replies.reply(admin, started, "Your results are in.");
        texts(phone, "Thanks!");
        assertThat(sentTo(phone)).extracting(MessageView::body).containsExactly("Your results are in.");

        pickers.turnOff(TestStaff.named("admin"), "sandbox");
        String other = newPhone();
        texts(other, "Hello");
        assertThat(sentTo(other)).isEmpty();
        assertThat(pickers.forLine("sandbox")).isEmpty();
    }

    @Test
    void twoFirstTextsArrivingTogetherAreAskedOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            String phone = newPhone();
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<Void>> both = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                both.add(CompletableFuture.runAsync(() -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    texts(phone, "at once");
                }));
            }
            CompletableFuture.allOf(both.toArray(CompletableFuture[]::new)).get();
            assertThat(sentTo(phone)).hasSize(1);
        }
    }

    @Test
    void aMistakeInThePickerIsNamedAndNothingIsStored() {
        assertThatThrownBy(() -> pickers.save(TestStaff.named("admin"), new ReasonPicker("sandbox", QUESTION, List.of(
                new ReasonPicker.Reason(1, "Refill", pharmacy.id(), null)))))
                .hasMessage("Name two or three reasons: the patient answers 1, 2 or 3.");
        assertThatThrownBy(() -> pickers.save(TestStaff.named("admin"), new ReasonPicker("sandbox", QUESTION, List.of(
                new ReasonPicker.Reason(1, "Refill", pharmacy.id(), null),
                new ReasonPicker.Reason(2, "Other", null, null)))))
                .hasMessage("Reason 2 (Other) needs a list to put the conversation in, a tag, or both.");
        assertThatThrownBy(() -> pickers.save(TestStaff.named("admin"), new ReasonPicker("sandbox", " ", picker.reasons())))
                .hasMessageStartingWith("Write the question");
        assertThat(pickers.forLine("sandbox")).contains(picker);
        assertThat(ReasonPickers.answer(" 2 ")).hasValue(2);
        assertThat(ReasonPickers.answer("2.")).hasValue(2);
        assertThat(ReasonPickers.answer("22")).isEmpty();
        assertThat(ReasonPickers.answer("2 please")).isEmpty();
    }
}
