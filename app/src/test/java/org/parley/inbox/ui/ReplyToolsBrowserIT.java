package org.parley.inbox.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.FilePayload;
import java.awt.Color;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.BrowserTest;
import org.parley.testsupport.TestFiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * In Chromium, with the keyboard alone: a template found from the reply box lands in it (replacing the empty text,
 * else at the cursor) and is not sent; then a picture is attached, shown as a thumbnail, sent, and appears on the
 * patient's simulated phone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:reply-tools-browser;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}", "parley.practice.name=Amboy Family Practice"})
class ReplyToolsBrowserIT extends BrowserTest {

    private static final String PATIENT = "+19292060001";

    @Autowired
    SandboxCarrier carrier;

    /** Picks the one template the typed words find, with the arrow keys and Enter. */
    private static void chooseTemplate(Page page, String typed, String name) {
        pickerHasTheKeyboard(page);
        page.keyboard().type(typed);
        assertThat(page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText(name)))
                .isVisible(PATIENTLY);
        page.keyboard().press("ArrowDown");
        page.keyboard().press("Enter");
    }

    /** The picker has the keyboard before anything is typed into it: a busy server opens it a moment later. */
    private static void pickerHasTheKeyboard(Page page) {
        assertThat(page.locator("#template-for-reply input"))
                .isFocused(new LocatorAssertions.IsFocusedOptions().setTimeout(20_000));
    }

    private static boolean loaded(Locator image) {
        return (Boolean) image.evaluate("img => img.complete && img.naturalWidth > 0");
    }

    @Test
    void aTemplateIsInsertedWithTheKeyboardAloneAndAPictureReachesThePatientsPhone() {
        BrowserContext staffBrowser = browser.newContext();
        Page page = staffBrowser.newPage();
        page.setDefaultTimeout(20_000);
        createFirstAdminAndLogIn(page, "frontdesk", "Fran Frontdesk", "a very long passphrase");
        carrier.textPractice("sandbox", PATIENT, "Did you get my voicemail?", null, null, null);
        page.locator("#conversation-list .conversation-row",
                new Page.LocatorOptions().setHasText("Did you get my voicemail?")).click();
        Locator reply = page.locator("#reply textarea");
        assertThat(reply).isEditable(new LocatorAssertions.IsEditableOptions().setTimeout(20_000));

        // "/" in the empty box goes to the templates without typing a slash; Enter inserts, the box has the keyboard.
        reply.focus();
        page.keyboard().press("/");
        chooseTemplate(page, "voicem", "Reply to a voicemail");
        assertThat(reply).hasValue("Hi [patient first name], this is Fran at Amboy Family Practice. We got your "
                + "voicemail. We answer voicemails by text, so you can simply reply to this message. Reply STOP to "
                + "opt out of texts.");
        assertThat(reply).isFocused();

        // In a box with text, Alt+T and Enter insert at the cursor; Escape goes back without inserting.
        reply.fill("Hello. Bye.");
        reply.evaluate("area => area.setSelectionRange(7, 7)");
        page.keyboard().press("Alt+t");
        chooseTemplate(page, "acknow", "Acknowledge message");
        assertThat(reply).hasValue("Hello. Hi [patient first name], thank you for your message. We have received it "
                + "and someone at Amboy Family Practice will get back to you as soon as we can. FranBye.");
        assertThat(reply).isFocused();
        page.keyboard().press("Alt+t");
        pickerHasTheKeyboard(page);
        page.keyboard().type("ack");
        page.keyboard().press("Escape");
        assertThat(reply).isFocused();
        assertThat(page.locator("#thread .bubble.outbound")).hasCount(0);

        // A picture: its name and thumbnail before sending, then sent with the text.
        reply.fill("Here is the leaflet.");
        FileChooser chooser = page.waitForFileChooser(() ->
                page.getByText("Attach picture or file").click());
        chooser.setFiles(new FilePayload("leaflet.png", "image/png", TestFiles.picture("png", Color.GREEN)));
        Locator chosen = page.locator("#attachments .attachment");
        assertThat(chosen.locator(".attachment-name")).hasText("leaflet.png");
        assertThat(chosen.locator("img.thumbnail")).isVisible();
        Assertions.assertThat(loaded(chosen.locator("img.thumbnail"))).isTrue();
        screenshot(page, "reply-with-attachment");
        page.locator("#send").click();

        Locator sent = page.locator("#thread .bubble.outbound",
                new Page.LocatorOptions().setHasText("Here is the leaflet."));
        assertThat(sent.locator(".status")).hasText("delivered",
                new LocatorAssertions.HasTextOptions().setTimeout(20_000));
        assertThat(sent.locator("img")).isVisible();
        assertThat(page.locator("#attachments")).isHidden();

        Page phone = staffBrowser.newPage();
        phone.setDefaultTimeout(20_000);
        phone.navigate(url("/patient-phone"));
        fill(phone, "phone-number", PATIENT);
        Locator received = phone.locator("#phone-screen .bubble.to-phone",
                new Page.LocatorOptions().setHasText("Here is the leaflet."));
        assertThat(received.locator("img")).isVisible(PATIENTLY);
        Assertions.assertThat(loaded(received.locator("img"))).isTrue();
        screenshot(phone, "patient-phone-picture");
        staffBrowser.close();
    }
}
