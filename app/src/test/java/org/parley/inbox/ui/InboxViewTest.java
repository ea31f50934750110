package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.conversation.ConversationStatus;
import org.parley.inbox.ConversationRow;
import org.parley.inbox.InboxFixtures;
import org.parley.patient.ContactService;
import org.parley.patient.PatientDetails;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;

@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:views;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class InboxViewTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    AuditEntries audit;
    @Autowired
    ContactService contacts;

    @BeforeEach
    void loggedIn() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
    }

    private String unique(String prefix) {
        return prefix + " " + UUID.randomUUID();
    }

    private ConversationRow rowWithPreview(InboxView view, String preview) {
        for (int i = 0; i < _size(view.list); i++) {
            ConversationRow row = _get(view.list, i);
            if (row.preview().equals(preview)) {
                return row;
            }
        }
        throw new AssertionError("no conversation shows '" + preview + "'");
    }

    @Test
    void aTextFromAnUnknownNumberAppearsUnseenWithTheFormattedNumber() {
        String text = unique("My prescription ran out");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+19292038684", text);
        UI.getCurrent().navigate("");
        InboxView view = _get(InboxView.class);

        ConversationRow row = rowWithPreview(view, text);
        assertThat(row.contactName()).isEqualTo("(929) 203-8684");
        assertThat(row.unseen()).isTrue();
    }

    @Test
    void aNewTextAppearsWithoutReloading() {
        UI.getCurrent().navigate("");
        InboxView view = _get(InboxView.class);
        String text = unique("Can I move my appointment?");

        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+19292030001", text);
        roundtrip();

        assertThat(rowWithPreview(view, text).unseen()).isTrue();
    }

    @Test
    void aNameAColleagueSavesShowsInMyOpenInboxAndOpenConversationWithoutReloading() {
        String text = unique("Who is this texting?");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+19292030003", text);
        UI.getCurrent().navigate("");
        InboxView view = _get(InboxView.class);
        long id = rowWithPreview(view, text).id();
        UI.getCurrent().navigate("inbox/" + id);
        assertThat(rowWithPreview(view, text).contactName()).isEqualTo("(929) 203-0003");

        // A colleague, on another screen (or node), identifies the number as a patient.
        contacts.createPatient("colleague", new PatientDetails("Noor", "Haddad",
                LocalDate.of(1990, 4, 2), "(929) 203-0003", null, null));

        // Live updates reach a screen in batches (a short window after the commit): wait as the screen would.
        Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> {
                    roundtrip();
                    assertThat(_get(H2.class, spec -> spec.withId("conversation-name")).getText())
                            .contains("Noor Haddad");
                });
        assertThat(rowWithPreview(view, text).contactName()).isEqualTo("Noor Haddad");
    }

    @Test
    void openingAConversationShowsTheThreadMarksItSeenAndIsAudited() {
        String text = unique("Results question");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+19292030002", text);
        UI.getCurrent().navigate("");
        InboxView view = _get(InboxView.class);
        long id = rowWithPreview(view, text).id();
        int viewsBefore = audit.newest("CONVERSATION_VIEWED", PageRequest.of(0, 1000)).size();

        UI.getCurrent().navigate("inbox/" + id);

        assertThat(_get(H2.class, spec -> spec.withId("conversation-name")).getText()).isEqualTo("(929) 203-0002");
        assertThat(_find(view.panel.thread, Span.class, spec -> spec.withText(text))).hasSize(1);
        assertThat(rowWithPreview(view, text).unseen()).isFalse();
        assertThat(audit.newest("CONVERSATION_VIEWED", PageRequest.of(0, 1000))).hasSize(viewsBefore + 1);
    }

    @Test
    void sendIsDisabledForAnEmptyReplyAndATooLongReplyIsExplainedBeforeSending() {
        String text = unique("Hello");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+19292030003", text);
        UI.getCurrent().navigate("");
        InboxView view = _get(InboxView.class);
        UI.getCurrent().navigate("inbox/" + rowWithPreview(view, text).id());
        Button send = _get(Button.class, spec -> spec.withId("send"));
        TextArea reply = _get(TextArea.class, spec -> spec.withId("reply"));

        assertThat(send.isEnabled()).isFalse();
        _setValue(reply, "   ");
        assertThat(send.isEnabled()).isFalse();

        _setValue(reply, "x".repeat(1601));
        assertThat(send.isEnabled()).isFalse();
        assertThat(_get(Span.class, spec -> spec.withId("reply-error")).getText())
                .contains("1601 characters").contains("at most 1600");
    }

    @Test
    void aReplyIsShownQueuedWithItsAuthorAtOnce() {
        String text = unique("Is the clinic open Saturday?");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+19292030004", text);
        UI.getCurrent().navigate("");
        InboxView view = _get(InboxView.class);
        UI.getCurrent().navigate("inbox/" + rowWithPreview(view, text).id());

        _setValue(_get(TextArea.class, spec -> spec.withId("reply")), "Yes, 9 to 12.");
        _click(_get(Button.class, spec -> spec.withId("send")));

        Div thread = view.panel.thread;
        assertThat(_find(thread, Span.class, spec -> spec.withText("Yes, 9 to 12."))).hasSize(1);
        assertThat(_find(thread, Span.class)).anySatisfy(span -> assertThat(span.getText()).startsWith("Ada Admin · "));
        assertThat(_find(thread, Span.class)).anySatisfy(span -> assertThat(span.getText()).isIn("queued", "sending"));
        assertThat(_get(TextArea.class, spec -> spec.withId("reply")).getValue()).isEmpty();
    }

    @Test
    void theUnknownContactOfANewNumberIsMadeAPatientFromTheConversationHeader() {
        String text = unique("Hi, this is my new number");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+19292036000", text);
        UI.getCurrent().navigate("");
        InboxView view = _get(InboxView.class);
        UI.getCurrent().navigate("inbox/" + rowWithPreview(view, text).id());

        _click(_get(Button.class, spec -> spec.withId("edit-patient")));
        assertThat(view.panel.title.patientDialog.isOpened()).isTrue();
        assertThat(_get(TextField.class, spec -> spec.withId("patient-cell"))
                .getValue()).isEqualTo("(929) 203-6000");
        _setValue(_get(TextField.class, spec -> spec.withId("patient-first-name")),
                "Maria");
        _setValue(_get(TextField.class, spec -> spec.withId("patient-last-name")),
                "Lopez");
        _setValue(_get(DatePicker.class, spec -> spec.withId("patient-dob")),
                LocalDate.of(1990, 5, 17));
        // The browser keeps the rows it was sent: the list must be told to fetch them again to show the new name.
        AtomicInteger refreshed = new AtomicInteger();
        view.list.getDataProvider().addDataProviderListener(e -> refreshed.incrementAndGet());
        _click(_get(Button.class, spec -> spec.withId("patient-save")));

        assertThat(refreshed).hasPositiveValue();
        assertThat(view.panel.title.patientDialog.isOpened()).isFalse();
        assertThat(_get(H2.class, spec -> spec.withId("conversation-name")).getText()).isEqualTo("Maria Lopez");
        assertThat(rowWithPreview(view, text).contactName()).isEqualTo("Maria Lopez");
    }

    @Test
    void theFiltersAreMadeWhenTheFiltersSectionIsFirstOpenedAndThenNarrowTheList() {
        String text = unique("Closed question");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+19292038685", text);
        UI.getCurrent().navigate("");
        InboxView view = _get(InboxView.class);
        assertThat(_find(Select.class, spec -> spec.withId("filter-status"))).isEmpty();

        view.filters.filters.setOpened(true);

        Select<ConversationStatus> status = _get(Select.class, spec -> spec.withId("filter-status"));
        _setValue(status, ConversationStatus.CLOSED);
        assertThat(view.title.getText()).isEqualTo("Search results");
        assertThat(IntStream.range(0, _size(view.list)).mapToObj(i -> _get(view.list, i).preview()))
                .doesNotContain(text);
        view.filters.clear();
        assertThat(view.title.getText()).isNotEqualTo("Search results");
    }
}

