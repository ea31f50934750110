package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Manager;
import org.apache.catalina.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntry;
import org.parley.audit.AuditEntries;
import org.parley.testsupport.HttpBrowser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Logins, failed logins and idle logoffs reach the audit log (HIPAA 164.312(b)), and the automatic logoff
 * (164.312(a)(2)(iii)) is the container's real session timeout. Staff log in over real HTTP, as the login
 * form does; sessions end in the real Tomcat session manager.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:secaudit;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
@DirtiesContext
class SecurityAuditIT {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "a long enough password";

    @LocalServerPort
    int port;
    @Autowired
    StaffFixtures staff;
    @Autowired
    AuditEntries audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;
    @Autowired
    ServletWebServerApplicationContext webContext;

    private HttpBrowser browser;

    @BeforeEach
    void anAdminExists() {
        staff.firstAdmin(ADMIN, "Ada Admin", ADMIN_PASSWORD);
        browser = new HttpBrowser(URI.create("http://localhost:" + port));
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void aLoginWithTheRightPasswordIsAuditedWithoutThePassword() {
        // Staff sign in with the password alone; admins need a second factor too (TwoFactorSignInIT).
        staff.account("lena", "Lena Login", "lena's long password", Role.STAFF);
        int before = entries("LOGIN", "lena").size();

        HttpResponse<String> answer = browser.logIn("lena", "lena's long password");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).get().asString().doesNotContain("error");
        assertThat(entries("LOGIN", "lena")).hasSize(before + 1);
        assertThat(entries("LOGIN", "lena").getFirst().detail()).isNull();
        assertThat(auditLogText()).doesNotContain("lena's long password");
    }

    @Test
    void aLoginWithAWrongPasswordIsAuditedAsFailedWithoutThePassword() {
        String wrong = "a wrong password guess 7";
        int logins = entries("LOGIN", ADMIN).size();
        int failures = entries("LOGIN_FAILED", ADMIN).size();

        HttpResponse<String> answer = browser.logIn(ADMIN, wrong);

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).get().asString().endsWith("/login?error");
        assertThat(entries("LOGIN_FAILED", ADMIN)).hasSize(failures + 1);
        assertThat(entries("LOGIN_FAILED", ADMIN).getFirst().detail()).isEqualTo("BadCredentialsException");
        assertThat(entries("LOGIN", ADMIN)).hasSize(logins);
        assertThat(auditLogText()).doesNotContain(wrong);
    }

    @Test
    void aLoginToAnUnknownAccountIsAuditedWithoutWhatWasTyped() {
        int failures = entries("LOGIN_FAILED", "(unknown account)").size();

        // Someone types their password into the user-name field.
        HttpResponse<String> answer = browser.logIn("Tr0ub4dor&3-horse", "some password or other");

        assertThat(answer.headers().firstValue("Location")).get().asString().endsWith("/login?error");
        // The same detail as a wrong password: the log does not tell which accounts exist.
        assertThat(entries("LOGIN_FAILED", "(unknown account)")).hasSize(failures + 1)
                .first().extracting(AuditEntry::detail).isEqualTo("BadCredentialsException");
        assertThat(auditLogText()).doesNotContain("some password or other").doesNotContain("Tr0ub4dor&3-horse");
    }

    @Test
    void theIdleTimeoutIsFifteenMinutesInTheServletContainer() {
        browser.logIn(ADMIN, ADMIN_PASSWORD);

        assertThat(environment.getProperty("parley.security.idle-timeout", Duration.class))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(environment.getProperty("server.servlet.session.timeout", Duration.class))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(tomcatContext().getSessionTimeout()).as("minutes").isEqualTo(15);
        assertThat(session(browser.sessionId()).getMaxInactiveInterval()).as("seconds").isEqualTo(15 * 60);
    }

    @Test
    void aSessionThatTimesOutIsAuditedAsAnIdleLogoff() {
        staff.account("idle.nurse", "Ida Idle", "idle nurse password", Role.STAFF);
        assertThat(browser.logIn("idle.nurse", "idle nurse password").headers().firstValue("Location")).get()
                .asString().doesNotContain("error");
        Session session = session(browser.sessionId());
        assertThat(session.getSession().getAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
                .isInstanceOf(SecurityContext.class);

        // Fifteen minutes are one second here; Tomcat's own sweep ends the session once it has been idle that long.
        session.setMaxInactiveInterval(1);
        Manager manager = tomcatContext().getManager();
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    manager.backgroundProcess();
                    return manager.findSession(browser.sessionId()) == null;
                });

        assertThat(entries("LOGOFF_IDLE", "idle.nurse")).singleElement()
                .extracting(AuditEntry::detail).isEqualTo("session timed out");
        // The browser is logged out: the next page asks for the login again.
        assertThat(browser.get("/").headers().firstValue("Location")).get().asString().endsWith("/login");
    }

    @Test
    void aTabLeftOpenWithNobodyAtItIsLoggedOutAndAuditedAsIdle() {
        staff.account("open.tab", "Otto Open", "open tab nurse password", Role.STAFF);
        browser.logIn("open.tab", "open tab nurse password");
        assertThat(browser.get("/?v-r=init&location=&query=").statusCode()).as("the tab's UI starts").isEqualTo(200);
        // Fifteen minutes are three seconds here.
        session(browser.sessionId()).setMaxInactiveInterval(3);

        // The open tab keeps sending heartbeats, which keep the servlet session alive; nobody clicks anything.
        // Vaadin ends its own session once only heartbeats have come for the idle timeout.
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> browser.heartbeat() != 200);

        assertThat(entries("LOGOFF_IDLE", "open.tab")).singleElement()
                .extracting(AuditEntry::detail).isEqualTo("session timed out");
        // Reloading the tab asks for the password again.
        assertThat(browser.get("/").headers().firstValue("Location")).get().asString().endsWith("/login");
    }

    @Test
    void aSessionEndedByLoggingOutIsNotCountedAsIdle() {
        staff.account("leaving.nurse", "Lee Leaving", "leaving nurse password", Role.STAFF);
        browser.logIn("leaving.nurse", "leaving nurse password");
        Session session = session(browser.sessionId());

        // What CurrentStaff.logout() does to the session before Spring Security invalidates it.
        session.getSession().setAttribute(SecurityAudit.LOGGED_OUT, Boolean.TRUE);
        session.getSession().invalidate();

        assertThat(session.isValid()).isFalse();
        assertThat(entries("LOGOFF_IDLE", "leaving.nurse")).isEmpty();
    }

    @Test
    void aSessionThatEndsWithoutAnyoneLoggedInIsNotAudited() {
        int idle = audit.newest("LOGOFF_IDLE", PageRequest.of(0, 1000)).size();
        browser.get("/login");
        Session session = session(browser.sessionId());

        session.getSession().invalidate();

        assertThat(audit.newest("LOGOFF_IDLE", PageRequest.of(0, 1000))).hasSize(idle);
    }

    private List<AuditEntry> entries(String action, String actor) {
        return audit.newest(action, PageRequest.of(0, 1000)).stream().filter(e -> e.actor().equals(actor))
                .toList();
    }

    /** Every value in the audit log, as one text. */
    private String auditLogText() {
        return jdbc.queryForList("select * from audit_event").stream().map(Map::values).map(Object::toString)
                .reduce("", String::concat);
    }

    private Context tomcatContext() {
        TomcatWebServer server = (TomcatWebServer) webContext.getWebServer();
        return (Context) server.getTomcat().getHost().findChildren()[0];
    }

    private Session session(String id) {
        try {
            Session session = tomcatContext().getManager().findSession(id);
            assertThat(session).as("Tomcat session %s", id).isNotNull();
            return session;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
