package org.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.inbox.InboxFixtures;
import org.parley.inbox.InboxService;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.DoNotTextException;
import org.parley.patient.PatientDetails;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;

/** DO NOT TEXT and "delete account": what they stop, and what they keep. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:do-not-text;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class DoNotTextIT {

    @Autowired
    ContactService contacts;
    @Autowired
    ConversationService conversations;

    @Autowired
    Replies replies;
    @Autowired
    InboxService inboxViews;
    @Autowired
    InboxFixtures inbox;
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

    private long conversationWith(String phone, String text) {
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, text);
        return inboxViews.openConversations(staff, 0, 200).stream().filter(r -> r.preview().equals(text))
                .findFirst().orElseThrow().id();
    }

    @Test
    void doNotTextStopsSendingAndStopsAnyoneAddingTheNumberBackEvenAfterItWasDeleted() {
        ContactSummary patient = contacts.createPatient("nurse", new PatientDetails("Dana", "Quiet",
                LocalDate.of(1960, 1, 2), "(929) 203-7777", null, null));
        long conversation = conversationWith("+19292037777", "first " + UUID.randomUUID());

        contacts.markDoNotText("nurse", patient.id(), "asked in person not to be texted");

        assertThatThrownBy(() -> replies.reply(staff, conversation, "Hello"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Marked DO NOT TEXT by nurse (asked in person not to be texted): texts cannot be sent. "
                        + "Call the patient instead.");
        assertThat(conversations.header(conversation).canReply()).isFalse();

        contacts.deleteNumber("nurse", patient.id());
        assertThatThrownBy(() -> contacts.createPatient("frontdesk", new PatientDetails("Other", "Person",
                LocalDate.of(1990, 1, 1), "929-203-7777", null, null)))
                .isInstanceOf(DoNotTextException.class)
                .hasMessageContaining("DO NOT TEXT").hasMessageContaining("asked in person not to be texted");
        assertThat(audit.newest("DO_NOT_TEXT_SET", PageRequest.of(0, 10))).isNotEmpty();
    }

    @Test
    void deletingTheNumberKeepsTheHistoryButNothingCanBeSent() {
        ContactSummary patient = contacts.createPatient("nurse", new PatientDetails("Eli", "Gone",
                LocalDate.of(1975, 7, 7), "(929) 203-8888", null, null));
        String text = "history " + UUID.randomUUID();
        long conversation = conversationWith("+19292038888", text);

        contacts.deleteNumber("nurse", patient.id());

        assertThat(conversations.thread(conversation, 0, 10)).extracting(MessageView::body).contains(text);
        assertThat(conversations.header(conversation).whyNoReply())
                .isEqualTo("There is no cell phone on file: texts cannot be sent. "
                        + "Add one in Patient details, or call the patient.");
        assertThatThrownBy(() -> replies.reply(staff, conversation, "Still there?"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no cell phone on file");
        assertThat(audit.newest("PATIENT_NUMBER_DELETED", PageRequest.of(0, 10))).isNotEmpty();
    }

    @Test
    void editingAMarkedPatientsNameKeepsTheirOwnNumber() {
        ContactSummary patient = contacts.createPatient("nurse", new PatientDetails("Fay", "Marked",
                LocalDate.of(1982, 2, 2), "(929) 203-9991", null, null));
        contacts.markDoNotText("nurse", patient.id(), "patient request");

        ContactSummary renamed = contacts.updatePatient("nurse", patient.id(), new PatientDetails("Faye", "Marked",
                LocalDate.of(1982, 2, 2), "(929) 203-9991", null, null));

        assertThat(renamed.firstName()).isEqualTo("Faye");
        assertThat(renamed.phoneNumber()).isEqualTo("+19292039991");
    }
}
