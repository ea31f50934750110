package org.parley.base.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.parley.security.Role;
import org.parley.testsupport.BrowserTest;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 19, item 6, in Chromium: staff opening an admin page's link are told it needs an administrator (not "Could not
 * navigate"); admins find the admin pages under "Administration"; the page has a favicon.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:navigation-browser;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class NavigationBrowserIT extends BrowserTest {

    @Test
    void staffOpeningAnAdminLinkAreToldItNeedsAnAdministratorAndAdminsFindItUnderAdministration() {
        BrowserContext adminBrowser = browser.newContext();
        Page admin = adminBrowser.newPage();
        admin.setDefaultTimeout(20_000);
        createFirstAdminAndLogIn(admin, "ada", "Ada Admin", "a very long passphrase");
        assertThat(admin.locator("#menu-administration")).containsText("Administration");
        assertThat(admin.locator("#menu-administration")).containsText("Users");
        String icon = admin.locator("link[rel=icon]").first().getAttribute("href");
        Assertions.assertThat(icon).endsWith("favicon.svg");
        Assertions.assertThat(admin.request().get(url("/" + icon.replaceFirst("^/", ""))).status())
                .isEqualTo(200);
        adminBrowser.close();

        staffFixtures.account("sam", "Sam Staff", "a very long passphrase", Role.STAFF);
        BrowserContext staffBrowser = browser.newContext();
        Page page = staffBrowser.newPage();
        page.setDefaultTimeout(20_000);
        page.navigate(url("/login"));
        page.locator("input[name=username]").fill("sam");
        page.locator("input[name=password]").fill("a very long passphrase");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.locator("#current-staff")).hasText("Sam Staff");
        assertThat(page.locator("#menu-administration")).isHidden();

        page.navigate(url("/admin/users"));
        assertThat(page.getByText("This page is for administrators")).isVisible(PATIENTLY);
        assertThat(page.getByText("Could not navigate")).hasCount(0);
        screenshot(page, "needs-admin");
        staffBrowser.close();
    }
}
