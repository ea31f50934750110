package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.audit.AuditEntry;
import org.parley.security.credential.Totp;
import org.parley.security.settings.SecuritySettings;
import org.parley.testsupport.ActingAs;
import org.parley.testsupport.HttpBrowser;
import org.parley.testsupport.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Two-factor sign-in (HIPAA 164.312(d)) on the server: after the right password of an account with a second
 * factor the session is not signed in at all (checked in the real Tomcat session and through Vaadin's own
 * bootstrap over HTTP); the second step signs it in with its roles; codes, recovery codes, lockout, enrolment,
 * the practice setting and the admin reset. Time is the test's clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:two-factor;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
@Import(TwoFactorSignInIT.TestClock.class)
class TwoFactorSignInIT {

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }

    private record Enrolled(String secret, List<String> recoveryCodes) {
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    StaffFixtures staff;
    @Autowired
    TwoFactor twoFactor;
    @Autowired
    SignInSession signIns;
    @Autowired
    SecuritySettings settings;
    @Autowired
    AuditEntries audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SecurityContextHolderStrategy holder;
    @Autowired
    ServletWebServerApplicationContext webContext;

    @AfterEach
    void nobodySignedIn() {
        holder.clearContext();
        SecurityContextHolder.clearContext();
    }

    @Test
    void aRightPasswordAloneSignsNobodyInWhileTheSecondFactorIsDue() {
        staff.account("ada", "Ada Admin", "ada's long password", Role.ADMIN);
        enrol("ada");
        try (var browser = new HttpBrowser(URI.create("http://localhost:" + port))) {
            var answer = browser.logIn("ada", "ada's long password");

            assertThat(answer.headers().firstValue("Location")).get().asString().doesNotContain("error");
            Session session = tomcatSession(browser.sessionId());
            assertThat(session.getSession().getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
                    .as("no login is stored").isNull();
            assertThat(session.getSession().getAttribute(SignInSession.PENDING)).isInstanceOf(PendingSignIn.class);
            // A page asked for by URL needs a login...
            assertThat(browser.get("/admin/users").headers().firstValue("Location")).get().asString()
                    .endsWith("/login");
            // ...and Vaadin, asked for the admin page or the inbox, draws the second step instead.
            for (String page : new String[] {"admin/users", "inbox", ""}) {
                assertThat(browser.navigate(page)).contains("second-factor-code").doesNotContain("create-user")
                        .doesNotContain("conversation-list");
            }
        }
        assertThat(actions("ada")).contains("PASSWORD_ACCEPTED").doesNotContain("LOGIN");
    }

    @Test
    void theRightCodeSignsTheSessionInWithItsRolesAndBothFactorsUnderANewSessionId() {
        staff.account("abe", "Abe Admin", "abe's long password", Role.ADMIN);
        Enrolled abe = enrol("abe");
        clock.advance(Duration.ofSeconds(30));
        MockHttpServletRequest request = passwordAccepted("abe");
        String idBefore = request.getSession().getId();

        var verification = signIns.verify(request, new MockHttpServletResponse(), codeNow(abe.secret()));

        assertThat(verification.outcome()).isEqualTo(TwoFactor.Outcome.ACCEPTED);
        assertThat(request.getSession().getId()).isNotEqualTo(idBefore);
        assertThat(signIns.pending(request)).isEmpty();
        assertThat(storedLogin(request).getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_ADMIN", "FACTOR_PASSWORD", SignInSession.TOTP_FACTOR);
        assertThat(audit.newest("LOGIN", PageRequest.of(0, 50))).filteredOn(e -> e.actor().equals("abe"))
                .first().extracting(AuditEntry::detail).isEqualTo("with second factor");
    }

    @Test
    void aPendingSignInCannotCallAnAdminService() {
        staff.account("ann", "Ann Admin", "ann's long password", Role.ADMIN);
        enrol("ann");
        MockHttpServletRequest request = passwordAccepted("ann");
        holder.setContext(new HttpSessionSecurityContextRepository().loadDeferredContext(request).get());

        assertThat(holder.getContext().getAuthentication()).isNull();
        assertThatThrownBy(() -> settings.requireTwoFactorForEveryone("ann", true))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aCodeIsAcceptedOnceAndTheNextStepsCodeAfterIt() {
        staff.account("cal", "Cal Code", "cal's long password", Role.ADMIN);
        Enrolled cal = enrol("cal");
        clock.advance(Duration.ofSeconds(30));
        String code = codeNow(cal.secret());
        assertThat(signIns.verify(passwordAccepted("cal"), new MockHttpServletResponse(), code).outcome())
                .isEqualTo(TwoFactor.Outcome.ACCEPTED);

        assertThat(signIns.verify(passwordAccepted("cal"), new MockHttpServletResponse(), code).outcome())
                .as("replayed").isEqualTo(TwoFactor.Outcome.WRONG);

        clock.advance(Duration.ofSeconds(30));
        assertThat(signIns.verify(passwordAccepted("cal"), new MockHttpServletResponse(), codeNow(cal.secret()))
                .outcome()).isEqualTo(TwoFactor.Outcome.ACCEPTED);
    }

    @Test
    void aRecoveryCodeSignsInOnceAndOnlyItsHashIsStored() {
        staff.account("rex", "Rex Recovery", "rex's long password", Role.ADMIN);
        Enrolled rex = enrol("rex");
        long id = staff.account("rex", null, null, null).id();
        List<String> stored = jdbc.queryForList("select code_hash from staff_recovery_code where staff_user_id = ?",
                String.class, id);
        assertThat(stored).hasSize(10).allSatisfy(hash -> assertThat(hash).matches("[0-9a-f]{64}"))
                .doesNotContainAnyElementsOf(rex.recoveryCodes());

        var first = signIns.verify(passwordAccepted("rex"), new MockHttpServletResponse(),
                rex.recoveryCodes().get(3).toLowerCase());
        var again = signIns.verify(passwordAccepted("rex"), new MockHttpServletResponse(), rex.recoveryCodes().get(3));

        assertThat(first.outcome()).isEqualTo(TwoFactor.Outcome.ACCEPTED);
        assertThat(first.recoveryCodeUsed()).isTrue();
        assertThat(first.recoveryCodesLeft()).isEqualTo(9);
        assertThat(again.outcome()).isEqualTo(TwoFactor.Outcome.WRONG);
        assertThat(actions("rex")).contains("RECOVERY_CODE_USED");
    }

    @Test
    void wrongCodesCountTowardsTheLockoutTogetherWithWrongPasswords() {
        staff.account("wes", "Wes Wrong", "wes's long password", Role.ADMIN);
        Enrolled wes = enrol("wes");
        try (var browser = new HttpBrowser(URI.create("http://localhost:" + port))) {
            for (int i = 0; i < 2; i++) {
                assertThat(browser.logIn("wes", "a wrong guess " + i).headers().firstValue("Location")).get()
                        .asString().endsWith("/login?error");
            }
            // The right password does not wipe the count: it is only half a sign-in.
            assertThat(browser.logIn("wes", "wes's long password").headers().firstValue("Location")).get()
                    .asString().doesNotContain("error");
        }
        MockHttpServletRequest request = passwordAccepted("wes");
        assertThat(signIns.verify(request, new MockHttpServletResponse(), "000000").outcome())
                .isEqualTo(TwoFactor.Outcome.WRONG);
        assertThat(signIns.verify(request, new MockHttpServletResponse(), "111111").outcome())
                .isEqualTo(TwoFactor.Outcome.WRONG);

        var fifth = signIns.verify(request, new MockHttpServletResponse(), "222222");

        assertThat(fifth.outcome()).isEqualTo(TwoFactor.Outcome.REFUSED);
        assertThat(signIns.pending(request)).as("the pending sign-in ends").isEmpty();
        assertThat(actions("wes")).contains("ACCOUNT_LOCKED");
        assertThat(audit.newest("LOGIN_FAILED", PageRequest.of(0, 100))).filteredOn(e -> e.actor().equals("wes"))
                .extracting(AuditEntry::detail).containsOnly("BadCredentialsException", "wrong second factor")
                .hasSize(5);
        clock.advance(Duration.ofSeconds(30));
        assertThat(signIns.verify(passwordAccepted("wes"), new MockHttpServletResponse(), codeNow(wes.secret()))
                .outcome()).as("locked: even the right code").isEqualTo(TwoFactor.Outcome.REFUSED);
    }

    @Test
    void anAdminWithoutTwoFactorSetsItUpRightAfterThePasswordAndTheSetupCodeSignsIn() {
        staff.account("bea", "Bea Beginner", "bea's long password", Role.ADMIN);
        try (var browser = new HttpBrowser(URI.create("http://localhost:" + port))) {
            browser.logIn("bea", "bea's long password");
            assertThat(browser.navigate("inbox")).contains("enrol-code").doesNotContain("conversation-list");
        }
        MockHttpServletRequest request = passwordAccepted("bea");
        assertThat(signIns.pending(request)).get().extracting(PendingSignIn::mustEnrol).isEqualTo(true);
        var offer = signIns.offerEnrolment(request);

        assertThatThrownBy(() -> signIns.enrol(request, new MockHttpServletResponse(), offer, "123"))
                .isInstanceOf(IllegalArgumentException.class);
        List<String> recoveryCodes = signIns.enrol(request, new MockHttpServletResponse(), offer,
                codeNow(offer.secret()));

        assertThat(recoveryCodes).hasSize(10);
        assertThat(storedLogin(request).getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_ADMIN", SignInSession.TOTP_FACTOR);
        assertThat(jdbc.queryForObject("select totp_secret from staff_user where username = 'bea'", String.class))
                .as("the secret stored encrypted in its own column").startsWith("prly2:")
                .doesNotContain(offer.secret());
        assertThat(actions("bea")).contains("TWO_FACTOR_ENROLLED", "LOGIN");
        assertThat(jdbc.queryForList("select * from audit_event").toString()).doesNotContain(offer.secret());
    }

    @Test
    void staffSignInWithThePasswordUntilThePracticeRequiresTwoFactorOfEveryone() {
        staff.account("sam", "Sam Staff", "sam's long password", Role.STAFF);
        try (var browser = new HttpBrowser(URI.create("http://localhost:" + port))) {
            browser.logIn("sam", "sam's long password");
            assertThat(tomcatSession(browser.sessionId()).getSession()
                    .getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
                    .isInstanceOf(SecurityContext.class);
            assertThat(browser.navigate("inbox")).contains("conversation-list");
        }
        asStaff(() -> assertThatThrownBy(() -> settings.requireTwoFactorForEveryone("sam", true))
                .isInstanceOf(AccessDeniedException.class));

        asAdmin(() -> settings.requireTwoFactorForEveryone("admin", true));
        try {
            assertThat(twoFactor.demandFor("sam")).isEqualTo(TwoFactor.Demand.ENROL);
            try (var browser = new HttpBrowser(URI.create("http://localhost:" + port))) {
                browser.logIn("sam", "sam's long password");
                assertThat(tomcatSession(browser.sessionId()).getSession()
                        .getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)).isNull();
            }
            assertThat(audit.newest("SECURITY_SETTING_CHANGED", PageRequest.of(0, 1))).singleElement()
                    .satisfies(e -> {
                        assertThat(e.actor()).isEqualTo("admin");
                        assertThat(e.targetId()).isEqualTo("two_factor_for_everyone");
                        assertThat(e.detail()).isEqualTo("true");
                    });
        } finally {
            asAdmin(() -> settings.requireTwoFactorForEveryone("admin", false));
        }
        assertThat(twoFactor.demandFor("sam")).isEqualTo(TwoFactor.Demand.NONE);
    }

    @Test
    void anAdminResetsALostSecondFactorAndTheAccountSetsItUpAgain() {
        StaffMember ray = staff.account("ray", "Ray Reset", "ray's long password", Role.ADMIN);
        enrol("ray");
        asStaff(() -> assertThatThrownBy(() -> twoFactor.reset("sam", ray.id()))
                .isInstanceOf(AccessDeniedException.class));

        asAdmin(() -> twoFactor.reset("admin", ray.id()));

        assertThat(twoFactor.status("ray").enrolled()).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from staff_recovery_code where staff_user_id = ?", Long.class,
                ray.id())).isZero();
        assertThat(twoFactor.demandFor("ray")).isEqualTo(TwoFactor.Demand.ENROL);
        assertThat(audit.newest("TWO_FACTOR_RESET", PageRequest.of(0, 10)))
                .anySatisfy(e -> assertThat(e.targetId()).isEqualTo(String.valueOf(ray.id())));
    }

    private Enrolled enrol(String username) {
        var offer = twoFactor.offer(username);
        return new Enrolled(offer.secret(), twoFactor.enrol(username, offer, codeNow(offer.secret())));
    }

    private String codeNow(String secret) {
        return Totp.code(secret, Totp.step(clock.instant()));
    }

    /** A browser session whose password was just accepted, through the same repository the login form uses. */
    private MockHttpServletRequest passwordAccepted(String username) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setSession(new MockHttpSession());
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(new PasswordVerified(username,
                twoFactor.demandFor(username) == TwoFactor.Demand.ENROL, null));
        signIns.saveContext(context, request, new MockHttpServletResponse());
        return request;
    }

    private static Authentication storedLogin(MockHttpServletRequest request) {
        Object stored = request.getSession().getAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        assertThat(stored).isInstanceOf(SecurityContext.class);
        return ((SecurityContext) stored).getAuthentication();
    }

    private List<String> actions(String actor) {
        return audit.newest(PageRequest.of(0, 500)).stream().filter(e -> e.actor().equals(actor))
                .map(AuditEntry::action).toList();
    }

    private void asAdmin(Runnable action) {
        as("admin", "ADMIN", action);
    }

    private void asStaff(Runnable action) {
        as("sam", "STAFF", action);
    }

    private void as(String username, String role, Runnable action) {
        ActingAs.run(holder, username, role, action);
    }

    private Session tomcatSession(String id) {
        TomcatWebServer server = (TomcatWebServer) webContext.getWebServer();
        Context context = (Context) server.getTomcat().getHost().findChildren()[0];
        try {
            Session session = context.getManager().findSession(id);
            assertThat(session).as("Tomcat session").isNotNull();
            return session;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
