package org.parley.broadcast.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.parley.patient.ContactService;
import org.parley.patient.PatientDetails;
import org.parley.testsupport.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * In Chromium: an admin writes a broadcast to the patients born in 1944, sees who is skipped and the filled texts,
 * sends it and watches the progress reach every patient as delivered. Quiet hours span the whole day here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:broadcast-browser;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.outbound.poll-interval=200ms",
        "parley.outbound.messages-per-second-per-line=20",
        "parley.broadcast.poll-interval=200ms",
        "parley.quiet-hours.start=00:00",
        "parley.quiet-hours.end=23:59"})
class BroadcastBrowserIT extends BrowserTest {

    @Autowired
    ContactService contacts;

    private static void date(Page page, String id, String typed) {
        Locator date = visible(page, "#" + id + " input");
        date.fill(typed);
        date.press("Enter");
    }

    @Test
    void anAdminSendsABroadcastAndWatchesItReachEveryPatient() {
        BrowserContext adminBrowser = browser.newContext();
        Page page = adminBrowser.newPage();
        page.setDefaultTimeout(20_000);
        createFirstAdminAndLogIn(page, "admin", "Ada Admin", "a very long passphrase");
        contacts.createPatient("admin", new PatientDetails("Edna", "Frost", LocalDate.of(1944, 2, 1),
                "(929) 203-5511", null, null));
        contacts.createPatient("admin", new PatientDetails("Hal", "Frost", LocalDate.of(1944, 3, 1),
                "(929) 203-5512", null, null));
        contacts.createPatient("admin", new PatientDetails("Ivy", "Frost", LocalDate.of(1944, 4, 1),
                "(929) 203-5513", null, null));
        contacts.createPatient("admin", new PatientDetails("Gus", "Frost", LocalDate.of(1944, 5, 1), "", null,
                null));

        page.navigate(url("/admin/broadcasts"));
        fill(page, "broadcast-name", "Flu shots");
        fill(page, "broadcast-body", "Hi {patient.firstName}, flu shots are in. Reply to book.");
        date(page, "broadcast-born-from", "1/1/1944");
        date(page, "broadcast-born-to", "12/31/1944");
        page.locator("#broadcast-check").click();

        assertThat(page.locator("#broadcast-plan")).hasText("3 patients will get it; 1 skipped.");
        assertThat(page.locator("#broadcast-skip-reasons")).hasText("Skipped: no cell number 1.");
        assertThat(page.locator("#broadcast-skipped")).containsText("Gus Frost");
        assertThat(page.locator("#broadcast-previews")).containsText(
                "Edna Frost: Hi Edna, flu shots are in. Reply to book.");
        screenshot(page, "broadcast-before-sending");

        page.locator("#broadcast-send").click();
        assertThat(page.locator("#broadcast-progress-title")).containsText("Flu shots");
        assertThat(page.locator("#broadcast-progress")).containsText(
                "4 recipients: sent 0, delivered 3, failed 0, skipped 1, waiting 0, in the queue 0.",
                new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        assertThat(page.locator("#broadcast-progress-title")).hasText("Flu shots: all queued (report)");
        screenshot(page, "broadcast-report");
        adminBrowser.close();
    }
}
