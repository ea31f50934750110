package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.inbox.ConversationRow;
import org.parley.inbox.InboxFixtures;
import org.parley.patient.ContactService;
import org.parley.patient.PatientDetails;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 18: "Send securely" next to Send sends what the reply box holds as a secure message (the thread says so and
 * the box empties), is refused with the reason for a contact without a date of birth (the text stays), and "Forget
 * verified browsers" says what it did.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:secure-send;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class SecureSendTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    ContactService contacts;
    @Autowired
    AuditEntries audit;
    @Autowired
    JdbcClient db;

    InboxView view;

    @BeforeEach
    void signedIn() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
    }

    private static String newPhone() {
        return "+1929" + (2_000_000 + Math.abs(UUID.randomUUID().getMostSignificantBits() % 8_000_000L));
    }

    /** Opens the conversation a text from {@code phone} started. */
    private void open(String phone) {
        String text = "Question " + UUID.randomUUID();
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, text);
        UI.getCurrent().navigate("");
        view = _get(InboxView.class);
        for (int i = 0; i < _size(view.list); i++) {
            ConversationRow row = _get(view.list, i);
            if (row.preview().equals(text)) {
                UI.getCurrent().navigate("inbox/" + row.id());
                return;
            }
        }
        throw new AssertionError("no conversation shows " + text);
    }

    private String threadText() {
        return view.panel.thread.getElement().getTextRecursively();
    }

    @Test
    void aReplySentSecurelyIsShownAsSentSecurelyAndTheBoxEmpties() {
        String phone = newPhone();
        contacts.createPatient("admin", new PatientDetails("Iris", "Moreno", LocalDate.of(1990, 3, 14), phone,
                null, null));
        open(phone);
        SecureSend secure = view.panel.composer.secure;
        assertThat(secure.sendSecurely.isEnabled()).as("nothing to send yet").isFalse();
        _setValue(view.panel.reply, "Your thyroid results are normal.");
        assertThat(secure.sendSecurely.isEnabled()).isTrue();
        _click(secure.sendSecurely);

        assertThat(view.panel.reply.getValue()).isEmpty();
        assertThat(threadText()).contains("Your thyroid results are normal.").contains("Sent securely");
        assertThat(audit.newest("SECURE_MESSAGE_SENT", PageRequest.of(0, 5))).isNotEmpty();

        _click(secure.forgetBrowsers);
        assertThat(audit.newest("SECURE_BROWSERS_FORGOTTEN", PageRequest.of(0, 5))).isNotEmpty();
    }

    @Test
    void aContactWithoutADateOfBirthIsRefusedWithTheReasonAndTheTextStays() {
        open(newPhone());
        _setValue(view.panel.reply, "Your results are in.");
        _click(view.panel.composer.secure.sendSecurely);

        assertThat(view.panel.composer.replyError.getText()).contains("date of birth");
        assertThat(view.panel.reply.getValue()).isEqualTo("Your results are in.");
        assertThat(db.sql("select count(*) from secure_link").query(Long.class).single()).isZero();
    }
}
