package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.textfield.TextArea;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.conversation.ConversationService;
import org.parley.inbox.InboxFixtures;
import org.parley.inbox.InboxService;
import org.parley.patient.ContactService;
import org.parley.patient.PatientDetails;
import org.parley.security.StaffDirectory;
import org.parley.template.TemplateSummary;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;

/** A template picked in the reply box is filled in for the conversation and inserted, never sent. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:insert-template;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}", "parley.practice.name=Amboy Family Practice"})
class InsertTemplateTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    ContactService contacts;
    @Autowired
    ConversationService conversations;
    @Autowired
    InboxService inboxViews;
    @Autowired
    AuditEntries audit;

    @BeforeEach
    void loggedIn() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
    }

    private long conversationOf(String number, String text) {
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number, text);
        return inboxViews.openConversations(directory.findByUsername("admin").orElseThrow(), 0, 50).stream()
                .filter(row -> row.preview().equals(text)).findFirst().orElseThrow().id();
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<TemplateSummary> picker(String box) {
        return _get(ComboBox.class, spec -> spec.withId("template-for-" + box));
    }

    @Test
    void aTemplateChosenByNameIsFilledInForThePatientAndLandsInTheEmptyReplyBoxWithoutBeingSent() {
        contacts.createPatient("admin", new PatientDetails("Maria", "Lopez", LocalDate.of(1984, 3, 9),
                "(929) 205-7001", null, null));
        long id = conversationOf("+19292057001", "I left you a voicemail " + UUID.randomUUID());
        UI.getCurrent().navigate("inbox/" + id);
        long messagesBefore = conversations.countMessages(id);
        long queuedBefore = audit.newest("MESSAGE_QUEUED", PageRequest.of(0, 1000)).size();

        ComboBox<TemplateSummary> picker = picker("reply");
        ComboBoxKt.setUserInput(picker, "voicem");
        assertThat(ComboBoxKt.getSuggestions(picker)).containsExactly("Reply to a voicemail");
        ComboBoxKt.selectByLabel(picker, "Reply to a voicemail");

        TextArea reply = _get(TextArea.class, spec -> spec.withId("reply"));
        assertThat(reply.getValue()).isEqualTo("Hi Maria, this is Ada at Amboy Family Practice. We got your "
                + "voicemail. We answer voicemails by text, so you can simply reply to this message. Reply STOP to "
                + "opt out of texts.");
        assertThat(picker.getValue()).isNull();
        assertThat(conversations.countMessages(id)).isEqualTo(messagesBefore);
        assertThat(audit.newest("MESSAGE_QUEUED", PageRequest.of(0, 1000))).hasSize((int) queuedBefore);

        // Still the staff member's text to edit, sent only when they send it.
        _setValue(reply, reply.getValue().replace("simply ", ""));
        assertThat(_get(Button.class, spec -> spec.withId("send")).isEnabled()).isTrue();
    }

    @Test
    void aPatientWhoseNameIsNotKnownGetsAVisibleGapToFillIn() {
        long id = conversationOf("+19292057002", "hello? " + UUID.randomUUID());
        UI.getCurrent().navigate("inbox/" + id);

        ComboBoxKt.selectByLabel(picker("reply"), "Acknowledge message");

        assertThat(_get(TextArea.class, spec -> spec.withId("reply")).getValue())
                .startsWith("Hi [patient first name], thank you for your message.")
                .endsWith("someone at Amboy Family Practice will get back to you as soon as we can. Ada");
    }

    @Test
    void aTemplateWorksInAnInternalNoteTooAndIsNotAddedByItself() {
        contacts.createPatient("admin", new PatientDetails("Ben", "Okafor", LocalDate.of(1990, 1, 2),
                "(929) 205-7003", null, null));
        long id = conversationOf("+19292057003", "Is the lab open on Saturday? " + UUID.randomUUID());
        UI.getCurrent().navigate("inbox/" + id);
        ConversationPanel panel = _get(InboxView.class).panel;
        panel.composerTabs.setSelectedTab(panel.noteTab);
        long messagesBefore = conversations.countMessages(id);

        ComboBoxKt.selectByLabel(picker("note"), "Acknowledge message");

        assertThat(panel.noteComposer.note.getValue()).startsWith("Hi Ben, thank you for your message.");
        assertThat(panel.reply.getValue()).isEmpty();
        assertThat(conversations.countMessages(id)).isEqualTo(messagesBefore);
    }
}
