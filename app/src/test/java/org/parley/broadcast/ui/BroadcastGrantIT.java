package org.parley.broadcast.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.broadcast.AudienceChoice;
import org.parley.broadcast.Broadcasts;
import org.parley.patient.ContactService;
import org.parley.patient.PatientDetails;
import org.parley.security.Permission;
import org.parley.security.Permissions;
import org.parley.security.Role;
import org.parley.security.SessionAccess;
import org.parley.security.StaffAccount;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Issue 17: "an admin (or a role an admin grants) sends" broadcasts. A staff member is refused by the page and by the
 * service until an admin allows them on the Users page (or allows every staff member); then they prepare and send one;
 * once the admin stops it they are refused again. The session's roles are the ones the account's grants give it, read
 * as every request reads them.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:broadcastgrant;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.broadcast.poll-interval=200ms",
        "parley.quiet-hours.start=00:00",
        "parley.quiet-hours.end=23:59"})
class BroadcastGrantIT extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    Broadcasts broadcasts;
    @Autowired
    Permissions permissions;
    @Autowired
    ContactService contacts;
    @Autowired
    AuditEntries audit;
    @Autowired
    SessionAccess sessions;

    private static final AtomicInteger YEARS = new AtomicInteger(1930);
    int year;

    @BeforeEach
    void aPracticeWithTwoStaffMembers() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
        for (String name : new String[] {"nurse", "clerk"}) {
            if (directory.findByUsername(name).isEmpty()) {
                directory.createAccount(TestStaff.named("admin"), name, name + " Staff", "a long enough passphrase", Role.STAFF);
            }
        }
        year = YEARS.getAndIncrement(); // one birth year per test: each test's audience is its own
        contacts.createPatient("admin", new PatientDetails("Pia", "Moss", LocalDate.of(year, 5, 1),
                "+19292" + String.format("%06d", Math.floorMod(UUID.randomUUID().hashCode(), 999_999) + 1), null,
                null));
    }

    private StaffMember member(String username) {
        return directory.findByUsername(username).orElseThrow();
    }

    private AudienceChoice bornThisYear() {
        return new AudienceChoice.BornBetween(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    /** The sign-in a request of this person's session would hold now: their role plus what their grants give. */
    private Authentication signedInNow(String username) {
        Authentication staffOnly = UsernamePasswordAuthenticationToken.authenticated(username, null,
                List.of(new SimpleGrantedAuthority("ROLE_STAFF")));
        return switch (sessions.check(staffOnly, new MockHttpSession(), true)) {
            case SessionAccess.Refreshed refreshed -> refreshed.login();
            default -> staffOnly;
        };
    }

    /** The admin's Users page (its parts found by id: the page is the security feature's own). */
    private void usersPage() {
        newSessionAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/users");
    }

    private static String usersMessage() {
        return _get(Span.class, spec -> spec.withId("users-message")).getText();
    }

    private static Checkbox everyStaffMember() {
        return _get(Checkbox.class, spec -> spec.withId("staff-send-broadcasts"));
    }

    @SuppressWarnings("unchecked")
    private void clickOnUsersPage(String username, String buttonId) {
        usersPage();
        StaffAccount account = directory.accounts(0, 100).stream().filter(a -> a.username().equals(username))
                .findFirst().orElseThrow();
        ((Grid<StaffAccount>) _get(Grid.class, spec -> spec.withId("users"))).asSingleSelect().setValue(account);
        _click(_get(Button.class, spec -> spec.withId(buttonId)));
    }

    @Test
    void aStaffMemberIsRefusedUntilAnAdminAllowsThemThenSendsAndIsRefusedAgainOnceStopped() {
        newSessionAs("nurse", "STAFF");
        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/broadcasts"))
                .isInstanceOf(MockAccessDeniedException.class);
        assertThatThrownBy(() -> broadcasts.prepare(member("nurse"), "Flu " + year, "sandbox", "Flu shots are in.",
                bornThisYear())).isInstanceOf(AccessDeniedException.class);
        assertThat(signedInNow("nurse").getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_STAFF");

        clickOnUsersPage("nurse", "broadcasts-nurse");
        assertThat(usersMessage()).isEqualTo("nurse may send broadcasts.");
        assertThat(audit.newest("PERMISSION_GRANTED", PageRequest.of(0, 5))).anySatisfy(entry -> {
            assertThat(entry.targetId()).isEqualTo(String.valueOf(member("nurse").id()));
            assertThat(entry.detail()).isEqualTo("SEND_BROADCASTS");
        });
        Authentication nurse = signedInNow("nurse");
        assertThat(nurse.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_STAFF", "ROLE_SEND_BROADCASTS");

        MockVaadin.tearDown();
        mockVaadin(context);
        loginAs(context, nurse);
        UI.getCurrent().navigate("admin/broadcasts");
        BroadcastsView page = _get(BroadcastsView.class);
        _setValue(page.name, "Flu " + year);
        _setValue(page.body, "Hi {patient.firstName}, flu shots are in.");
        _setValue(page.audience.bornFrom, LocalDate.of(year, 1, 1));
        _setValue(page.audience.bornTo, LocalDate.of(year, 12, 31));
        _click(page.check);
        assertThat(page.message.getText()).isEmpty();
        assertThat(page.planSummary.getText()).isEqualTo("1 patient will get it; 0 skipped.");
        _click(page.send);
        assertThat(page.progress.title.getText()).startsWith("Flu " + year + ": ");
        assertThat(audit.newest("BROADCAST_STARTED", PageRequest.of(0, 5)))
                .anySatisfy(entry -> assertThat(entry.actor()).isEqualTo("nurse"));

        clickOnUsersPage("nurse", "broadcasts-nurse");
        assertThat(usersMessage()).isEqualTo("nurse no longer sends broadcasts.");
        assertThat(audit.newest("PERMISSION_REVOKED", PageRequest.of(0, 5))).isNotEmpty();
        assertThat(signedInNow("nurse").getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_STAFF");
        assertThatThrownBy(() -> broadcasts.prepare(member("nurse"), "Again " + year, "sandbox", "Flu shots.",
                bornThisYear())).as("the service asks the database, not the session")
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anAdminAllowsEveryStaffMemberAtOnceAndStopsItAgain() {
        assertThat(permissions.has(member("clerk").id(), Permission.SEND_BROADCASTS)).isFalse();
        usersPage();
        _setValue(everyStaffMember(), true);
        assertThat(usersMessage()).isEqualTo("Every staff member may send broadcasts.");
        assertThat(audit.newest("PERMISSION_GRANTED", PageRequest.of(0, 5))).anySatisfy(entry -> {
            assertThat(entry.targetType()).isEqualTo("role");
            assertThat(entry.targetId()).isEqualTo("STAFF");
        });
        assertThat(signedInNow("clerk").getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_SEND_BROADCASTS");
        assertThat(broadcasts.prepare(member("clerk"), "Closed Friday " + year, "sandbox", "We are closed Friday.",
                bornThisYear()).toSend()).isEqualTo(1);

        usersPage();
        assertThat(everyStaffMember().getValue()).as("the page shows the grant").isTrue();
        _setValue(everyStaffMember(), false);
        assertThat(permissions.has(member("clerk").id(), Permission.SEND_BROADCASTS)).isFalse();
        assertThatThrownBy(() -> broadcasts.prepare(member("clerk"), "Closed Monday " + year, "sandbox",
                "We are closed Monday.", bornThisYear())).isInstanceOf(AccessDeniedException.class);
    }
}
