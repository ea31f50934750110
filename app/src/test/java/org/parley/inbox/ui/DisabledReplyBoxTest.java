package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.textfield.TextArea;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.compliance.ConsentService;
import org.parley.inbox.InboxFixtures;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.PatientDetails;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Issue 19, item 2: a disabled reply box says why, and what to do; the header's number status agrees. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:disabledreply;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class DisabledReplyBoxTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    ContactService contacts;
    @Autowired
    ConsentService consent;

    @BeforeEach
    void loggedIn() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
    }

    /** A sandbox mobile number (not in the sandbox's landline or VoIP exchanges, 200 and 201). */
    private static String mobile() {
        return "+1929" + (3000000 + (int) (Math.random() * 6999999));
    }

    private ConversationPanel open(String text) {
        UI.getCurrent().navigate("inbox");
        InboxView view = _get(InboxView.class);
        long id = IntStream.range(0, _size(view.list)).mapToObj(i -> _get(view.list, i))
                .filter(r -> r.preview().equals(text)).findFirst().orElseThrow().id();
        UI.getCurrent().navigate("inbox/" + id);
        return _get(InboxView.class).panel;
    }

    private String texts(String number) {
        String text = "hello " + UUID.randomUUID();
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number, text);
        return text;
    }

    @Test
    void aPatientWhoRepliedStopIsNamedBesideTheBoxWithTheDayAndHowToTurnTextsBackOn() {
        String number = mobile();
        String text = texts(number);
        consent.optOut("sandbox", number, "replied STOP");

        ConversationPanel panel = open(text);

        assertThat(_get(TextArea.class, spec -> spec.withId("reply")).isEnabled()).isFalse();
        assertThat(panel.replyBlocked.isVisible()).isTrue();
        assertThat(panel.replyBlocked.getText()).matches(
                "Patient replied STOP on \\d\\d/\\d\\d — they can text START to receive texts again\\.");
        assertThat(panel.numberType.getText()).isEqualTo("Number: opted out of texts");
    }

    @Test
    void doNotTextIsSaidBesideTheBoxAndTheHeaderNoLongerSaysTheNumberCanReceiveTexts() {
        String number = mobile();
        ContactSummary patient = contacts.createPatient("admin", new PatientDetails("Dora", "Quiet",
                LocalDate.of(1960, 1, 2), number, null, null));
        String text = texts(number);
        contacts.markDoNotText("admin", patient.id(), "asked at the desk");

        ConversationPanel panel = open(text);

        assertThat(panel.replyBlocked.getText()).isEqualTo(
                "Marked DO NOT TEXT by admin (asked at the desk): texts cannot be sent. Call the patient instead.");
        assertThat(panel.numberType.getText()).isEqualTo("Number: marked DO NOT TEXT, no texts");
    }

    @Test
    void aDeletedNumberSaysThereIsNoCellPhoneOnFileAndHowToAddOne() {
        String number = mobile();
        ContactSummary patient = contacts.createPatient("admin", new PatientDetails("Eli", "Gone",
                LocalDate.of(1975, 7, 7), number, null, null));
        String text = texts(number);
        contacts.deleteNumber("admin", patient.id());

        ConversationPanel panel = open(text);

        assertThat(panel.replyBlocked.getText()).contains("no cell phone on file").contains("Patient details");
        assertThat(panel.numberType.getText()).isEqualTo("Number: no cell phone on file, cannot receive texts");
    }

    @Test
    void aLandlineInTheSandboxsLandlineExchangeSaysSoInTheHeaderAndBesideTheBox() {
        String text = texts("+1929200" + (1000 + (int) (Math.random() * 8999)));

        ConversationPanel panel = open(text);

        assertThat(panel.replyBlocked.getText())
                .isEqualTo("The number is a landline: it cannot receive texts. Call the patient instead.");
        assertThat(panel.numberType.getText()).isEqualTo("Number: landline — call back");
    }

    @Test
    void aNumberThatJustTextedInIsAMobileInTheSandboxWhateverItsLastDigit() {
        for (String ending : List.of("7", "8", "9")) {
            String text = texts("+1929" + (3000000 + (int) (Math.random() * 699999)) + ending);

            ConversationPanel panel = open(text);

            assertThat(panel.numberType.getText()).as(ending).isEqualTo("Number: mobile, can receive texts");
            assertThat(_get(TextArea.class, spec -> spec.withId("reply")).isEnabled()).as(ending).isTrue();
        }
    }

    @Test
    void aNumberThatCanBeTextedShowsNoReasonAndAnEnabledBox() {
        String text = texts(mobile());

        ConversationPanel panel = open(text);

        assertThat(_get(TextArea.class, spec -> spec.withId("reply")).isEnabled()).isTrue();
        assertThat(panel.replyBlocked.isVisible()).isFalse();
        assertThat(panel.numberType.getText()).doesNotContain("DO NOT TEXT").doesNotContain("opted out");
    }

    @Test
    void theReasonStaysOutOfTheWayWhileWritingAnInternalNote() {
        String number = mobile();
        String text = texts(number);
        consent.optOut("sandbox", number, "replied STOP");
        ConversationPanel panel = open(text);

        panel.composerTabs.setSelectedTab(panel.noteTab);

        assertThat(panel.replyBlocked.isVisible()).isFalse();
    }
}
