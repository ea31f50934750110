package org.parley.practice.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.inbox.InboxFixtures;
import org.parley.inbox.InboxService;
import org.parley.practice.PracticeProfiles;
import org.parley.security.Role;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffFixtures;
import org.parley.template.TemplateService;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;

/** Issue 19, item 5: admins name the practice in the app; the automatic answers and templates say its name. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:practiceview;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class PracticeViewTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    PracticeProfiles practice;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    InboxService inboxes;
    @Autowired
    ConversationService conversations;
    @Autowired
    TemplateService templates;
    @Autowired
    AuditEntries audit;
    @Autowired
    StaffFixtures staff;

    @BeforeEach
    void loggedIn() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
    }

    @Test
    void theNameAnAdminSavesIsWhatTheStopAnswerAndTemplatesSay() {
        UI.getCurrent().navigate("admin/practice");
        PracticeView view = _get(PracticeView.class);
        _setValue(view.name, "  Riverside   Family Clinic ");
        _setValue(view.timeZone, "America/Chicago");
        _click(view.save);

        assertThat(view.message.getText()).isEqualTo("Saved.");
        assertThat(view.name.getValue()).isEqualTo("Riverside Family Clinic");
        assertThat(practice.timeZone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(audit.newest("PRACTICE_CHANGED", PageRequest.of(0, 5))).isNotEmpty();

        String number = "+19292064441";
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number, "STOP");
        long id = inboxes.openConversations(directory.findByUsername("admin").orElseThrow(), 0, 500).stream()
                .filter(r -> r.contactName().equals("(929) 206-4441")).findFirst().orElseThrow().id();
        assertThat(conversations.thread(id, 0, 10)).anySatisfy(m -> {
            assertThat(m.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(m.body()).startsWith("Riverside Family Clinic: you will get no more texts");
        });
        assertThat(templates.preview("Hi {patient.firstName}, {practice.name} here.", "Ada"))
                .isEqualTo("Hi Maria, Riverside Family Clinic here.");

        // Opened again, the page shows what was saved.
        UI.getCurrent().navigate("admin/practice");
        assertThat(_get(PracticeView.class).name.getValue()).isEqualTo("Riverside Family Clinic");
        assertThat(_get(PracticeView.class).timeZone.getValue()).isEqualTo("America/Chicago");
    }

    @Test
    void aBlankNameIsRefusedWithAReasonAndNothingChanges() {
        String before = practice.name();
        UI.getCurrent().navigate("admin/practice");
        PracticeView view = _get(PracticeView.class);
        _setValue(view.name, "   ");
        _click(view.save);

        assertThat(view.message.getText()).isEqualTo("Enter the practice's name, as patients know it.");
        assertThat(practice.name()).isEqualTo(before);
    }

    @Test
    void staffCannotRenameThePractice() {
        staff.account("sam", "Sam Staff", "a long enough password", Role.STAFF);
        loginAs("sam", "STAFF");

        assertThatThrownBy(() -> practice.change(TestStaff.named("sam"), "Taken Over", "UTC"))
                .isInstanceOf(AccessDeniedException.class);
    }
}
