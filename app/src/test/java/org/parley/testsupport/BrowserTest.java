package org.parley.testsupport;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.parley.security.StaffFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of tests in a real browser: Debian's Chromium driven by Playwright (no browser download), against the
 * app on a random port. Subclasses are {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}.
 */
public abstract class BrowserTest {

    private static final String CHROMIUM = System.getProperty("parley.test.chromium", "/usr/bin/chromium");
    /** Waiting for what pushes and webhooks bring. */
    protected static final LocatorAssertions.IsVisibleOptions PATIENTLY =
            new LocatorAssertions.IsVisibleOptions().setTimeout(20_000);

    protected static final LocatorAssertions.ContainsTextOptions PATIENTLY_TEXT =
            new LocatorAssertions.ContainsTextOptions().setTimeout(20_000);
    protected static Playwright playwright;
    protected static Browser browser;

    @LocalServerPort
    protected int port;

    @Autowired
    protected StaffFixtures staffFixtures;

    @BeforeAll
    static void startChromium() {
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            throw new IllegalStateException("Chromium is not installed at " + CHROMIUM
                    + ": run 'apt-get install -y chromium' (or set -Dparley.test.chromium=/path/to/chromium)");
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = launchChromium(playwright);
    }

    /** Debian's Chromium, headless, with the flags every browser test uses (also for tests that are no Spring test). */
    public static Browser launchChromium(Playwright playwright) {
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            throw new IllegalStateException("Chromium is not installed at " + CHROMIUM
                    + ": run 'apt-get install -y chromium' (or set -Dparley.test.chromium=/path/to/chromium)");
        }
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(CHROMIUM))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Types into the visible Vaadin field with this id (a closing dialog may still hold one of the same id). */
    protected static void fill(Page page, String fieldId, String value) {
        visible(page, "#" + fieldId + " input, #" + fieldId + " textarea").fill(value);
    }

    /** The first visible element matching {@code selector}. */
    protected static Locator visible(Page page, String selector) {
        return page.locator(selector).filter(new Locator.FilterOptions().setVisible(true))
                .first();
    }

    /**
     * On an empty Parley: creates the first admin on the first-run page, then logs in as them, setting up
     * two-factor sign-in on the way as every admin must; returns the authenticator secret.
     */
    protected String createFirstAdminAndLogIn(Page page, String username, String name, String password) {
        page.navigate(url("/"));
        assertThat(page.getByText("Welcome to Parley")).isVisible(PATIENTLY);
        fill(page, "practice-name", "Amboy Family Practice");
        fill(page, "setup-username", username);
        fill(page, "setup-name", name);
        fill(page, "setup-password", password);
        fill(page, "setup-confirm", password);
        page.locator("#setup-create").click();
        assertThat(page.locator("vaadin-login-form")).isVisible(PATIENTLY);
        page.locator("input[name=username]").fill(username);
        page.locator("input[name=password]").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        // Right after the password: the setup, whose confirming code completes this sign-in.
        assertThat(page.locator("#totp-secret")).isVisible(PATIENTLY);
        String secret = page.locator("#totp-secret").textContent().replace(" ", "");
        fill(page, "enrol-code", staffFixtures.codeNow(secret));
        page.locator("#enrol-confirm").click();
        assertThat(page.locator("#recovery-codes li")).hasCount(10);
        page.locator("#enrol-continue").click();
        assertThat(page.locator("#current-staff"))
                .hasText(name, new LocatorAssertions.HasTextOptions().setTimeout(20_000));
        return secret;
    }

    /** Saves a screenshot under target/screenshots, for a person to look at. */
    protected static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png")));
    }
}
