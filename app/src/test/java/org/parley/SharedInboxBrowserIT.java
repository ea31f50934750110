package org.parley;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.security.Role;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.ActingAs;
import org.parley.testsupport.BrowserTest;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * The front desk's main path in Chromium: take a patient's conversation from the list, write a note mentioning a
 * colleague, who sees the bell, opens it and so marks the mention read (the writer sees it live), close the
 * conversation and see it come back with the patient's next text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:sharedinboxbrowser;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class SharedInboxBrowserIT extends BrowserTest {

    private static final String PASSWORD = "a very long passphrase";

    @Autowired
    StaffFixtures staff;
    @Autowired
    StaffDirectory directory;
    @Autowired
    ListService lists;
    @Autowired
    SandboxCarrier carrier;
    @Autowired
    SecurityContextHolderStrategy security;

    /** Runs an admin action as the admin would, through the services' own checks. */
    private <T> T asAdmin(Supplier<T> action) {
        return ActingAs.call(security, "ada", "ADMIN", action);
    }

    private void logIn(Page page, String username, String name) {
        page.navigate(url("/login"));
        page.locator("input[name=username]").fill(username);
        page.locator("input[name=password]").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.locator("#current-staff")).hasText(name);
    }

    private static Locator row(Page page, String text) {
        return page.locator("#conversation-list .conversation-row", new Page.LocatorOptions().setHasText(text));
    }

    @Test
    void takeFromTheListMentionAColleagueWhoReadsItCloseAndSeeItReopen() {
        BrowserContext adaBrowser = browser.newContext();
        Page ada = adaBrowser.newPage();
        ada.setDefaultTimeout(20_000);
        createFirstAdminAndLogIn(ada, "ada", "Ada Admin", PASSWORD);
        StaffMember adaMember = directory.findByUsername("ada").orElseThrow();
        StaffMember dana = staff.account("dana", "Dana Front", PASSWORD, Role.STAFF);
        InboxListSummary frontDesk = asAdmin(() -> {
            InboxListSummary list = lists.create(TestStaff.named("ada"), "Front Desk");
            lists.setMembers(TestStaff.named("ada"), list.id(), Set.of(adaMember.id(), dana.id()));
            lists.setDefaultList(TestStaff.named("ada"), "sandbox", list.id());
            return list;
        });

        // A patient texts; the conversation waits in Front Desk with its badge.
        carrier.textPractice("sandbox", "+19292031111", "Can someone check my MRI results?", null, null, null);
        ada.navigate(url("/inbox?view=list-" + frontDesk.id()));
        Locator waiting = row(ada, "Can someone check my MRI results?");
        assertThat(waiting).isVisible(PATIENTLY);
        assertThat(waiting.locator(".assignment-badge")).hasText("Front Desk");

        // Ada takes it: it leaves the list's queue and the thread says so.
        waiting.click();
        ada.locator("#assign-to-me").click();
        assertThat(ada.locator("#assigned-to")).hasText("Assigned to Ada Admin");
        assertThat(ada.locator("#thread")).containsText("Taken by Ada Admin.");
        // (The grid may keep a recycled row's cell in the page, hidden.)
        assertThat(waiting).isHidden();

        // A note mentioning Dana, picked from the suggestions.
        ada.locator("#note-tab").click();
        visible(ada, "#note textarea").pressSequentially("Dana, could you call her back? @da");
        ada.locator(".mention-suggestion[data-username=dana]").click();
        ada.locator("#add-note").click();
        Locator note = ada.locator("#thread .bubble.note", new Page.LocatorOptions().setHasText("could you call her back"));
        assertThat(note).containsText("@dana");
        assertThat(note.locator(".mention-unread")).hasText("@Dana Front · not read yet");
        String conversationUrl = ada.url();

        // Dana sees the bell, opens the conversation, and Ada sees the mention read without reloading.
        BrowserContext danaBrowser = browser.newContext();
        Page danaPage = danaBrowser.newPage();
        danaPage.setDefaultTimeout(20_000);
        logIn(danaPage, "dana", "Dana Front");
        assertThat(danaPage.locator("#mention-count")).hasText("1");
        danaPage.navigate(conversationUrl);
        assertThat(danaPage.locator("#thread")).containsText("could you call her back");
        assertThat(danaPage.locator("#mention-count")).isHidden();
        assertThat(note.locator(".mention-read")).containsText("@Dana Front · read ", PATIENTLY_TEXT);

        // Ada closes it: it leaves the open views; the patient's next text brings it back into Ada's inbox.
        ada.locator("#close-conversation").click();
        assertThat(ada.locator("#thread")).containsText("Closed by Ada Admin.");
        ada.navigate(url("/inbox?view=mine"));
        assertThat(row(ada, "Can someone check my MRI results?")).isHidden();
        carrier.textPractice("sandbox", "+19292031111", "Any news about the MRI?", null, null, null);
        assertThat(row(ada, "Any news about the MRI?")).isVisible(PATIENTLY);
        screenshot(ada, "shared-inbox");
        adaBrowser.close();
        danaBrowser.close();
    }
}
