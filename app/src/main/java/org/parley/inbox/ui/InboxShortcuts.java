package org.parley.inbox.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.shared.Registration;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/** The inbox's keyboard shortcuts (Alt, so typing in a box never triggers one) and the overlay that lists them. */
class InboxShortcuts {

    /** The shortcuts, as the overlay lists them. */
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Alt+J", "Next conversation in the list (opens it)"},
            new String[] {"Alt+K", "Previous conversation in the list (opens it)"},
            new String[] {"Alt+A", "Assign the open conversation to me"},
            new String[] {"Alt+C", "Close the open conversation"},
            new String[] {"Alt+R", "Reply to the patient (focuses the reply box)"},
            new String[] {"Alt+N", "Write an internal note"},
            new String[] {"Ctrl+Enter", "Send the reply"},
            new String[] {"Alt+/", "Show these shortcuts"});

    private InboxShortcuts() {
    }

    /**
     * Listens for the shortcuts on {@code owner}: {@code step} opens the conversation that many rows below (or above)
     * the open one, {@code panel} is the open conversation (or null), {@code help} shows the overlay.
     */
    static List<Registration> register(Component owner, IntConsumer step, Supplier<ConversationPanel> panel,
                                       Runnable help) {
        KeyModifier alt = KeyModifier.ALT;
        return List.of(
                Shortcuts.addShortcutListener(owner, () -> step.accept(1), Key.KEY_J, alt),
                Shortcuts.addShortcutListener(owner, () -> step.accept(-1), Key.KEY_K, alt),
                Shortcuts.addShortcutListener(owner, () -> press(
                        panel.get() == null ? null : panel.get().assignment.assignToMe), Key.KEY_A, alt),
                Shortcuts.addShortcutListener(owner, () -> press(
                        panel.get() == null ? null : panel.get().assignment.close), Key.KEY_C, alt),
                Shortcuts.addShortcutListener(owner, () -> {
                    ConversationPanel open = panel.get();
                    if (open != null) {
                        open.composerTabs.setSelectedTab(open.replyTab);
                        open.reply.focus();
                    }
                }, Key.KEY_R, alt),
                Shortcuts.addShortcutListener(owner, () -> {
                    ConversationPanel open = panel.get();
                    if (open != null) {
                        open.composerTabs.setSelectedTab(open.noteTab);
                        open.noteComposer.note.focus();
                    }
                }, Key.KEY_N, alt),
                Shortcuts.addShortcutListener(owner, help::run, Key.of("/"), alt));
    }

    /** Clicks a button of the open conversation when it is there and usable (e.g. not "Close" on a closed one). */
    private static void press(Button button) {
        if (button != null && button.isVisible() && button.isEnabled() && button.getParent().isPresent()) {
            button.click();
        }
    }

    /** The overlay listing the shortcuts, opened. */
    static Dialog showHelp() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Keyboard shortcuts");
        Div table = new Div();
        table.setId("shortcuts");
        table.addClassName("shortcuts");
        for (String[] shortcut : SHORTCUTS) {
            Span keys = new Span(shortcut[0]);
            keys.addClassName("keys");
            table.add(keys, new Span(shortcut[1]));
        }
        dialog.add(table);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
        return dialog;
    }
}
