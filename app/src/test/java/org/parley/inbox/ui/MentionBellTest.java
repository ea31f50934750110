package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.ContextMenuKt._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.contextmenu.MenuItem;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.MessageDeletion;
import org.parley.conversation.Notes;
import org.parley.conversation.MessageView;
import org.parley.inbox.InboxFixtures;
import org.parley.inbox.InboxService;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Issue 19, item 1: the mention bell lists unread mentions at once and opens the note's conversation at the note. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:mentionbell;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class MentionBellTest extends KaribuTest {

    @Autowired
    StaffFixtures staff;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    InboxService inboxes;

    @Autowired
    Notes notes;
    @Autowired
    MessageDeletion deletion;

    StaffMember ada;

    @BeforeEach
    void team() {
        staff.firstAdmin("ada", "Ada Admin", "a long enough password");
        ada = staff.account("ada", "Ada Admin", "a long enough password", Role.ADMIN);
        staff.account("dana", "Dana Front", "a long enough password", Role.STAFF);
        loginAs("ada", "ADMIN");
    }

    private MentionBell bellOf(String username, String role) {
        newSessionAs(username, role);
        // The bell the page frame puts in the top bar (Karibu does not draw the frame itself).
        MentionBell bell = (MentionBell) context.getBean(MentionBell.Item.class).create();
        UI.getCurrent().add(bell);
        return bell;
    }

    private static List<String> items(MentionBell bell) {
        return bell.menu.getItems().stream().map(MenuItem::getText).toList();
    }

    @Test
    void theBellListsAnUnreadMentionBeforeItIsFirstOpenedAndChoosingItOpensTheConversationAtTheNote() {
        String number = "+1929" + (3000000 + (int) (Math.random() * 6999999));
        String first = "first " + UUID.randomUUID();
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number, first);
        long id = inboxes.openConversations(ada, 0, 500).stream().filter(r -> r.preview().equals(first))
                .findFirst().orElseThrow().id();
        MessageView note = notes.addNote(ada, id, "Please call back about the results @dana");
        // More than a page of messages after the note: it is not among the newest drawn at first.
        for (int i = 0; i < MessageThread.PAGE + 5; i++) {
            inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number, "later " + i);
        }

        MentionBell bell = bellOf("dana", "STAFF");

        assertThat(bell.count.getText()).isEqualTo("1");
        assertThat(items(bell)).singleElement().asString().startsWith("Ada Admin mentioned you · ");
        _click(bell.menu.getItems().getFirst());

        InboxView view = _get(InboxView.class);
        assertThat(view.panel.conversationId()).isEqualTo(id);
        assertThat(view.panel.shownMessage()).contains(note.id());
        assertThat(bell.count.getText()).isEmpty();
        assertThat(items(bell)).containsExactly("No unread mentions");
    }

    @Test
    void withoutMentionsTheBellSaysSoAtOnce() {
        MentionBell bell = bellOf("dana", "STAFF");

        assertThat(bell.count.isVisible()).isFalse();
        assertThat(items(bell)).containsExactly("No unread mentions");
    }

    @Test
    void theMenuBadgeCountsAMentionAndDropsItWhenTheNoteIsDeletedWhileAPatientsTextLeavesItAlone() {
        String number = "+1929" + (3000000 + (int) (Math.random() * 6999999));
        String first = "first " + UUID.randomUUID();
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number, first);
        long id = inboxes.openConversations(ada, 0, 500).stream().filter(r -> r.preview().equals(first))
                .findFirst().orElseThrow().id();
        newSessionAs("dana", "STAFF");
        InboxMenuBadge badge = (InboxMenuBadge) context.getBean(InboxMenuBadge.Badge.class).create();
        UI.getCurrent().add(badge);
        assertThat(badge.mentions.isVisible()).isFalse();

        MessageView note = notes.addNote(ada, id, "Dana, the lab called back @dana");
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            roundtrip();
            assertThat(badge.mentions.getText()).isEqualTo("@1");
        });

        // A patient's text moves the unread count, not the mentions.
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number, "and one more thing");
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            roundtrip();
            assertThat(badge.unread.isVisible()).isTrue();
        });
        assertThat(badge.mentions.getText()).isEqualTo("@1");

        deletion.deleteMessage(ada, note.id());
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            roundtrip();
            assertThat(badge.mentions.isVisible()).isFalse();
        });
    }
}
