package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.QueryParameters;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.assignment.AssignmentService;
import org.parley.audit.AuditEntries;
import org.parley.conversation.ConversationStatus;
import org.parley.inbox.ConversationRow;
import org.parley.inbox.InboxFixtures;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.patient.ContactService;
import org.parley.patient.Organisations;
import org.parley.patient.PatientDetails;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.MutableClock;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;

/** The front desk's working day in the inbox: lists, taking, notes and mentions, closing, deleting, BLOCKED. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:sharedinbox;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
@Import(MutableClock.Config.class)
class SharedInboxTest extends KaribuTest {

    @Autowired
    StaffFixtures staff;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    ListService lists;
    @Autowired
    AssignmentService assignments;
    @Autowired
    ContactService contacts;
    @Autowired
    Organisations organisations;
    @Autowired
    AuditEntries audit;
    @Autowired
    MutableClock clock;

    StaffMember ada;
    StaffMember dana;

    @BeforeEach
    void team() {
        staff.firstAdmin("ada", "Ada Admin", "a long enough password");
        ada = staff.account("ada", "Ada Admin", "a long enough password", Role.ADMIN);
        dana = staff.account("dana", "Dana Front", "a long enough password", Role.STAFF);
        loginAs("ada", "ADMIN");
    }

    private static String unique(String text) {
        return text + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String number() {
        return "+1929" + (2000000 + (int) (Math.random() * 7999999));
    }

    /** A list with Ada and Dana where the sandbox line's new conversations land. */
    private InboxListSummary frontDesk() {
        InboxListSummary list = lists.create(TestStaff.named("ada"), unique("Front Desk"));
        lists.setMembers(TestStaff.named("ada"), list.id(), Set.of(ada.id(), dana.id()));
        lists.setDefaultList(TestStaff.named("ada"), "sandbox", list.id());
        return list;
    }

    private InboxView inboxShowing(String viewKey) {
        UI.getCurrent().navigate("inbox", QueryParameters.of("view", viewKey));
        return _get(InboxView.class);
    }

    private static List<ConversationRow> rows(InboxView view) {
        List<ConversationRow> rows = new ArrayList<>();
        for (int i = 0; i < _size(view.list); i++) {
            rows.add(_get(view.list, i));
        }
        return rows;
    }

    private static ConversationRow row(InboxView view, String preview) {
        return rows(view).stream().filter(r -> r.preview().equals(preview)).findFirst()
                .orElseThrow(() -> new AssertionError("no conversation shows '" + preview + "'"));
    }

    private static boolean shows(InboxView view, String preview) {
        return rows(view).stream().anyMatch(r -> r.preview().equals(preview));
    }

    private long conversationOf(String preview) {
        return row(inboxShowing("all"), preview).id();
    }

    private List<String> threadTexts(InboxView view) {
        return _find(view.panel.thread, Span.class).stream().map(Span::getText).toList();
    }

    @Test
    void aNewPatientTextLandsInTheLinesListWithItsBadgeAndIsCountedUnread() {
        InboxListSummary list = frontDesk();
        String text = unique("Need a refill");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), text);

        InboxView view = inboxShowing("list-" + list.id());

        assertThat(view.title.getText()).isEqualTo(list.name());
        ConversationRow row = row(view, text);
        assertThat(row.assignment()).isEqualTo(list.name());
        assertThat(row.unseen()).isTrue();
        assertThat(view.count.getText()).contains("1 open").contains("1 unread");
        assertThat(view.views.buttons.get("list-" + list.id()).getSuffixComponent().getElement().getText())
                .isEqualTo("1 / 1");
    }

    @Test
    void takingAConversationMovesItFromTheListToMyInboxWithALineInTheThread() {
        InboxListSummary list = frontDesk();
        String text = unique("Question about my bill");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), text);
        InboxView view = inboxShowing("list-" + list.id());
        UI.getCurrent().navigate("inbox/" + row(view, text).id());

        _click(view.panel.assignment.assignToMe);

        assertThat(view.panel.assignment.assignedTo.getText()).isEqualTo("Assigned to Ada Admin");
        assertThat(threadTexts(view)).contains("Taken by Ada Admin.");
        roundtrip();
        assertThat(view.title.getText()).isEqualTo(list.name());
        assertThat(shows(view, text)).as("gone from the list's queue without a reload").isFalse();
        assertThat(shows(inboxShowing("list-" + list.id()), text)).isFalse();
        assertThat(row(inboxShowing("mine"), text).assignment()).isEqualTo("Ada Admin");
        assertThat(audit.newest("CONVERSATION_ASSIGNED", PageRequest.of(0, 100))).isNotEmpty();
    }

    @Test
    void whenAColleagueTookTheConversationMeanwhileTheyAreNamedAndNothingChanges() {
        frontDesk();
        String text = unique("Can someone call me");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), text);
        long id = conversationOf(text);
        UI.getCurrent().navigate("inbox/" + id);
        InboxView view = _get(InboxView.class);

        // Dana takes it while Ada still looks at the list's version of it.
        assignments.assignToMe(dana, id, 0);
        _click(view.panel.assignment.assignToMe);

        assertThat(view.panel.assignment.error.getText())
                .isEqualTo("Dana Front has taken this conversation. Nothing was changed.");
        assertThat(view.panel.assignment.assignedTo.getText()).isEqualTo("Assigned to Dana Front");
    }

    @Test
    void takingAConversationAColleagueHoldsAsksWhoHasItAndTakesItOnlyWhenConfirmed() {
        frontDesk();
        String text = unique("Who can help me");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), text);
        long id = conversationOf(text);
        assignments.assignToMe(dana, id, 0);
        // Ada's screen shows Dana's assignment already (as it does 300 ms after Dana's click, pushed).
        UI.getCurrent().navigate("inbox/" + id);
        InboxView view = _get(InboxView.class);
        assertThat(view.panel.assignment.assignedTo.getText()).isEqualTo("Assigned to Dana Front");

        _click(view.panel.assignment.assignToMe);

        assertThat(view.panel.assignment.takeover).as("asked first").isNotNull();
        assertThat(view.panel.assignment.takeover.isOpened()).isTrue();
        assertThat(_get(view.panel.assignment.takeover, Span.class).getText())
                .isEqualTo("Dana Front has this conversation. Take it over?");
        assertThat(view.panel.assignment.assignedTo.getText()).isEqualTo("Assigned to Dana Front");
        _click(_get(Button.class, spec -> spec.withId("takeover-cancel")));
        assertThat(view.panel.assignment.takeover.isOpened()).isFalse();
        assertThat(view.panel.assignment.assignedTo.getText()).as("cancelled").isEqualTo("Assigned to Dana Front");

        _click(view.panel.assignment.assignToMe);
        _click(_get(Button.class, spec -> spec.withId("takeover-confirm")));

        assertThat(view.panel.assignment.assignedTo.getText()).isEqualTo("Assigned to Ada Admin");
        assertThat(threadTexts(view)).contains("Taken by Ada Admin.");
        assertThat(audit.newest("CONVERSATION_TAKEN_OVER", PageRequest.of(0, 100)))
                .anyMatch(e -> e.targetId().equals(String.valueOf(id)));
    }

    @Test
    void puttingAColleaguesConversationIntoAListAsksWhoHasItAndMovesItOnlyWhenConfirmed() {
        frontDesk();
        InboxListSummary billing = lists.create(TestStaff.named("ada"), unique("Billing"));
        String text = unique("Is my bill right");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), text);
        long id = conversationOf(text);
        assignments.assignToMe(dana, id, 0);
        UI.getCurrent().navigate("inbox/" + id);
        InboxView view = _get(InboxView.class);
        assertThat(view.panel.assignment.assignedTo.getText()).isEqualTo("Assigned to Dana Front");

        _click(view.panel.assignment.assign);
        @SuppressWarnings("unchecked")
        ComboBox<InboxListSummary> list = _get(ComboBox.class, spec -> spec.withId("assign-list"));
        _setValue(list, billing);
        _click(_get(Button.class, spec -> spec.withId("assign-confirm")));

        assertThat(view.panel.assignment.takeover).as("asked first").isNotNull();
        assertThat(view.panel.assignment.takeover.isOpened()).isTrue();
        assertThat(_get(view.panel.assignment.takeover, Span.class).getText())
                .isEqualTo("Dana Front has this conversation. Take it over?");
        _click(_get(Button.class, spec -> spec.withId("takeover-cancel")));
        assertThat(view.panel.assignment.assignedTo.getText()).as("cancelled").isEqualTo("Assigned to Dana Front");
        assertThat(audit.newest("CONVERSATION_TAKEN_OVER", PageRequest.of(0, 100)))
                .noneMatch(e -> e.targetId().equals(String.valueOf(id)));

        _click(_get(Button.class, spec -> spec.withId("assign-confirm")));
        _click(_get(Button.class, spec -> spec.withId("takeover-confirm")));

        assertThat(view.panel.assignment.assignedTo.getText()).isEqualTo("Assigned to " + billing.name());
        assertThat(view.panel.assignment.dialog.isOpened()).as("the assign dialog closes too").isFalse();
        assertThat(threadTexts(view)).contains("Assigned to " + billing.name() + " by Ada Admin.");
        assertThat(audit.newest("CONVERSATION_TAKEN_OVER", PageRequest.of(0, 100)))
                .anyMatch(e -> e.targetId().equals(String.valueOf(id)) && e.detail().equals("from staff " + dana.id()));
    }

    @Test
    void escalatingAColleaguesConversationAsksWhoHasItAndEscalatesOnlyWhenConfirmed() {
        frontDesk();
        StaffMember olga = staff.account("olga", "Olga Ombud", "a long enough password", Role.STAFF);
        lists.setOmbudsman(TestStaff.named("ada"), olga.id());
        String text = unique("I want to complain now");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), text);
        long id = conversationOf(text);
        assignments.assignToMe(dana, id, 0);
        UI.getCurrent().navigate("inbox/" + id);
        InboxView view = _get(InboxView.class);

        _click(view.panel.assignment.escalate);
        _setValue(_get(TextArea.class, spec -> spec.withId("escalate-reason")), "Complaint about the wait");
        _click(_get(Button.class, spec -> spec.withId("escalate-confirm")));

        assertThat(view.panel.assignment.takeover).as("asked first").isNotNull();
        assertThat(view.panel.assignment.takeover.isOpened()).isTrue();
        assertThat(_get(view.panel.assignment.takeover, Span.class).getText())
                .isEqualTo("Dana Front has this conversation. Take it over?");
        _click(_get(Button.class, spec -> spec.withId("takeover-cancel")));
        assertThat(view.panel.assignment.assignedTo.getText()).as("cancelled").isEqualTo("Assigned to Dana Front");
        assertThat(threadTexts(view)).as("no note yet")
                .doesNotContain("Escalated to the patient ombudsman: Complaint about the wait");

        _click(_get(Button.class, spec -> spec.withId("escalate-confirm")));
        _click(_get(Button.class, spec -> spec.withId("takeover-confirm")));

        assertThat(view.panel.assignment.assignedTo.getText()).isEqualTo("Assigned to Olga Ombud");
        assertThat(threadTexts(view)).contains("Escalated to the patient ombudsman: Complaint about the wait");
        assertThat(audit.newest("CONVERSATION_TAKEN_OVER", PageRequest.of(0, 100)))
                .anyMatch(e -> e.targetId().equals(String.valueOf(id)) && e.detail().equals("from staff " + dana.id()));
    }

    @Test
    void assigningToSeveralColleaguesOrAListIsShownInTheBadge() {
        InboxListSummary list = frontDesk();
        StaffMember nora = staff.account("nora", "Nora Nurse", "a long enough password", Role.STAFF);
        String text = unique("Two questions");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), text);
        long id = conversationOf(text);

        assignments.assignToStaff(ada, id, Set.of(dana.id(), nora.id()), AssignmentService.ANY);
        assertThat(row(inboxShowing("all"), text).assignment()).isEqualTo("Dana Front, Nora Nurse");
        assertThat(shows(inboxShowing("staff-" + nora.id()), text)).isTrue();

        assignments.assignToList(ada, id, list.id(), AssignmentService.ANY);
        assertThat(row(inboxShowing("all"), text).assignment()).isEqualTo(list.name());
    }

    @Test
    void aNoteMentioningAColleagueNotifiesThemOnceAndShowsWhenTheyFirstReadIt() {
        frontDesk();
        String text = unique("Is my MRI back?");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), text);
        long id = conversationOf(text);
        UI.getCurrent().navigate("inbox/" + id);
        InboxView view = _get(InboxView.class);
        view.panel.composerTabs.setSelectedTab(view.panel.noteTab);

        _setValue(view.panel.noteComposer.note, "Please check the results @da");
        List<Button> offers = _find(view.panel.noteComposer.suggestions, Button.class);
        assertThat(offers).extracting(Button::getText).contains("Dana Front (@dana)");
        _click(offers.stream().filter(b -> b.getText().equals("Dana Front (@dana)")).findFirst().orElseThrow());
        assertThat(view.panel.noteComposer.note.getValue()).isEqualTo("Please check the results @dana ");
        _click(view.panel.noteComposer.addNote);

        assertThat(threadTexts(view)).contains("Please check the results @dana").contains("@Dana Front · not read yet");
        assertThat(view.panel.assignment.assignedTo.getText()).doesNotContain("Dana");

        newSessionAs("dana", "STAFF");
        // The bell the page frame puts in Dana's top bar (Karibu does not draw the frame itself).
        MentionBell bell = (MentionBell) context.getBean(MentionBell.Item.class).create();
        UI.getCurrent().add(bell);
        assertThat(bell.count.getText()).isEqualTo("1");
        UI.getCurrent().navigate("inbox/" + id);
        // The bell hears of it as a live update, pushed off the reader's thread.
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            roundtrip();
            assertThat(bell.count.getText()).isEmpty();
        });

        newSessionAs("ada", "ADMIN");
        UI.getCurrent().navigate("inbox/" + id);
        assertThat(threadTexts(_get(InboxView.class))).anyMatch(t -> t.startsWith("@Dana Front · read "));
    }

    @Test
    void closingTakesItOutOfOpenViewsAndTheNextPatientTextReopensItIntoItsList() {
        InboxListSummary list = frontDesk();
        String from = number();
        String text = unique("Thanks, all good");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), from, text);
        long id = conversationOf(text);
        UI.getCurrent().navigate("inbox/" + id);
        InboxView view = _get(InboxView.class);

        _click(view.panel.assignment.close);

        assertThat(shows(inboxShowing("all"), text)).isFalse();
        assertThat(shows(inboxShowing("list-" + list.id()), text)).isFalse();
        assertThat(shows(inboxShowing("closed"), text)).isTrue();

        String again = unique("Actually one more thing");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), from, again);
        assertThat(row(inboxShowing("list-" + list.id()), again).id()).isEqualTo(id);
        assertThat(shows(inboxShowing("closed"), again)).isFalse();
    }

    @Test
    void staffDeleteTheirOwnNoteWithinTheWindowAndTheThreadSaysWhoDeletedIt() {
        frontDesk();
        String text = unique("Hello");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), text);
        long id = conversationOf(text);
        UI.getCurrent().navigate("inbox/" + id);
        InboxView view = _get(InboxView.class);
        view.panel.composerTabs.setSelectedTab(view.panel.noteTab);
        _setValue(view.panel.noteComposer.note, "Wrong patient, sorry");
        _click(view.panel.noteComposer.addNote);

        Button delete = _get(view.panel.thread, Button.class, spec -> spec.withText("Delete"));
        _click(delete);
        _click(_get(Button.class, spec -> spec.withId("delete-confirm")));

        assertThat(threadTexts(view)).doesNotContain("Wrong patient, sorry")
                .anyMatch(t -> t.startsWith("Message deleted by Ada Admin at "));
        assertThat(audit.newest("MESSAGE_DELETED", PageRequest.of(0, 10))).isNotEmpty();
        // Patients' messages have no Delete.
        assertThat(_find(view.panel.thread, Button.class, spec -> spec.withText("Delete"))).isEmpty();
    }

    @Test
    void aNoteCanNoLongerBeDeletedOnceTheWindowHasPassed() {
        frontDesk();
        String text = unique("Hi");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), text);
        long id = conversationOf(text);
        UI.getCurrent().navigate("inbox/" + id);
        InboxView view = _get(InboxView.class);
        view.panel.composerTabs.setSelectedTab(view.panel.noteTab);
        _setValue(view.panel.noteComposer.note, "Called back, no answer");
        _click(view.panel.noteComposer.addNote);

        clock.advance(Duration.ofMinutes(3));
        UI.getCurrent().navigate("inbox");
        UI.getCurrent().navigate("inbox/" + id);

        assertThat(_find(_get(InboxView.class).panel.thread, Button.class, spec -> spec.withText("Delete"))).isEmpty();
    }

    @Test
    void onlyAdminsMoveAConversationToBlockedWhereNewMessagesGoUnnoticed() {
        frontDesk();
        String from = number();
        String text = unique("Cheap loans for your practice");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), from, text);
        long id = conversationOf(text);

        assertThatThrownBy(() -> {
            loginAs("dana", "STAFF");
            assignments.block(dana, id);
        }).isInstanceOf(AccessDeniedException.class);
        loginAs("ada", "ADMIN");

        UI.getCurrent().navigate("inbox/" + id);
        _click(_get(InboxView.class).panel.assignment.block);
        String next = unique("Last chance for cheap loans");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), from, next);

        assertThat(shows(inboxShowing("all"), next)).isFalse();
        assertThat(shows(inboxShowing("blocked"), next)).isTrue();
        assertThat(audit.newest("CONVERSATION_BLOCKED", PageRequest.of(0, 10))).isNotEmpty();

        newSessionAs("dana", "STAFF");
        UI.getCurrent().navigate("inbox/" + id);
        assertThat(_get(Span.class, spec -> spec.withId("conversation-error")).getText())
                .isEqualTo("Only admins open the BLOCKED list.");
    }

    @Test
    void searchFindsConversationsByNameNumberInAnyFormatAndDateOfBirth() {
        frontDesk();
        String from = "+19293334455";
        var patient = contacts.createPatient("ada", new PatientDetails("Rosalind", "Quimby",
                LocalDate.of(1961, 7, 25), "(929) 333-4455", "Q-77", null));
        String text = unique("About my knee");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), from, text);
        InboxView view = inboxShowing("all");

        for (String typed : List.of("quimby", "Rosalind Q", "929.333.4455", "+1 929 333 4455", "7/25/1961", "Q-77")) {
            _setValue(view.search, typed);
            assertThat(rows(view)).as(typed).extracting(ConversationRow::contactName).containsExactly("Rosalind Quimby");
        }
        // Whole words of a message find it too, though the text is stored encrypted; parts of words do not.
        _setValue(view.search, text.substring(text.lastIndexOf(' ') + 1));
        assertThat(rows(view)).extracting(ConversationRow::preview).containsExactly(text);
        _setValue(view.search, "kne");
        assertThat(rows(view)).isEmpty();
        _setValue(view.search, "quimby");
        _setValue(view.filters.fields().statusFilter, ConversationStatus.CLOSED);
        assertThat(rows(view)).isEmpty();
        assertThat(view.count.getText()).isEqualTo("0 found");
        assertThat(patient.id()).isPositive();
    }

    @Test
    void searchingAPharmacysNameOrPartOfItFindsItsConversation() {
        frontDesk();
        String name = unique("Walgreens");
        organisations.createOrganisation("ada", name, "pharmacy", "(929) 444-1201");
        String text = unique("Refill ready for pickup");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+19294441201", text);
        InboxView view = inboxShowing("all");

        for (String typed : List.of("walgreens", name.toUpperCase(), name.substring(name.length() - 5))) {
            _setValue(view.search, typed);
            assertThat(rows(view)).as(typed).extracting(ConversationRow::preview).contains(text);
        }
        _setValue(view.search, "100%_off");
        assertThat(rows(view)).isEmpty();
    }

    @Test
    void escalatingNeedsAReasonAndAssignsTheOmbudsmanWithANote() {
        frontDesk();
        StaffMember olga = staff.account("olga", "Olga Ombud", "a long enough password", Role.STAFF);
        lists.setOmbudsman(TestStaff.named("ada"), olga.id());
        String text = unique("I want to complain");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), text);
        long id = conversationOf(text);
        UI.getCurrent().navigate("inbox/" + id);
        InboxView view = _get(InboxView.class);

        _click(view.panel.assignment.escalate);
        _click(_get(Button.class, spec -> spec.withId("escalate-confirm")));
        assertThat(_find(view.panel.assignment.dialog, Span.class).stream().map(Span::getText))
                .contains("Say why the conversation goes to the ombudsman.");
        _setValue(_get(TextArea.class, spec -> spec.withId("escalate-reason")), "Complaint about the wait");
        _click(_get(Button.class, spec -> spec.withId("escalate-confirm")));

        assertThat(view.panel.assignment.assignedTo.getText()).isEqualTo("Assigned to Olga Ombud");
        assertThat(threadTexts(view)).contains("Escalated to the patient ombudsman: Complaint about the wait");
    }
}
