package org.parley;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.audit.AuditEntry;
import org.parley.testsupport.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;

/**
 * The walking skeleton as a person sees it, in Debian's Chromium: the first admin is created, logs in, a
 * text sent from the patient phone simulator appears in the inbox without a reload, and the staff reply
 * reaches the simulated phone as delivered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:browser;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class WalkingSkeletonBrowserIT extends BrowserTest {

    @Autowired
    AuditEntries audit;

    @Test
    void firstAdminLogsInSeesAPatientTextArriveLiveAndTheReplyIsDelivered() {
        BrowserContext staffBrowser = browser.newContext();
        Page inbox = staffBrowser.newPage();
        inbox.setDefaultTimeout(20_000);

        // First run: no account exists, so Parley asks for the administrator, who then logs in.
        createFirstAdminAndLogIn(inbox, "frontdesk", "Fran Frontdesk", "a very long passphrase");
        assertThat(inbox.locator("#conversation-list")).isVisible(PATIENTLY);

        // A patient texts from the simulator, in another tab of the same browser.
        Page phone = staffBrowser.newPage();
        phone.setDefaultTimeout(20_000);
        phone.navigate(url("/patient-phone"));
        fill(phone, "phone-number", "+19292038684");
        fill(phone, "phone-text", "Hi, my inhaler prescription ran out");
        phone.locator("#phone-send").click();
        assertThat(phone.locator("#phone-feedback")).hasText("Sent.");

        // The inbox shows it without a reload, marked as unseen, with the formatted number.
        Locator row = inbox.locator("#conversation-list .conversation-row",
                new Page.LocatorOptions().setHasText("Hi, my inhaler prescription ran out"));
        assertThat(row).isVisible(PATIENTLY);
        assertThat(row).containsText("(929) 203-8684");
        assertThat(row.locator(".unread-dot")).isVisible();

        // Open it and reply.
        row.click();
        assertThat(inbox.locator("#conversation-name")).hasText("(929) 203-8684");
        assertThat(inbox.locator("#thread")).containsText("Hi, my inhaler prescription ran out");
        fill(inbox, "reply", "We sent a refill to your pharmacy.");
        inbox.locator("#send").click();

        // The reply goes queued -> sent -> delivered, live.
        Locator reply = inbox.locator("#thread .bubble.outbound",
                new Page.LocatorOptions().setHasText("We sent a refill to your pharmacy."));
        assertThat(reply).isVisible(PATIENTLY);
        assertThat(reply.locator(".status")).hasText("delivered",
                new LocatorAssertions.HasTextOptions().setTimeout(20_000));
        assertThat(reply).containsText("Fran Frontdesk");

        // And the simulated phone shows the reply as delivered.
        Locator received = phone.locator("#phone-screen .bubble.to-phone",
                new Page.LocatorOptions().setHasText("We sent a refill to your pharmacy."));
        assertThat(received).isVisible(PATIENTLY);
        assertThat(received).hasAttribute("data-status", "delivered");

        screenshot(inbox, "inbox");
        screenshot(phone, "patient-phone");

        // Logging out ends the session in every tab, and the log shows who came and went.
        inbox.locator("#logout").click();
        try {
            assertThat(inbox.locator("vaadin-login-form")).isVisible(PATIENTLY);
        } catch (AssertionError noLoginForm) {
            // Seen once in a clean-clone CI run (2026-12-08) and not again: what the page showed instead says why.
            screenshot(inbox, "after-logout-no-login-form");
            throw noLoginForm;
        }
        // The other tab is sent away at once, without anyone touching it.
        assertThat(phone).hasURL(Pattern.compile(".*/parley/signed-out\\.html$"),
                new PageAssertions.HasURLOptions().setTimeout(20_000));
        phone.reload();
        assertThat(phone.locator("#signed-out")).containsText("You are signed out");
        Assertions.assertThat(audit.newest(PageRequest.of(0, 200)))
                .filteredOn(entry -> entry.actor().equals("frontdesk"))
                .extracting(AuditEntry::action)
                .contains("LOGIN", "CONVERSATION_VIEWED", "MESSAGE_QUEUED", "LOGOUT")
                .doesNotContain("LOGOFF_IDLE");
        staffBrowser.close();
    }
}
