package org.parley.inbox.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.parley.inbox.InboxFixtures;
import org.parley.inbox.InboxService;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 19, item 3: a conversation opened by its link (as notification e-mails link to it), or reloaded, shows its
 * newest message, not its oldest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:opened-by-link-browser;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class OpenedByLinkBrowserIT extends BrowserTest {

    @Autowired
    InboxFixtures inbox;
    @Autowired
    InboxService inboxes;
    @Autowired
    StaffDirectory directory;

    /** Whether the newest message is inside the thread's visible area. */
    private static String newestInView(Page page) {
        return (String) page.locator("#thread").evaluate("""
                thread => {
                    const bubbles = thread.querySelectorAll('.bubble');
                    const newest = bubbles[bubbles.length - 1].getBoundingClientRect();
                    const box = thread.getBoundingClientRect();
                    const ok = thread.scrollHeight > thread.clientHeight + 100
                        && newest.bottom <= box.bottom + 1 && newest.top >= box.top - 1;
                    return ok ? 'in view' : 'scrollTop ' + thread.scrollTop + ', clientHeight ' + thread.clientHeight
                        + ', scrollHeight ' + thread.scrollHeight + ', newest ' + newest.top + '-' + newest.bottom;
                }""");
    }

    @Test
    void aConversationOpenedByItsLinkOrReloadedShowsItsNewestMessage() {
        BrowserContext staffBrowser = browser.newContext();
        Page page = staffBrowser.newPage();
        page.setViewportSize(1366, 768);
        page.setDefaultTimeout(20_000);
        createFirstAdminAndLogIn(page, "frontdesk", "Fran Frontdesk", "a very long passphrase");
        String number = "+19292061231";
        String last = "newest " + UUID.randomUUID();
        for (int i = 1; i <= 30; i++) {
            inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number, i == 30 ? last
                    : "Message number " + i + " about my appointment next week, and a few more words to fill a line.");
        }
        long id = inboxes.openConversations(directory.findByUsername("frontdesk").orElseThrow(), 0, 50).stream()
                .filter(r -> r.preview().equals(last)).findFirst().orElseThrow().id();

        page.navigate(url("/inbox/" + id));
        Locator newest = page.locator("#thread .bubble", new Page.LocatorOptions().setHasText(last));
        assertThat(newest).isVisible(PATIENTLY);
        page.waitForTimeout(1500);
        Assertions.assertThat(newestInView(page)).as("opened by link").isEqualTo("in view");

        page.reload();
        assertThat(newest).isVisible(PATIENTLY);
        page.waitForTimeout(1500);
        Assertions.assertThat(newestInView(page)).as("reloaded").isEqualTo("in view");
        screenshot(page, "opened-by-link");
        staffBrowser.close();
    }
}
