package org.parley.security.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.audit.AuditEntry;
import org.parley.security.Role;
import org.parley.testsupport.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;

/**
 * Automatic logoff in Chromium with a 20-second idle timeout: the warning shows in every tab, "Stay signed in" in
 * one tab closes it in all, and at the timeout every tab leaves for the signed-out page without anyone clicking.
 * Logging out in one tab ends the others the same way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:idle-browser;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.security.idle-timeout=20s",
        "parley.security.idle-warning=8s",
        // The container's own timeout is only the backstop for closed browsers: out of this test's way.
        "server.servlet.session.timeout=10m"})
class IdleLogoffBrowserIT extends BrowserTest {

    private static final Pattern SIGNED_OUT = Pattern.compile(".*/parley/signed-out\\.html$");
    private static final LocatorAssertions.IsVisibleOptions WITHIN_30_S =
            new LocatorAssertions.IsVisibleOptions().setTimeout(30_000);

    @Autowired
    AuditEntries audit;

    private void logIn(Page page, String username, String password) {
        page.navigate(url("/login"));
        page.locator("input[name=username]").fill(username);
        page.locator("input[name=password]").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.locator("#current-staff")).isVisible(PATIENTLY);
    }

    @Test
    void everyTabIsWarnedStaysWhenOneSaysSoAndLeavesAtTheTimeout() {
        staffFixtures.firstAdmin("admin", "Ada Admin", "a long enough password");
        staffFixtures.account("tess", "Tess Tabs", "tess's long password", Role.STAFF);
        BrowserContext browserContext = browser.newContext();
        Page first = browserContext.newPage();
        logIn(first, "tess", "tess's long password");
        Page second = browserContext.newPage();
        second.navigate(url("/patients"));
        assertThat(second.locator("#current-staff")).isVisible(PATIENTLY);

        // Nobody touches anything: both tabs are warned.
        assertThat(first.locator("#idle-countdown")).isVisible(WITHIN_30_S);
        assertThat(first.locator("#idle-countdown")).containsText("You will be signed out in");
        assertThat(second.locator("#idle-countdown")).isVisible(WITHIN_30_S);
        screenshot(first, "idle-warning");

        // "Stay signed in" in one tab closes the warning in both.
        second.locator("#stay-signed-in").click();
        assertThat(first.locator("#idle-countdown")).isHidden();
        assertThat(second.locator("#idle-countdown")).isHidden();

        // Nobody again: warned, then both tabs leave, and the session is gone.
        assertThat(first.locator("#idle-countdown")).isVisible(WITHIN_30_S);
        assertThat(first).hasURL(SIGNED_OUT, new PageAssertions.HasURLOptions().setTimeout(30_000));
        assertThat(second).hasURL(SIGNED_OUT, new PageAssertions.HasURLOptions().setTimeout(30_000));
        assertThat(first.locator("#signed-out")).containsText("You are signed out");
        Assertions.assertThat(audit.newest("LOGOFF_IDLE", PageRequest.of(0, 10)))
                .extracting(AuditEntry::actor).contains("tess");
        first.locator("#sign-in-again").click();
        assertThat(first.locator("vaadin-login-form")).isVisible(PATIENTLY);
        browserContext.close();
    }

    @Test
    void loggingOutInOneTabEndsTheOtherTabsAtOnce() {
        staffFixtures.firstAdmin("admin", "Ada Admin", "a long enough password");
        staffFixtures.account("lou", "Lou Leaving", "lou's long password", Role.STAFF);
        BrowserContext browserContext = browser.newContext();
        Page first = browserContext.newPage();
        logIn(first, "lou", "lou's long password");
        Page second = browserContext.newPage();
        second.navigate(url("/patients"));
        assertThat(second.locator("#current-staff")).isVisible(PATIENTLY);
        // Once the idle warning has reached the second tab, its push connection is surely up.
        assertThat(second.locator("#idle-countdown")).isVisible(WITHIN_30_S);
        second.locator("#stay-signed-in").click();
        assertThat(first.locator("#idle-countdown")).isHidden();

        first.locator("#logout").click();

        assertThat(first.locator("vaadin-login-form")).isVisible(PATIENTLY);
        assertThat(second).hasURL(SIGNED_OUT, new PageAssertions.HasURLOptions().setTimeout(20_000));
        browserContext.close();
    }
}
