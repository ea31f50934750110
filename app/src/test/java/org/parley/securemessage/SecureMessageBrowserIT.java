package org.parley.securemessage;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.parley.patient.ContactService;
import org.parley.patient.PatientDetails;
import org.parley.simulator.PhoneEntry;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * In Chromium: staff send a reply securely from a conversation; the patient, on a phone-sized screen (320 px wide),
 * opens the link from the text, gets the date of birth wrong once (the error is tied to the field), gets it right,
 * reads the message, answers; the staff member's open conversation shows "Opened by the patient" and the answer live,
 * without reloading.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:secure-message-browser;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}", "parley.practice.name=Amboy Family Practice"})
@WithMockUser(username = "frontdesk", roles = "ADMIN")
class SecureMessageBrowserIT extends BrowserTest {

    private static final String PATIENT = "+19292060018";
    private static final Pattern LINK = Pattern.compile("https?://\\S+/s/[A-Za-z0-9_-]+");

    @Autowired
    SandboxCarrier carrier;
    @Autowired
    ContactService contacts;

    private List<PhoneEntry> texts() {
        return carrier.phone(PATIENT, 20).stream().filter(entry -> !entry.fromPhone()).toList();
    }

    @Test
    void aPatientOpensASecureMessageOnAPhoneFailsTheDateOnceReadsAndAnswersAndStaffSeeItLive() throws Exception {
        BrowserContext staffBrowser = browser.newContext();
        Page staff = staffBrowser.newPage();
        staff.setDefaultTimeout(20_000);
        createFirstAdminAndLogIn(staff, "frontdesk", "Fran Frontdesk", "a very long passphrase");
        contacts.createPatient("frontdesk", new PatientDetails("Lucia", "Serrano", LocalDate.of(1984, 7, 9),
                PATIENT, null, null));
        carrier.textPractice("sandbox", PATIENT, "Are my lab results in?", null, null, null);
        staff.locator("#conversation-list .conversation-row",
                new Page.LocatorOptions().setHasText("Are my lab results in?")).click();
        Locator reply = staff.locator("#reply textarea");
        assertThat(reply).isEditable(new LocatorAssertions.IsEditableOptions().setTimeout(20_000));
        reply.fill("Your cholesterol is 182 mg/dL, within range.");
        staff.locator("#send-securely").click();
        assertThat(staff.locator("#thread .bubble.system", new Page.LocatorOptions().setHasText("Sent securely")))
                .isVisible(PATIENTLY);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !texts().isEmpty());
        String sms = texts().getLast().body();
        Assertions.assertThat(sms).doesNotContain("cholesterol");
        Matcher link = LINK.matcher(sms);
        Assertions.assertThat(link.find()).isTrue();

        BrowserContext phoneBrowser = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(320, 640).setIsMobile(true).setHasTouch(true));
        Page phone = phoneBrowser.newPage();
        phone.setDefaultTimeout(20_000);
        phone.navigate(link.group());
        assertThat(phone.locator("html")).hasAttribute("lang", "en");
        assertThat(phone.getByText("Amboy Family Practice")).isVisible();
        Assertions.assertThat(phone.content()).doesNotContain("Lucia")
                .doesNotContain("cholesterol");

        Locator dob = phone.getByLabel("Date of birth");
        dob.fill("1984-07-10");
        phone.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Continue")).click();
        Locator error = phone.locator("#dob-error");
        assertThat(error).containsText("does not match");
        assertThat(phone.getByLabel("Date of birth")).hasAttribute("aria-describedby", "dob-hint dob-error");

        phone.getByLabel("Date of birth").fill("1984-07-09");
        phone.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(phone.locator("#message-text")).hasText("Your cholesterol is 182 mg/dL, within range.");
        Assertions.assertThat((Boolean) phone.evaluate(
                "() => document.documentElement.scrollWidth <= window.innerWidth")).as("fits 320 px").isTrue();
        screenshot(phone, "secure-message-phone");

        assertThat(staff.locator("#thread .bubble.system",
                new Page.LocatorOptions().setHasText("Opened by the patient at"))).isVisible(PATIENTLY);

        phone.getByLabel("Your answer").fill("Thank you, that is good news.");
        phone.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Send answer")).click();
        assertThat(phone.locator("#answer-sent")).isVisible();

        assertThat(staff.locator("#thread .bubble.inbound",
                new Page.LocatorOptions().setHasText("Thank you, that is good news."))).isVisible(PATIENTLY);
        assertThat(staff.locator("#thread .bubble.system",
                new Page.LocatorOptions().setHasText("Answered in the secure page"))).isVisible(PATIENTLY);
        screenshot(staff, "secure-message-staff");
        phoneBrowser.close();
        staffBrowser.close();
    }
}
