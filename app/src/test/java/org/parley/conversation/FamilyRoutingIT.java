package org.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.Families;
import org.parley.patient.NumberInUseException;
import org.parley.patient.Organisations;
import org.parley.patient.PatientDetails;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.simulator.SandboxCarrier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;

/** A family shares the guardian's number: who a text is about decides where it lands. Over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:family;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.outbound.poll-interval=200ms"})
class FamilyRoutingIT {

    @Autowired
    ContactService contacts;

    @Autowired

    Families families;

    @Autowired

    Organisations organisations;
    @Autowired
    ConversationService conversations;

    @Autowired
    MessageMoves moves;

    @Autowired
    Replies replies;
    @Autowired
    SandboxCarrier carrier;
    @Autowired
    StaffDirectory directory;
    @Autowired
    AuditEntries audit;

    StaffMember staff;

    @BeforeEach
    void aNurseIsOnDuty() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("nurse", "Nina Nurse", "a long enough password");
        }
        staff = directory.findByUsername("nurse").orElseThrow();
    }

    private List<String> bodies(long conversationId) {
        return conversations.thread(conversationId, 0, 50).stream().map(MessageView::body).toList();
    }

    @Test
    void aGuardiansTextLandsInTheConversationTheyAreAnsweringElseInTheirOwn() {
        ContactSummary maria = contacts.createPatient("nurse", new PatientDetails("Maria", "Lopez",
                LocalDate.of(1985, 4, 2), "(929) 203-4100", null, null));
        ContactSummary lily = families.addDependent("nurse", maria.id(), new PatientDetails("Lily", "Lopez",
                LocalDate.of(2019, 8, 30), "", null, null));
        long mariasOwn = conversations.conversationWith(staff, maria.id());
        long lilys = conversations.conversationWith(staff, lily.id());

        carrier.textPractice("sandbox", "+19292034100", "Hi, a question about my own bill", null, null, null);
        assertThat(bodies(mariasOwn)).contains("Hi, a question about my own bill");

        replies.reply(staff, lilys, "Lily's check-up is Thursday at 3.");
        await().atMost(Duration.ofSeconds(15)).until(() -> carrier.receivedCount("+19292034100") == 1);
        assertThat(conversations.header(lilys).textedVia()).isEqualTo("Maria Lopez");

        carrier.textPractice("sandbox", "+19292034100", "Thanks, we'll be there", null, null, null);

        assertThat(bodies(lilys)).contains("Thanks, we'll be there");
        assertThat(bodies(mariasOwn)).doesNotContain("Thanks, we'll be there");
    }

    @Test
    void aVoicemailFromTheSharedNumberAlwaysLandsInTheGuardiansOwnConversationAndCanBeMoved() {
        ContactSummary ann = contacts.createPatient("nurse", new PatientDetails("Ann", "Parent",
                LocalDate.of(1950, 1, 1), "(929) 203-4300", null, null));
        ContactSummary ben = families.addDependent("nurse", ann.id(), new PatientDetails("Ben", "Parent",
                LocalDate.of(2015, 2, 2), "", null, null));
        long bens = conversations.conversationWith(staff, ben.id());
        replies.reply(staff, bens, "Ben's results are in.");
        await().atMost(Duration.ofSeconds(15)).until(() -> carrier.receivedCount("+19292034300") == 1);

        carrier.leaveVoicemail("sandbox", "+19292034300", "audio/mpeg", "vm.mp3", new byte[] {1, 2},
                "Calling about Ben's results", false);

        long anns = conversations.conversationWith(staff, ann.id());
        MessageView voicemail = conversations.thread(anns, 0, 50).stream()
                .filter(m -> m.direction() == Direction.VOICEMAIL).findFirst().orElseThrow();

        long moved = moves.moveMessage(staff, voicemail.id(), ben.id());

        assertThat(moved).isEqualTo(bens);
        assertThat(bodies(bens)).contains("Calling about Ben's results")
                .anySatisfy(b -> assertThat(b).startsWith("A message was moved here from Ann Parent's conversation"));
        assertThat(bodies(anns)).doesNotContain("Calling about Ben's results")
                .anySatisfy(b -> assertThat(b).startsWith("A message was moved to Ben Parent's conversation"));
        assertThat(audit.newest("MESSAGE_MOVED", PageRequest.of(0, 10))).isNotEmpty();
    }

    @Test
    void aMessageCannotBeMovedOutsideTheFamily() {
        ContactSummary solo = contacts.createPatient("nurse", new PatientDetails("Sol", "Alone",
                LocalDate.of(1970, 1, 1), "(929) 203-4400", null, null));
        ContactSummary stranger = contacts.createPatient("nurse", new PatientDetails("Stan", "Ger",
                LocalDate.of(1971, 1, 1), "(929) 203-4401", null, null));
        carrier.textPractice("sandbox", "+19292034400", "Private", null, null, null);
        long sols = conversations.conversationWith(staff, solo.id());
        long message = conversations.thread(sols, 0, 10).get(0).id();

        assertThatThrownBy(() -> moves.moveMessage(staff, message, stranger.id()))
                .hasMessageContaining("same family");
    }

    @Test
    void aSecondPatientOnAFamilyNumberIsRefusedAndCanBeLinkedAsADependentInstead() {
        ContactSummary dad = contacts.createPatient("nurse", new PatientDetails("Dan", "Dad",
                LocalDate.of(1966, 6, 6), "(929) 203-4500", null, null));
        assertThatThrownBy(() -> contacts.createPatient("nurse", new PatientDetails("Gran", "Ma",
                LocalDate.of(1940, 1, 1), "929-203-4500", null, null))).isInstanceOf(NumberInUseException.class);
        ContactSummary gran = contacts.createPatient("nurse", new PatientDetails("Gran", "Ma",
                LocalDate.of(1940, 1, 1), "929-203-4599", null, null));

        ContactSummary linked = families.linkAsDependent("nurse", dad.id(), gran.id());

        assertThat(linked.guardianId()).isEqualTo(dad.id());
        assertThat(contacts.textNumber(gran.id())).contains("+19292034500");
        assertThat(contacts.family(gran.id())).extracting(ContactSummary::id).containsExactly(dad.id(), gran.id());
    }

    @Test
    void aPharmacyIsAContactWithItsOwnConversationUnderItsName() {
        ContactSummary pharmacy = organisations.createOrganisation("nurse", "Walgreens Pharmacy 7001 Amboy Rd.",
                "pharmacy", "(929) 203-4600");

        carrier.textPractice("sandbox", "+19292034600", "Prior authorization needed for patient DOB 1/2/1950",
                null, null, null);

        long conversation = conversations.conversationWith(staff, pharmacy.id());
        assertThat(conversations.header(conversation).contactName()).isEqualTo("Walgreens Pharmacy 7001 Amboy Rd.");
        assertThat(bodies(conversation)).contains("Prior authorization needed for patient DOB 1/2/1950");
        assertThat(contacts.searchPatients("Walgreens", 0, 10)).isEmpty();

        ContactSummary patient = contacts.createPatient("nurse", new PatientDetails("Paula", "Prior",
                LocalDate.of(1950, 1, 2), "(929) 203-4601", null, null));
        long message = conversations.thread(conversation, 0, 10).get(0).id();
        long patients = moves.copyToPatient(staff, message, patient.id());

        assertThat(conversations.thread(patients, 0, 10)).anySatisfy(note -> {
            assertThat(note.direction()).isEqualTo(Direction.NOTE);
            assertThat(note.body()).isEqualTo(
                    "From Walgreens Pharmacy 7001 Amboy Rd.: Prior authorization needed for patient DOB 1/2/1950");
            assertThat(note.authorName()).isEqualTo("Nina Nurse");
        });
        assertThat(bodies(conversation)).anySatisfy(line ->
                assertThat(line).isEqualTo("Copied to Paula Prior's conversation by Nina Nurse."));
        assertThat(audit.newest("MESSAGE_COPIED", PageRequest.of(0, 10))).isNotEmpty();
    }
}
