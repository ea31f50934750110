package org.parley.inbox.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.time.LocalDate;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.parley.inbox.InboxFixtures;
import org.parley.inbox.InboxService;
import org.parley.patient.ContactService;
import org.parley.patient.PatientDetails;
import org.parley.security.Role;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 19, item 7, in Chromium: the inbox works on a 1366x768 front-desk monitor and a 1024x700 tablet (the thread
 * keeps room for several messages, long names stay in their rows), and the Users page fits a 1110 px wide window.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:small-screens-browser;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class SmallScreensBrowserIT extends BrowserTest {

    private static final String LONG_NAME_FIRST = "Maximiliana-Alexandrina";
    private static final String LONG_NAME_LAST = "Vandenberghe-Oppenheimer-Castellanos";

    @Autowired
    InboxFixtures inbox;
    @Autowired
    InboxService inboxes;
    @Autowired
    StaffDirectory directory;
    @Autowired
    ContactService contacts;

    private static double number(Page page, String script) {
        return ((Number) page.evaluate(script)).doubleValue();
    }

    @Test
    void theInboxKeepsRoomForTheThreadAndLongNamesInTheirRowsOnSmallScreensAndTheUsersPageFits() {
        BrowserContext context = browser.newContext();
        Page page = context.newPage();
        page.setDefaultTimeout(20_000);
        createFirstAdminAndLogIn(page, "frontdesk", "Fran Frontdesk", "a very long passphrase");
        String number = "+19293071234";
        contacts.createPatient("frontdesk", new PatientDetails(LONG_NAME_FIRST, LONG_NAME_LAST,
                LocalDate.of(1980, 1, 1), number, null, null));
        String last = "newest " + UUID.randomUUID();
        for (int i = 1; i <= 12; i++) {
            inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number,
                    i == 12 ? last : "Message " + i + " about my appointment next week.");
        }
        long id = inboxes.openConversations(directory.findByUsername("frontdesk").orElseThrow(), 0, 50).stream()
                .filter(r -> r.preview().equals(last)).findFirst().orElseThrow().id();

        for (int[] size : new int[][] {{1366, 768}, {1024, 700}}) {
            page.setViewportSize(size[0], size[1]);
            page.navigate(url("/inbox/" + id));
            assertThat(page.locator("#thread .bubble", new Page.LocatorOptions().setHasText(last))).isVisible(PATIENTLY);
            page.waitForTimeout(1000);
            screenshot(page, "inbox-" + size[0] + "x" + size[1]);
            double thread = number(page, "document.querySelector('#thread').getBoundingClientRect().height");
            double bubble = number(page, "Math.max(...[...document.querySelectorAll('#thread .bubble')]"
                    + ".map(b => b.getBoundingClientRect().height))");
            Assertions.assertThat(thread).as("thread height at %sx%s (tallest message %s px)",
                    size[0], size[1], bubble).isGreaterThanOrEqualTo(3 * bubble);
            double spill = number(page, "Math.max(0, ...[...document.querySelectorAll('#conversation-list "
                    + ".conversation-row')].map(r => r.scrollWidth - r.clientWidth))");
            Assertions.assertThat(spill).as("names spilling out of rows at %sx%s", size[0],
                    size[1]).isLessThanOrEqualTo(1);
            double page1 = number(page, "document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assertions.assertThat(page1).as("page wider than %s", size[0]).isLessThanOrEqualTo(1);
        }

        staffFixtures.account("sam.staff", "Sam Staff", "a very long passphrase", Role.STAFF);
        page.setViewportSize(1110, 768);
        page.navigate(url("/admin/users"));
        assertThat(page.locator("#users")).isVisible(PATIENTLY);
        page.waitForTimeout(1000);
        screenshot(page, "users-1110");
        double overflow = number(page, "(() => { const g = document.querySelector('#users');"
                + " const s = g.shadowRoot.querySelector('#table'); return s.scrollWidth - s.clientWidth; })()");
        Assertions.assertThat(overflow).as("Users grid wider than its 1110 px window")
                .isLessThanOrEqualTo(1);
        context.close();
    }
}
