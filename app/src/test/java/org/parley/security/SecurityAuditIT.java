package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.parley.audit.AuditLog;
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
    AuditLog audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;
    @Autowired
    ServletWebServerApplicationContext webContext;

    private Browser browser;

    @BeforeEach
    void anAdminExists() {
        staff.firstAdmin(ADMIN, "Ada Admin", ADMIN_PASSWORD);
        browser = new Browser(URI.create("http://localhost:" + port));
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

    /** Plays a browser: keeps its cookies, follows no redirects, so the test sees where it is sent. */
    static final class Browser implements AutoCloseable {

        private final URI base;
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http;

        Browser(URI base) {
            this.base = base;
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(base.resolve(path)).GET());
        }

        /**
         * Opens the login page (which starts the session), then posts the form as Vaadin's login form does:
         * {@code username} and {@code password} to {@code /login}. Vaadin's security configurer exempts its
         * login page from CSRF protection, so the form carries no token.
         */
        HttpResponse<String> logIn(String username, String password) {
            assertThat(get("/login").statusCode()).isEqualTo(200);
            String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
            return send(HttpRequest.newBuilder(base.resolve("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        /**
         * Opens a Vaadin tab and navigates it to {@code route} as the browser's router does (the bootstrap, then a
         * {@code ui-navigate} event); answers what the server sent back, the elements of the view it drew.
         */
        String navigate(String route) {
            String bootstrap = get("/?v-r=init&location=&query=").body();
            java.util.regex.Matcher key = java.util.regex.Pattern.compile("\"Vaadin-Security-Key\":\"([^\"]+)\"")
                    .matcher(bootstrap);
            java.util.regex.Matcher ui = java.util.regex.Pattern.compile("\"v-uiId\":(\\d+)").matcher(bootstrap);
            assertThat(key.find() && ui.find()).as("a Vaadin bootstrap: %s", bootstrap).isTrue();
            String message = "{\"csrfToken\":\"" + key.group(1) + "\",\"rpc\":[{\"type\":\"event\",\"node\":1,"
                    + "\"event\":\"ui-navigate\",\"data\":{\"route\":\"" + route + "\",\"query\":\"\","
                    + "\"appShellTitle\":\"\",\"historyState\":{\"idx\":0},\"trigger\":\"\"}}],\"syncId\":0,"
                    + "\"clientId\":0}";
            return send(HttpRequest.newBuilder(base.resolve("/?v-r=uidl&v-uiId=" + ui.group(1)))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(message))).body();
        }

        /** The heartbeat an open Vaadin tab sends every few minutes; returns its HTTP status. */
        int heartbeat() {
            return send(HttpRequest.newBuilder(base.resolve("/?v-r=heartbeat&v-uiId=0"))
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode();
        }

        String sessionId() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                    .map(HttpCookie::getValue).findFirst()
                    .orElseThrow(() -> new AssertionError("the browser has no session cookie"));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
