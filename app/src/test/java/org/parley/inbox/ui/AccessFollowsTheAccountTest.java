package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.mvysny.fakeservlet.FakeHttpSession;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedHttpSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.inbox.ConversationRow;
import org.parley.inbox.ConversationSearch;
import org.parley.inbox.Inbox;
import org.parley.inbox.InboxFixtures;
import org.parley.inbox.InboxService;
import org.parley.patient.ContactService;
import org.parley.security.EmergencyAccess;
import org.parley.security.Role;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.testsupport.ActingAs;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * An open inbox follows its person's account at once: deactivated, it is sent to the login page and gets no more
 * patients; demoted, an open BLOCKED list or admin page closes; a session without the STAFF role gets nothing from
 * the services; an emergency admin gets what admins get.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:accessfollows;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class AccessFollowsTheAccountTest extends KaribuTest {

    @Autowired
    StaffFixtures staff;
    @Autowired
    StaffDirectory directory;
    @Autowired
    EmergencyAccess emergencyAccess;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    InboxService inboxes;
    @Autowired
    AuditEntries audit;
    @Autowired
    SecurityContextHolderStrategy holder;

    @BeforeEach
    void admin() {
        staff.firstAdmin("ada", "Ada Admin", "a long enough password");
    }

    private static String unique(String text) {
        return text + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String number() {
        return "+1929" + (2000000 + (int) (Math.random() * 7999999));
    }

    private void asAda(Runnable action) {
        ActingAs.run(holder, "ada", "ADMIN", action);
    }

    private InboxView inboxShowing(String viewKey) {
        UI.getCurrent().navigate("inbox", QueryParameters.of("view", viewKey));
        return _get(InboxView.class);
    }

    private static List<String> previews(InboxView view) {
        List<String> previews = new ArrayList<>();
        for (int i = 0; i < _size(view.list); i++) {
            ConversationRow row = _get(view.list, i);
            previews.add(row.preview());
        }
        return previews;
    }

    private static String location() {
        return UI.getCurrent().getInternals().getActiveViewLocation().getPath();
    }

    /** The mocked browser's HTTP session, the one Spring Security keeps the sign-in in. */
    private static FakeHttpSession httpSession() {
        return (FakeHttpSession) ((WrappedHttpSession)
                VaadinSession.getCurrent().getSession()).getHttpSession();
    }

    @Test
    void aDeactivatedStaffMembersOpenInboxIsRefusedAndItsSessionEndedAtOnce() {
        StaffMember sam = staff.account("sam", "Sam Staff", "a long enough password", Role.STAFF);
        String first = unique("My knee still hurts");
        loginAs("sam", "STAFF");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), first);
        var session = httpSession();
        InboxView view = inboxShowing("all");
        assertThat(previews(view)).contains(first);

        asAda(() -> directory.setActive(TestStaff.named("ada"), sam.id(), false));

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try {
                roundtrip();
            } catch (AccessDeniedException refused) {
                // the open inbox's own refresh, refused once the session's sign-in is gone
            }
            assertThat(audit.newest("SESSION_ENDED", PageRequest.of(0, 20)))
                    .anyMatch(e -> String.valueOf(sam.id()).equals(e.targetId()));
        });
        assertThatThrownBy(() -> previews(view)).as("the open inbox shows no more patients")
                .hasRootCauseInstanceOf(AccessDeniedException.class);
        assertThat(session.getAttribute(HttpSessionSecurityContextRepository
                .SPRING_SECURITY_CONTEXT_KEY)).as("signed out at once").isNull();
        // The session itself ends once the push to the login page has had time to leave.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(session.isValid())
                .as("the tab's session ended (its tabs were sent to the login page)").isFalse());
    }

    @Test
    void aDemotedAdminsOpenBlockedListClosesToTheAdministratorsOnlyPage() {
        StaffMember nora = staff.account("nora", "Nora Admin", "a long enough password", Role.ADMIN);
        loginAs("nora", "ADMIN");
        inboxShowing("blocked");
        assertThat(location()).isEqualTo("inbox");

        asAda(() -> directory.setRole(TestStaff.named("ada"), nora.id(), Role.STAFF));

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            roundtrip();
            assertThat(location()).isEqualTo("administrators-only");
        });
        assertThatThrownBy(() -> inboxes.conversations(nora, new Inbox.Blocked(), 0, 50))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aDemotedAdminsOpenUsersPageClosesToTheAdministratorsOnlyPage() {
        StaffMember olga = staff.account("olga", "Olga Admin", "a long enough password", Role.ADMIN);
        loginAs("olga", "ADMIN");
        UI.getCurrent().navigate("admin/users");
        assertThat(location()).isEqualTo("admin/users");

        asAda(() -> directory.setRole(TestStaff.named("ada"), olga.id(), Role.STAFF));

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            roundtrip();
            assertThat(location()).isEqualTo("administrators-only");
        });
    }

    @Test
    void aSessionWithoutTheStaffRoleGetsNoPatientsFromTheServices() {
        StaffMember pia = staff.account("pia", "Pia Staff", "a long enough password", Role.STAFF);
        asAda(() -> inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), unique("Results please")));
        // Signed in, but with no role (what a deactivated account's session held before it was ended).
        loginAs("pia", "NONE");

        assertThatThrownBy(() -> inboxes.conversations(pia, new Inbox.AllOpen(), 0, 50))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> inboxes.search(pia, new ConversationSearch("Results", null, null,
                null, null, null), 0, 50)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> context.getBean(ContactService.class).searchPatients("", 0, 50))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anEmergencyAdminOpensTheBlockedListAsAdminsDo() {
        StaffMember quinn = staff.account("quinn", "Quinn Staff", "a long enough password", Role.STAFF);
        loginAs("quinn", "STAFF");
        assertThatThrownBy(() -> inboxes.conversations(quinn, new Inbox.Blocked(), 0, 50))
                .isInstanceOf(AccessDeniedException.class);

        asAda(() -> emergencyAccess.grant(TestStaff.named("ada"), quinn.id(), "The only admin is on leave", Duration.ofHours(2)));

        assertThat(directory.findByUsername("quinn").orElseThrow().isAdmin()).isTrue();
        // The member as a screen opened before the grant holds it: the service asks the account, not the copy.
        assertThat(inboxes.conversations(quinn, new Inbox.Blocked(), 0, 50)).isNotNull();
        // (Signed in again: in Parley the next request gives the session the ADMIN role, SessionAccess.)
        loginAs("quinn", "ADMIN");
        InboxView view = inboxShowing("blocked");
        assertThat(view.title.getText()).isEqualTo("BLOCKED");
    }
}
