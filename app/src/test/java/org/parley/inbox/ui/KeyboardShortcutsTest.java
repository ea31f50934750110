package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.ShortcutsKt.fireShortcut;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.inbox.InboxFixtures;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Issue 19, item 9: the front desk works the inbox from the keyboard. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:keyboard;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class KeyboardShortcutsTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    ConversationService conversations;

    @BeforeEach
    void loggedIn() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
    }

    @Test
    void altJAndKMoveThroughTheListAltAAssignsAltCClosesAndAltSlashListsTheShortcuts() {
        for (int i = 0; i < 2; i++) {
            inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+1929308" + (1000 + i * 11 + (int) (Math.random() * 5000)),
                    "keyboard " + i + " " + UUID.randomUUID());
        }
        UI.getCurrent().navigate("inbox");
        InboxView view = _get(InboxView.class);
        List<Long> ids = view.list.getLazyDataView().getItems().map(r -> r.id()).toList();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(2);

        fireShortcut(Key.KEY_J, KeyModifier.ALT);
        assertThat(_get(InboxView.class).panel.conversationId()).isEqualTo(ids.get(0));
        fireShortcut(Key.KEY_J, KeyModifier.ALT);
        assertThat(_get(InboxView.class).panel.conversationId()).isEqualTo(ids.get(1));
        fireShortcut(Key.KEY_K, KeyModifier.ALT);
        long open = _get(InboxView.class).panel.conversationId();
        assertThat(open).isEqualTo(ids.get(0));

        fireShortcut(Key.KEY_A, KeyModifier.ALT);
        assertThat(conversations.header(open).assignment().heldBy(
                directory.findByUsername("admin").orElseThrow().id())).isTrue();
        fireShortcut(Key.KEY_N, KeyModifier.ALT);
        assertThat(_get(InboxView.class).panel.composerTabs.getSelectedTab()).isEqualTo(_get(InboxView.class).panel.noteTab);
        fireShortcut(Key.KEY_R, KeyModifier.ALT);
        assertThat(_get(InboxView.class).panel.composerTabs.getSelectedTab()).isEqualTo(_get(InboxView.class).panel.replyTab);
        fireShortcut(Key.KEY_C, KeyModifier.ALT);
        assertThat(conversations.header(open).status()).isEqualTo(ConversationStatus.CLOSED);

        fireShortcut(Key.of("/"), KeyModifier.ALT);
        assertThat(view.shortcutsHelp.isOpened()).isTrue();
        assertThat(LocatorJ._find(view.shortcutsHelp, Span.class).stream()
                .map(Span::getText).toList()).contains("Alt+J", "Next conversation in the list (opens it)", "Alt+C");
    }
}
