package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithMockUser;

/** Named accounts managed by admins only, a password policy, and lockout after repeated failed logins. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:accounts;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.security.lockout.attempts=3"})
class StaffAccountsIT {

    @LocalServerPort
    int port;
    @Autowired
    StaffDirectory directory;
    @Autowired
    StaffFixtures fixtures;
    @Autowired
    AuditEntries audit;

    @BeforeEach
    void anAdminExists() {
        fixtures.firstAdmin("admin", "Ada Admin", "a long enough password");
    }

    /** Posts the login form as the browser does; answers where it redirects to. */
    private String logIn(String username, String password) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        String form = "username=" + URLEncoder.encode(username, "UTF-8") + "&password="
                + URLEncoder.encode(password, "UTF-8");
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        return answer.headers().firstValue("Location").orElse("");
    }

    @Test
    @WithMockUser(username = "nurse", roles = "STAFF")
    void staffCannotManageAccountsTheServerRefuses() {
        assertThatThrownBy(() -> directory.createAccount(TestStaff.named("nurse"), "sneaky", "Sneaky", "a long enough password",
                Role.ADMIN)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> directory.accounts(0, 10)).isInstanceOf(AccessDeniedException.class);
        assertThat(directory.findByUsername("sneaky")).isEmpty();
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void anAdminCreatesANamedAccountAndACommonPasswordIsRefused() {
        assertThatThrownBy(() -> directory.createAccount(TestStaff.named("admin"), "frank", "Frank Front", "Password123456",
                Role.STAFF)).hasMessageContaining("passwords attackers try first");

        StaffAccount frank = directory.createAccount(TestStaff.named("admin"), "Frank", "Frank Front", "a long enough password",
                Role.STAFF);

        assertThat(frank.username()).isEqualTo("frank");
        assertThat(frank.active()).isTrue();
        assertThatThrownBy(() -> directory.createAccount(TestStaff.named("admin"), "frank", "Other", "a long enough password",
                Role.STAFF)).hasMessage("There is already an account 'frank'.");
        assertThat(audit.newest("USER_CREATED", PageRequest.of(0, 10))).isNotEmpty();
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void theLastActiveAdminCannotBeDeactivatedOrDemoted() {
        long admin = directory.findByUsername("admin").orElseThrow().id();

        assertThatThrownBy(() -> directory.setActive(TestStaff.named("admin"), admin, false)).hasMessageContaining("last active");
        assertThatThrownBy(() -> directory.setRole(TestStaff.named("admin"), admin, Role.STAFF)).hasMessageContaining("last active");
    }

    @Test
    @WithMockUser(username = "nurse", roles = "STAFF")
    void staffSetTheirOwnEmailAddressButNotAColleaguesTheServerRefuses() {
        StaffMember nurse = fixtures.account("nurse", "Nina Nurse", "nina's long password", Role.STAFF);
        StaffMember colleague = fixtures.account("colleague", "Cole League", "cole's long password", Role.STAFF);

        directory.setEmail(TestStaff.named("nurse"), nurse.id(), " nina@practice.example.org ");

        assertThat(directory.emailOf(nurse.id())).contains("nina@practice.example.org");
        assertThatThrownBy(() -> directory.setEmail(TestStaff.named("nurse"), colleague.id(), "mine@practice.example.org"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> directory.setEmail(TestStaff.named("colleague"), colleague.id(), "mine@practice.example.org"))
                .as("acting in a colleague's name").isInstanceOf(AccessDeniedException.class);
        assertThat(directory.emailOf(colleague.id())).isEmpty();
        directory.setEmail(TestStaff.named("nurse"), nurse.id(), "");
        assertThat(directory.emailOf(nurse.id())).isEmpty();
    }

    @Test
    void aDeactivatedAccountCannotLogIn() throws Exception {
        StaffMember gina = fixtures.account("gina", "Gina Gone", "gina's long password", Role.STAFF);
        assertThat(logIn("gina", "gina's long password")).doesNotContain("error");

        asAdmin(() -> directory.setActive(TestStaff.named("admin"), gina.id(), false));

        assertThat(logIn("gina", "gina's long password")).endsWith("/login?error");
    }

    @Test
    void repeatedFailedLoginsLockTheAccountUntilAnAdminUnlocksIt() throws Exception {
        StaffMember lee = fixtures.account("lee", "Lee Locked", "lee's long password", Role.STAFF);
        for (int i = 0; i < 3; i++) {
            assertThat(logIn("lee", "wrong password " + i)).endsWith("/login?error");
        }

        // Locked: even the right password is refused now.
        assertThat(logIn("lee", "lee's long password")).endsWith("/login?error");
        assertThat(audit.newest("ACCOUNT_LOCKED", PageRequest.of(0, 10))).isNotEmpty();
        assertThat(audit.newest("LOGIN_FAILED", PageRequest.of(0, 50))).anySatisfy(entry ->
                assertThat(entry.detail()).isEqualTo("LockedException"));

        asAdmin(() -> directory.unlock(TestStaff.named("admin"), lee.id()));

        assertThat(logIn("lee", "lee's long password")).doesNotContain("error");
        assertThat(audit.newest("ACCOUNT_UNLOCKED", PageRequest.of(0, 10))).isNotEmpty();
    }

    private static void asAdmin(Runnable action) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken
                .authenticated("admin", null, List.of(
                        new SimpleGrantedAuthority("ROLE_ADMIN"))));
        SecurityContextHolder.setContext(context);
        try {
            action.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
