package org.parley.routing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.routing.RoutingRule;
import org.parley.routing.RoutingRules;
import org.parley.security.web.CurrentStaff;
import org.parley.tag.Tag;
import org.parley.tag.TagService;

/**
 * Admins write routing rules and put them in order: when a patient's text starts a conversation or reopens a closed
 * one, the first rule that matches places and/or tags it, and later rules are not tried. Choosing a rule in the grid
 * loads it into the form.
 */
@Route("admin/routing-rules")
@PageTitle("Routing rules | Parley")
@Menu(title = "Routing rules", order = 86.5)
@RolesAllowed("ADMIN")
class RoutingRulesView extends VerticalLayout {

    private final RoutingRules rules;
    private final CurrentStaff currentStaff;
    private final Map<Long, String> listNames;
    private final Map<Long, String> tagNames;

    final Grid<RoutingRule> grid = new Grid<>();
    final TextField name = new TextField("Name");
    final TextField words = new TextField("The patient's text contains one of these words");
    final ComboBox<Tag> patientTag = new ComboBox<>("The patient has the tag");
    final ComboBox<LineSnapshot> line = new ComboBox<>("The line is");
    final ComboBox<InboxListSummary> toList = new ComboBox<>("Put it in the list");
    final ComboBox<Tag> addTag = new ComboBox<>("Tag it");
    final Button save = new Button("Add rule");
    final Button cancel = new Button("New rule");
    final Span message = new Span();
    private RoutingRule editing;
    private List<RoutingRule> shown = List.of();

    RoutingRulesView(RoutingRules rules, ListService lists, TagService tags, LineService lines,
                     CurrentStaff currentStaff) {
        this.rules = rules;
        this.currentStaff = currentStaff;
        List<InboxListSummary> teamLists = lists.teamLists();
        List<Tag> allTags = tags.all();
        List<LineSnapshot> allLines = lines.all();
        listNames = teamLists.stream().collect(Collectors.toMap(InboxListSummary::id, InboxListSummary::name));
        tagNames = allTags.stream().collect(Collectors.toMap(Tag::id, Tag::name));
        Map<String, String> lineNames = allLines.stream().collect(Collectors.toMap(LineSnapshot::id,
                LineSnapshot::name));

        grid.setId("routing-rules");
        grid.addColumn(rule -> position(rule)).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(RoutingRule::name).setHeader("Rule").setAutoWidth(true);
        grid.addColumn(rule -> conditions(rule, lineNames)).setHeader("When").setAutoWidth(true);
        grid.addColumn(this::actions).setHeader("Then").setAutoWidth(true);
        grid.addComponentColumn(rule -> {
            Button up = new Button("Up", e -> move(rule, -1));
            Button down = new Button("Down", e -> move(rule, 1));
            Button delete = new Button("Delete", e -> delete(rule));
            for (Button b : List.of(up, down, delete)) {
                b.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            }
            delete.addThemeVariants(ButtonVariant.ERROR);
            return new HorizontalLayout(up, down, delete);
        }).setKey("order").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.asSingleSelect().addValueChangeListener(e -> edit(e.getValue()));

        name.setId("rule-name");
        name.setMaxLength(80);
        name.setPlaceholder("Refills to the nurses");
        words.setId("rule-words");
        words.setMaxLength(400);
        words.setPlaceholder("refill, prescription, pharmacy");
        words.setHelperText("Separated by commas; whole words, any case");
        words.setWidth("28em");
        patientTag.setItems(allTags);
        patientTag.setItemLabelGenerator(Tag::name);
        patientTag.setClearButtonVisible(true);
        line.setItems(allLines);
        line.setItemLabelGenerator(l -> l.name() + " (" + l.number() + ")");
        line.setClearButtonVisible(true);
        toList.setItems(teamLists);
        toList.setItemLabelGenerator(InboxListSummary::name);
        toList.setClearButtonVisible(true);
        addTag.setItems(allTags);
        addTag.setItemLabelGenerator(Tag::name);
        addTag.setClearButtonVisible(true);
        save.setId("rule-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickListener(e -> save());
        cancel.addThemeVariants(ButtonVariant.TERTIARY);
        cancel.addClickListener(e -> grid.asSingleSelect().clear());
        message.setId("rule-message");

        HorizontalLayout when = new HorizontalLayout(words, patientTag, line);
        HorizontalLayout then = new HorizontalLayout(toList, addTag);
        HorizontalLayout buttons = new HorizontalLayout(save, cancel);
        for (HorizontalLayout row : List.of(when, then)) {
            row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        }
        add(new H2("Routing rules"),
                new Paragraph("When a patient's text starts a conversation, or reopens a closed one, the rules are "
                        + "tried from the top. The first rule whose conditions all hold decides; the rules below it "
                        + "are not tried. No rule matching leaves the conversation in its line's list."),
                grid, new H3("Rule"), name, new Span("When (every condition you fill in must hold)"), when,
                new Span("Then (one or both)"), then, buttons, message);
        edit(null);
        refresh();
    }

    private String position(RoutingRule rule) {
        return String.valueOf(shown.indexOf(rule) + 1);
    }

    private String conditions(RoutingRule rule, Map<String, String> lineNames) {
        List<String> parts = new ArrayList<>();
        if (!rule.words().isEmpty()) {
            parts.add("text has " + String.join(" or ", rule.words()));
        }
        if (rule.patientTagId() != null) {
            parts.add("patient tagged " + tagNames.getOrDefault(rule.patientTagId(), "?"));
        }
        if (rule.lineId() != null) {
            parts.add("line " + lineNames.getOrDefault(rule.lineId(), rule.lineId()));
        }
        return String.join(" and ", parts);
    }

    private String actions(RoutingRule rule) {
        List<String> parts = new ArrayList<>();
        if (rule.toListId() != null) {
            parts.add("to " + listNames.getOrDefault(rule.toListId(), "?"));
        }
        if (rule.addTagId() != null) {
            parts.add("tag " + tagNames.getOrDefault(rule.addTagId(), "?"));
        }
        return String.join(", ", parts);
    }

    private void edit(RoutingRule rule) {
        editing = rule;
        name.setValue(rule == null ? "" : rule.name());
        words.setValue(rule == null ? "" : rule.wordsText());
        patientTag.setValue(rule == null ? null : find(patientTag, rule.patientTagId(), Tag::id));
        line.setValue(rule == null ? null : find(line, rule.lineId(), LineSnapshot::id));
        toList.setValue(rule == null ? null : find(toList, rule.toListId(), InboxListSummary::id));
        addTag.setValue(rule == null ? null : find(addTag, rule.addTagId(), Tag::id));
        save.setText(rule == null ? "Add rule" : "Save rule");
        cancel.setVisible(rule != null);
    }

    private static <T, K> T find(ComboBox<T> box, K key, Function<T, K> keyOf) {
        return key == null ? null : box.getListDataView().getItems().filter(item -> key.equals(keyOf.apply(item)))
                .findFirst().orElse(null);
    }

    private void save() {
        try {
            RoutingRule saved = rules.save(currentStaff.get().username(), new RoutingRule(
                    editing == null ? 0 : editing.id(), name.getValue(), RoutingRule.words(words.getValue()),
                    patientTag.getValue() == null ? null : patientTag.getValue().id(),
                    line.getValue() == null ? null : line.getValue().id(),
                    toList.getValue() == null ? null : toList.getValue().id(),
                    addTag.getValue() == null ? null : addTag.getValue().id()));
            ok((editing == null ? "Added " : "Saved ") + saved.name() + ".");
            refresh();
            grid.asSingleSelect().clear();
        } catch (IllegalArgumentException | NoSuchElementException refused) {
            error(refused.getMessage());
        }
    }

    private void move(RoutingRule rule, int by) {
        rules.move(currentStaff.get().username(), rule.id(), by);
        refresh();
    }

    private void delete(RoutingRule rule) {
        rules.delete(currentStaff.get().username(), rule.id());
        ok("Deleted " + rule.name() + ".");
        refresh();
        grid.asSingleSelect().clear();
    }

    private void refresh() {
        shown = rules.all();
        grid.setItems(shown);
    }

    private void ok(String text) {
        message.removeClassName("parley-error");
        message.setText(text);
    }

    private void error(String text) {
        message.addClassName("parley-error");
        message.setText(text);
    }
}
