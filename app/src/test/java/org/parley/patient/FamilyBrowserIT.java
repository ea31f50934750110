package org.parley.patient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.Test;
import org.parley.testsupport.BrowserTest;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * In Chromium: staff create a guardian with a dependent, write to the child's conversation, and the parent's
 * answer from the shared number appears in the child's conversation, not the parent's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:family-browser;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class FamilyBrowserIT extends BrowserTest {

    /** Fills and saves the patient form of the dialog with this title; waits until that dialog has closed. */
    private static void addPatient(Page page, String dialogTitle, String first, String last, String dob, String cell) {
        // The dialog before it may still be closing: wait for this one, and for it alone.
        assertThat(page.getByText(dialogTitle, new Page.GetByTextOptions().setExact(true))).isVisible(PATIENTLY);
        assertThat(page.locator("#patient-first-name").filter(new Locator.FilterOptions().setVisible(true)))
                .hasCount(1);
        fill(page, "patient-first-name", first);
        fill(page, "patient-last-name", last);
        Locator date = visible(page, "#patient-dob input");
        date.fill(dob);
        date.press("Enter");
        if (cell != null) {
            fill(page, "patient-cell", cell);
        }
        visible(page, "#patient-save").click();
        assertThat(page.getByText(dialogTitle, new Page.GetByTextOptions().setExact(true))).isHidden();
    }

    @Test
    void aGuardiansReplyFromTheSharedNumberLandsInTheDependentsConversation() {
        BrowserContext staffBrowser = browser.newContext();
        Page page = staffBrowser.newPage();
        page.setDefaultTimeout(20_000);
        createFirstAdminAndLogIn(page, "nurse", "Nina Nurse", "a very long passphrase");

        // The guardian, then her daughter as a dependent.
        page.navigate(url("/patients"));
        page.locator("#add-patient").click();
        addPatient(page, "New patient", "Maria", "Lopez", "4/2/1985", "(929) 203-4100");
        page.locator("#patients").getByText("Lopez, Maria").click();
        page.locator("#add-dependent").click();
        addPatient(page, "New dependent of Maria Lopez", "Lily", "Lopez", "8/30/2019", null);
        assertThat(page.locator("#patients")).containsText("Guardian's phone");

        // The nurse writes to Lily's conversation; it goes to Maria's phone.
        page.locator("#patients").getByText("Lopez, Lily").click();
        page.locator("#open-conversation").click();
        assertThat(page.locator("#conversation-name")).hasText("Lily Lopez");
        assertThat(page.locator("#texted-via")).hasText("Texts go to Maria Lopez's phone");
        fill(page, "reply", "Lily's check-up is Thursday at 3.");
        page.locator("#send").click();
        Locator sent = page.locator("#thread .bubble.outbound",
                new Page.LocatorOptions().setHasText("Lily's check-up is Thursday at 3."));
        assertThat(sent.locator(".status")).hasText("delivered",
                new LocatorAssertions.HasTextOptions().setTimeout(20_000));

        // Maria answers from her phone.
        Page phone = staffBrowser.newPage();
        phone.setDefaultTimeout(20_000);
        phone.navigate(url("/patient-phone"));
        fill(phone, "phone-number", "+19292034100");
        assertThat(phone.locator("#phone-screen")).containsText("Lily's check-up is Thursday at 3.");
        fill(phone, "phone-text", "Thanks, we'll be there");
        phone.locator("#phone-send").click();
        assertThat(phone.locator("#phone-feedback")).hasText("Sent.");

        // It appears live in Lily's conversation, which is still open.
        assertThat(page.locator("#thread .bubble.inbound",
                new Page.LocatorOptions().setHasText("Thanks, we'll be there"))).isVisible(PATIENTLY);
        assertThat(page.locator("#conversation-name")).hasText("Lily Lopez");
        screenshot(page, "family-dependent-conversation");
        staffBrowser.close();
    }
}
