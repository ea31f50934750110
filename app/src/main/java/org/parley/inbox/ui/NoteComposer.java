package org.parley.inbox.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.conversation.Notes;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;

/**
 * Writes internal notes: never sent to the patient. Typing {@code @} and a few letters offers matching colleagues
 * (Tab reaches the offers, Enter picks one); each {@code @username} in the note mentions that colleague.
 */
class NoteComposer extends VerticalLayout {

    private static final Pattern TYPING_MENTION = Pattern.compile("(?:^|\\s)@([\\w.-]*)$");

    private final Notes notes;
    private final StaffDirectory staff;
    private final StaffMember me;
    private final long conversationId;
    private final Runnable added;
    final TextArea note = new TextArea();
    final Button addNote = new Button("Add note");
    final Div suggestions = new Div();
    final Span error = new Span();

    NoteComposer(Notes notes, StaffDirectory staff, StaffMember me, long conversationId,
                 Runnable added) {
        this.notes = notes;
        this.staff = staff;
        this.me = me;
        this.conversationId = conversationId;
        this.added = added;
        setPadding(false);
        setSpacing(false);
        note.setId("note");
        note.setWidthFull();
        note.setPlaceholder("Internal note for the team: the patient never sees it. Type @ to mention a colleague.");
        note.setMaxLength(Notes.MAX_NOTE_LENGTH);
        note.setValueChangeMode(ValueChangeMode.EAGER);
        note.addValueChangeListener(e -> suggest());
        note.addClassName("note-input");
        addNote.setId("add-note");
        addNote.addThemeVariants(ButtonVariant.PRIMARY);
        addNote.addClickListener(e -> save());
        addNote.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        suggestions.setId("mention-suggestions");
        suggestions.addClassName("mention-suggestions");
        error.setId("note-error");
        error.addClassName("parley-error");
        HorizontalLayout row = new HorizontalLayout(note, addNote);
        row.setWidthFull();
        row.setAlignItems(Alignment.END);
        row.expand(note);
        add(error, row, suggestions);
    }

    /** Offers colleagues for the {@code @name} being typed at the end of the note. */
    void suggest() {
        suggestions.removeAll();
        Matcher typing = TYPING_MENTION.matcher(note.getValue());
        if (!typing.find()) {
            return;
        }
        String typed = typing.group(1);
        List<StaffMember> matches = staff.searchActive(typed, 0, 6);
        for (StaffMember colleague : matches) {
            Button pick = new Button(colleague.displayName() + " (@" + colleague.username() + ")",
                    e -> pick(colleague, typed));
            pick.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            pick.addClassName("mention-suggestion");
            pick.getElement().setAttribute("data-username", colleague.username());
            suggestions.add(pick);
        }
    }

    private void pick(StaffMember colleague, String typed) {
        String value = note.getValue();
        note.setValue(value.substring(0, value.length() - typed.length()) + colleague.username() + " ");
        suggestions.removeAll();
        note.focus();
    }

    private void save() {
        try {
            notes.addNote(me, conversationId, note.getValue());
        } catch (IllegalArgumentException refused) {
            error.setText(refused.getMessage());
            return;
        }
        error.setText("");
        note.clear();
        suggestions.removeAll();
        added.run();
    }
}
