package org.parley.routing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.routing.ReasonPicker;
import org.parley.routing.ReasonPickers;
import org.parley.security.web.CurrentStaff;
import org.parley.tag.Tag;
import org.parley.tag.TagService;

/**
 * Admins turn on a line's reason picker (Klara's): the first automatic reply of a new conversation on the line asks the
 * patient to answer 1, 2 or 3, and each reason named here puts the conversation in a list and/or tags it.
 */
@Route("admin/reason-picker")
@PageTitle("Reason picker | Parley")
@Menu(title = "Reason picker", order = 86.6)
@RolesAllowed("ADMIN")
class ReasonPickerView extends VerticalLayout {

    static final String DEFAULT_QUESTION = "To get your message to the right person, reply with a number:";
    static final int ROWS = 3;

    private final ReasonPickers pickers;
    private final CurrentStaff currentStaff;
    private final List<InboxListSummary> teamLists;
    private final List<Tag> allTags;

    final ComboBox<LineSnapshot> line = new ComboBox<>("Line");
    final Span state = new Span();
    final TextArea question = new TextArea("Question");
    final List<TextField> labels = new ArrayList<>();
    final List<ComboBox<InboxListSummary>> lists = new ArrayList<>();
    final List<ComboBox<Tag>> tags = new ArrayList<>();
    final Button save = new Button("Save and ask new conversations");
    final Button turnOff = new Button("Turn off");
    final Paragraph preview = new Paragraph();
    final Span message = new Span();

    ReasonPickerView(ReasonPickers pickers, LineService lineService, ListService listService, TagService tagService,
                     CurrentStaff currentStaff) {
        this.pickers = pickers;
        this.currentStaff = currentStaff;
        this.teamLists = listService.teamLists().stream().filter(l -> !l.blocked()).toList();
        this.allTags = tagService.all();
        line.setId("reason-line");
        line.setItems(lineService.all());
        line.setItemLabelGenerator(LineSnapshot::name);
        line.addValueChangeListener(e -> load());
        state.setId("reason-state");
        question.setId("reason-question");
        question.setWidthFull();
        question.setMaxLength(320);
        question.setHelperText("Sent as the first automatic reply of a new conversation, followed by the numbered "
                + "reasons. Never to opted-out or DO NOT TEXT numbers, never in answer to STOP, START or HELP.");
        add(new H2("Reason picker"), new Paragraph("Patients who start a conversation on the line are asked to "
                + "answer 1, 2 or 3. Their answer puts the conversation in the reason's list and/or tags it, and is "
                + "acknowledged; any other answer leaves the conversation where it is."), line, state, question);
        for (int i = 1; i <= ROWS; i++) {
            TextField label = new TextField("Reason " + i);
            label.setId("reason-label-" + i);
            label.setMaxLength(40);
            label.setPlaceholder(i == 1 ? "Refill" : i == 2 ? "Appointment" : "Billing (optional)");
            ComboBox<InboxListSummary> list = new ComboBox<>("Put it in the list");
            list.setId("reason-list-" + i);
            list.setItems(teamLists);
            list.setItemLabelGenerator(InboxListSummary::name);
            list.setClearButtonVisible(true);
            ComboBox<Tag> tag = new ComboBox<>("Tag it");
            tag.setId("reason-tag-" + i);
            tag.setItems(allTags);
            tag.setItemLabelGenerator(Tag::name);
            tag.setClearButtonVisible(true);
            labels.add(label);
            lists.add(list);
            tags.add(tag);
            add(new HorizontalLayout(label, list, tag));
        }
        save.setId("reason-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickListener(e -> save());
        turnOff.setId("reason-off");
        turnOff.addClickListener(e -> turnOff());
        preview.setId("reason-preview");
        preview.getStyle().set("white-space", "pre-line");
        message.setId("reason-message");
        add(new HorizontalLayout(save, turnOff), message, preview);
        lineService.all().stream().findFirst().ifPresent(line::setValue);
        load();
    }

    /** Shows the chosen line's picker, or an empty form when it has none. */
    private void load() {
        Optional<ReasonPicker> picker = line.getValue() == null ? Optional.empty()
                : pickers.forLine(line.getValue().id());
        question.setValue(picker.map(ReasonPicker::question).orElse(DEFAULT_QUESTION));
        for (int i = 0; i < ROWS; i++) {
            int choice = i + 1;
            Optional<ReasonPicker.Reason> reason = picker.flatMap(p -> p.reason(choice));
            labels.get(i).setValue(reason.map(ReasonPicker.Reason::label).orElse(""));
            lists.get(i).setValue(reason.map(ReasonPicker.Reason::toListId)
                    .flatMap(id -> teamLists.stream().filter(l -> l.id() == id).findFirst()).orElse(null));
            tags.get(i).setValue(reason.map(ReasonPicker.Reason::addTagId)
                    .flatMap(id -> allTags.stream().filter(t -> t.id() == id).findFirst()).orElse(null));
        }
        showState(picker);
    }

    private void showState(Optional<ReasonPicker> picker) {
        state.setText(picker.isPresent() ? "On: new conversations on this line are asked."
                : "Off: new conversations on this line are not asked.");
        preview.setText(picker.map(p -> "The patient reads:\n" + p.text()).orElse(""));
        turnOff.setEnabled(picker.isPresent());
    }

    private void save() {
        try {
            List<ReasonPicker.Reason> reasons = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                reasons.add(new ReasonPicker.Reason(i + 1, labels.get(i).getValue(),
                        lists.get(i).getValue() == null ? null : lists.get(i).getValue().id(),
                        tags.get(i).getValue() == null ? null : tags.get(i).getValue().id()));
            }
            ReasonPicker saved = pickers.save(currentStaff.get().username(), new ReasonPicker(
                    line.getValue() == null ? null : line.getValue().id(), question.getValue(), reasons));
            message.setText("Saved: new conversations on " + line.getValue().name() + " are asked.");
            message.getElement().getClassList().set("parley-error", false);
            showState(Optional.of(saved));
        } catch (IllegalArgumentException refused) {
            message.setText(refused.getMessage());
            message.getElement().getClassList().set("parley-error", true);
        }
    }

    private void turnOff() {
        if (line.getValue() != null) {
            pickers.turnOff(currentStaff.get().username(), line.getValue().id());
            message.setText("Turned off: new conversations on " + line.getValue().name() + " are not asked.");
            message.getElement().getClassList().set("parley-error", false);
            showState(Optional.empty());
        }
    }
}
