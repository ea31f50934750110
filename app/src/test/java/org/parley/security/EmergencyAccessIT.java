package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.audit.AuditEntry;
import org.parley.audit.AuditLog;
import org.parley.testsupport.ActingAs;
import org.parley.testsupport.HttpBrowser;
import org.parley.testsupport.MutableClock;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Emergency access (HIPAA 164.312(a)(2)(ii)): admin rights for a while, with a reason, ending by themselves on the
 * app's clock. A staff member signed in over real HTTP gets and loses the admin pages in the same session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:emergency;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        // the test writes expiries to the audit log itself
        "parley.security.emergency-sweep=1000d",
        // the test's clock jumps hours ahead, which must not look like hours without use
        "parley.security.idle-timeout=30d"})
@Import(EmergencyAccessIT.TestClock.class)
class EmergencyAccessIT {

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    StaffFixtures staff;
    @Autowired
    EmergencyAccess emergencyAccess;
    @Autowired
    StaffAuthorities authorities;
    @Autowired
    AuditEntries audit;
    @Autowired
    SecurityContextHolderStrategy holder;

    @AfterEach
    void nobodySignedIn() {
        holder.clearContext();
        SecurityContextHolder.clearContext();
    }

    @Test
    void aSignedInStaffMemberGetsTheAdminPagesForTheGrantedTimeWithoutSigningInAgain() {
        StaffMember ed = staff.account("eddie", "Ed Emergency", "eddie's long password", Role.STAFF);
        try (var browser = new HttpBrowser(URI.create("http://localhost:" + port))) {
            browser.logIn("eddie", "eddie's long password");
            assertThat(browser.navigate("admin/users")).doesNotContain("create-user");

            asAdmin(() -> emergencyAccess.grant(TestStaff.named("admin"), ed.id(), "Both admins are at a conference", Duration.ofHours(4)));
            clock.advance(Duration.ofSeconds(10));

            assertThat(browser.navigate("admin/users")).as("during the grant").contains("create-user");
            assertThat(browser.navigate("admin/audit")).contains("audit-check");

            clock.advance(Duration.ofHours(4));

            assertThat(browser.navigate("admin/users")).as("after it ran out").doesNotContain("create-user");
            assertThat(browser.navigate("inbox")).as("still signed in as staff").contains("conversation-list");
        }
        assertThat(entries("EMERGENCY_ACCESS_GRANTED")).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("admin");
            assertThat(e.targetId()).isEqualTo(String.valueOf(ed.id()));
            assertThat(e.detail()).doesNotContain("conference");
        });
        emergencyAccess.recordExpiries();
        emergencyAccess.recordExpiries();
        assertThat(entries("EMERGENCY_ACCESS_EXPIRED")).filteredOn(e -> e.targetId().equals(String.valueOf(ed.id())))
                .as("once").hasSize(1).first().extracting(AuditEntry::actor).isEqualTo(AuditLog.SYSTEM);
    }

    @Test
    void aPasswordSignInDuringTheGrantHasTheAdminRoleAndNoneAfterIt() {
        StaffMember flo = staff.account("flo", "Flo Fill-in", "flo's long password", Role.STAFF);
        asAdmin(() -> emergencyAccess.grant(TestStaff.named("admin"), flo.id(), "Covering the front desk lead", Duration.ofHours(1)));

        assertThat(roles(authorities.loadUserByUsername("flo").getAuthorities())).contains("ROLE_ADMIN", "ROLE_STAFF");

        clock.advance(Duration.ofMinutes(61));
        assertThat(roles(authorities.loadUserByUsername("flo").getAuthorities())).containsExactly("ROLE_STAFF");
    }

    @Test
    void anAdminEndsEmergencyAccessEarlyAndItsEndIsNotCountedAsAnExpiry() {
        StaffMember gus = staff.account("gus", "Gus Grant", "gus's long password", Role.STAFF);
        asAdmin(() -> emergencyAccess.grant(TestStaff.named("admin"), gus.id(), "Practice manager out sick", Duration.ofHours(8)));
        assertThat(emergencyAccess.active(gus.id())).get().extracting(EmergencyAccess.Grant::reason)
                .isEqualTo("Practice manager out sick");

        asAdmin(() -> emergencyAccess.revoke(TestStaff.named("admin"), gus.id()));

        assertThat(emergencyAccess.active(gus.id())).isEmpty();
        assertThat(roles(authorities.currentRoles("gus"))).containsExactly("ROLE_STAFF");
        assertThat(entries("EMERGENCY_ACCESS_REVOKED")).anySatisfy(e ->
                assertThat(e.targetId()).isEqualTo(String.valueOf(gus.id())));
        clock.advance(Duration.ofHours(9));
        emergencyAccess.recordExpiries();
        assertThat(entries("EMERGENCY_ACCESS_EXPIRED")).noneSatisfy(e ->
                assertThat(e.targetId()).isEqualTo(String.valueOf(gus.id())));
    }

    @Test
    void aGrantNeedsAReasonLastsAtMostADayAndIsForStaffWithoutOneRunning() {
        StaffMember hal = staff.account("hal", "Hal Help", "hal's long password", Role.STAFF);
        StaffMember ida = staff.account("ida", "Ida Admin", "ida's long password", Role.ADMIN);

        asAdmin(() -> {
            assertThatThrownBy(() -> emergencyAccess.grant(TestStaff.named("admin"), hal.id(), "  ", Duration.ofHours(1)))
                    .hasMessageContaining("why");
            assertThatThrownBy(() -> emergencyAccess.grant(TestStaff.named("admin"), hal.id(), "Needed", Duration.ofHours(25)))
                    .hasMessageContaining("24 hours");
            assertThatThrownBy(() -> emergencyAccess.grant(TestStaff.named("admin"), ida.id(), "Needed", Duration.ofHours(1)))
                    .hasMessageContaining("administrator already");
            emergencyAccess.grant(TestStaff.named("admin"), hal.id(), "Needed", Duration.ofHours(1));
            assertThatThrownBy(() -> emergencyAccess.grant(TestStaff.named("admin"), hal.id(), "Again", Duration.ofHours(1)))
                    .hasMessageContaining("already");
        });
    }

    @Test
    void staffCannotGrantOrEndEmergencyAccess() {
        StaffMember joy = staff.account("joy", "Joy Staff", "joy's long password", Role.STAFF);

        as("joy", "STAFF", () -> {
            assertThatThrownBy(() -> emergencyAccess.grant(TestStaff.named("joy"), joy.id(), "I want it", Duration.ofHours(1)))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> emergencyAccess.revoke(TestStaff.named("joy"), joy.id())).isInstanceOf(AccessDeniedException.class);
        });
    }

    private List<AuditEntry> entries(String action) {
        return audit.newest(action, PageRequest.of(0, 100));
    }

    private static List<String> roles(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).sorted().toList();
    }

    private void asAdmin(Runnable action) {
        as("admin", "ADMIN", action);
    }

    private void as(String username, String role, Runnable action) {
        ActingAs.run(holder, username, role, action);
    }
}
