package org.parley.cluster;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.line.LineService;
import org.parley.security.Role;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.security.TwoFactor;
import org.parley.testsupport.ActingAs;
import org.parley.testsupport.BrowserTest;
import org.parley.testsupport.HttpBrowser;
import org.parley.testsupport.ParleyNodes;
import org.parley.testsupport.SandboxWebhooks;
import org.parley.testsupport.TestStaff;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Two nodes on one PostgreSQL, as behind a load balancer: a person is signed in on node B, an admin changes their
 * account on node A, and B's open tabs follow within seconds without the person clicking anything (deactivated or
 * second factor reset: the login page; demoted: an open admin page closes). A session that sends its next request
 * to B after a deactivation is signed out whether or not B heard of it, since every request asks the database.
 */
class AccountChangesEndOrNarrowSessionsOnEveryNodeIT {

    private static final String PASSWORD = "a very long passphrase";
    /** "Within a few seconds": the change is pushed across nodes, not waited for. */
    private static final double FEW_SECONDS = 8_000;

    @TempDir
    static Path shared;
    static ParleyNodes nodes;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static Playwright playwright;
    static Browser browser;
    static String secret;

    BrowserContext personsBrowser;

    @BeforeAll
    static void startTwoNodesAndABrowser() {
        nodes = new ParleyNodes(shared, Map.of("parley.plugins.dir", System.getProperty("parley.test.plugins-dir")));
        a = nodes.start("a", Map.of());
        b = nodes.start("b", Map.of());
        a.getBean(StaffFixtures.class).account("ada", "Ada Admin", PASSWORD, Role.ADMIN);
        secret = a.getBean(LineService.class).find("sandbox").orElseThrow().settings()
                .get(SandboxWebhooks.SECRET_SETTING);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = BrowserTest.launchChromium(playwright);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @AfterEach
    void closeTheBrowser() {
        if (personsBrowser != null) {
            personsBrowser.close();
        }
    }

    private static void asAdaOnNodeA(Runnable action) {
        ActingAs.run(a.getBean(SecurityContextHolderStrategy.class), "ada", "ADMIN", action);
    }

    private static String nodeB() {
        return "http://localhost:" + ParleyNodes.port(b);
    }

    private Page signedInOnNodeB(String username, String displayName, String totpSecret) {
        personsBrowser = browser.newContext();
        Page page = personsBrowser.newPage();
        page.setDefaultTimeout(20_000);
        page.navigate(nodeB() + "/login");
        page.locator("input[name=username]").fill(username);
        page.locator("input[name=password]").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        if (totpSecret != null) {
            page.locator("#second-factor-code input").fill(b.getBean(StaffFixtures.class).codeNow(totpSecret));
            page.locator("#second-factor-submit").click();
        }
        // A node's first sign-in after start is slow on a shared machine.
        assertThat(page.locator("#current-staff")).hasText(displayName,
                new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        return page;
    }

    private static Page showingAPatient(Page page) {
        String text = patientTextsNodeA("Is my prescription ready? ");
        page.navigate(nodeB() + "/inbox?view=all");
        assertThat(row(page, text)).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
        // The open inbox is live (its push connection is up): a second text appears without a click.
        assertThat(row(page, patientTextsNodeA("And the refill? "))).isVisible(
                new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
        return page;
    }

    private static String patientTextsNodeA(String words) {
        String text = words + UUID.randomUUID();
        try (SandboxWebhooks webhooks = SandboxWebhooks.at(ParleyNodes.port(a))) {
            assertThat(webhooks.post("sandbox", SandboxWebhooks.SMS, secret, SandboxWebhooks.inboundSms(
                    "SM-" + UUID.randomUUID(), "+1929555" + ThreadLocalRandom.current().nextInt(1000, 9999),
                    "+15555550100", text)).statusCode()).isEqualTo(200);
        }
        return text;
    }

    private static Locator row(Page page, String text) {
        return page.locator("#conversation-list .conversation-row", new Page.LocatorOptions().setHasText(text));
    }

    private static void isAtTheLoginPageWithinSeconds(Page page) {
        assertThat(page).hasURL(Pattern.compile(".*/login$"), new PageAssertions.HasURLOptions().setTimeout(FEW_SECONDS));
        assertThat(page.locator("#conversation-list")).isHidden();
    }

    @Test
    void aPersonDeactivatedOnNodeALosesTheirOpenInboxOnNodeBWithinSeconds() {
        StaffMember sam = a.getBean(StaffFixtures.class).account("sam", "Sam Staff", PASSWORD, Role.STAFF);
        Page inbox = showingAPatient(signedInOnNodeB("sam", "Sam Staff", null));

        asAdaOnNodeA(() -> a.getBean(StaffDirectory.class).setActive(TestStaff.named("ada"), sam.id(), false));

        isAtTheLoginPageWithinSeconds(inbox);
        inbox.navigate(nodeB() + "/inbox");
        assertThat(inbox).hasURL(Pattern.compile(".*/login$"));
    }

    @Test
    void aPersonWhoseSecondFactorIsResetOnNodeAIsSignedOutOnNodeBWithinSeconds() {
        StaffMember tia = a.getBean(StaffFixtures.class).account("tia", "Tia Two", PASSWORD, Role.STAFF);
        String totp = a.getBean(StaffFixtures.class).enrolTwoFactor("tia");
        Page inbox = showingAPatient(signedInOnNodeB("tia", "Tia Two", totp));

        asAdaOnNodeA(() -> a.getBean(TwoFactor.class).reset(TestStaff.named("ada"), tia.id()));

        isAtTheLoginPageWithinSeconds(inbox);
    }

    @Test
    void anAdminDemotedOnNodeASeesTheirOpenUsersPageOnNodeBCloseWithinSeconds() {
        StaffMember uma = a.getBean(StaffFixtures.class).account("uma", "Uma Admin", PASSWORD, Role.ADMIN);
        // Admins sign in with a second factor.
        String totp = a.getBean(StaffFixtures.class).enrolTwoFactor("uma");
        Page page = signedInOnNodeB("uma", "Uma Admin", totp);
        page.navigate(nodeB() + "/admin/users");
        assertThat(page.locator("#create-user")).isVisible();

        asAdaOnNodeA(() -> a.getBean(StaffDirectory.class).setRole(TestStaff.named("ada"), uma.id(), Role.STAFF));

        assertThat(page.locator("#administrators-only")).isVisible(
                new LocatorAssertions.IsVisibleOptions().setTimeout(FEW_SECONDS));
        assertThat(page.locator("#create-user")).isHidden();
        page.navigate(nodeB() + "/inbox");
        // still signed in, as staff
        assertThat(page.locator("#conversation-list")).isVisible();
    }

    @Test
    void aSessionsNextRequestToNodeBAfterADeactivationOnNodeAIsSignedOutByTheDatabaseCheck() {
        StaffMember vic = a.getBean(StaffFixtures.class).account("vic", "Vic Staff", PASSWORD, Role.STAFF);
        try (HttpBrowser http = new HttpBrowser(URI.create(nodeB()))) {
            http.logIn("vic", PASSWORD);
            assertThat(http.navigate("inbox")).contains("conversation-list");

            asAdaOnNodeA(() -> a.getBean(StaffDirectory.class).setActive(TestStaff.named("ada"), vic.id(), false));

            assertThat(http.navigate("inbox")).doesNotContain("conversation-list");
        }
    }
}
