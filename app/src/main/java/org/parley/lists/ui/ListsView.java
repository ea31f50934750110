package org.parley.lists.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.security.web.CurrentStaff;

/**
 * Admins manage the practice's lists: create and rename them, choose their subscribers, the list each line's new
 * conversations land in, and the patient ombudsman.
 */
@Route("admin/lists")
@PageTitle("Lists | Parley")
@Menu(title = "Lists", order = 85)
@RolesAllowed("ADMIN")
class ListsView extends VerticalLayout {

    private final ListService lists;
    private final StaffDirectory staff;
    private final LineService lines;
    private final String actor;
    final Grid<InboxListSummary> grid = new Grid<>();
    final TextField name = new TextField("List name");
    final MultiSelectComboBox<StaffMember> members = new MultiSelectComboBox<>("Subscribers");
    final Button save = new Button("Save list");
    final Button createNew = new Button("New list");
    final Span error = new Span();
    final VerticalLayout lineDefaults = new VerticalLayout();
    final ComboBox<StaffMember> ombudsman = new ComboBox<>("Patient ombudsman");
    private InboxListSummary editing;

    ListsView(ListService lists, StaffDirectory staff, LineService lines, CurrentStaff currentStaff) {
        this.lists = lists;
        this.staff = staff;
        this.lines = lines;
        this.actor = currentStaff.get().username();
        add(new H2("Lists"), new Paragraph("Group inboxes such as Front Desk, Nurses or Billing. Subscribers see a "
                + "list's queue in their inbox and may be notified of new patient messages."));
        grid.setId("lists");
        grid.addColumn(InboxListSummary::name).setHeader("List").setAutoWidth(true);
        grid.addColumn(this::memberNames).setHeader("Subscribers");
        grid.setAllRowsVisible(true);
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::edit));
        name.setId("list-name");
        members.setId("list-members");
        members.setItems(query -> staff.searchActive(query.getFilter().orElse(""), query.getOffset(),
                query.getLimit()).stream());
        members.setItemLabelGenerator(StaffMember::displayName);
        members.setWidth("30em");
        save.setId("save-list");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickListener(e -> save());
        createNew.setId("new-list");
        createNew.addClickListener(e -> edit(null));
        error.setId("list-error");
        error.addClassName("parley-error");
        HorizontalLayout form = new HorizontalLayout(name, members, save, createNew);
        form.setAlignItems(Alignment.BASELINE);
        form.setWrap(true);
        add(grid, form, error);

        add(new H3("New conversations per line"));
        lineDefaults.setPadding(false);
        add(lineDefaults);
        add(new H3("Escalation"));
        ombudsman.setId("ombudsman");
        ombudsman.setHelperText("\"Escalate to ombudsman\" assigns a conversation to this person with a note why.");
        ombudsman.setItems(query -> staff.searchActive(query.getFilter().orElse(""), query.getOffset(),
                query.getLimit()).stream());
        ombudsman.setItemLabelGenerator(StaffMember::displayName);
        ombudsman.setClearButtonVisible(true);
        lists.ombudsman().flatMap(staff::findActive).ifPresent(ombudsman::setValue);
        ombudsman.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                lists.setOmbudsman(actor, e.getValue() == null ? null : e.getValue().id());
            }
        });
        add(ombudsman);
        refresh();
        edit(null);
    }

    private String memberNames(InboxListSummary list) {
        return list.memberIds().stream().map(staff::find).flatMap(Optional::stream)
                .map(StaffMember::displayName).sorted().collect(Collectors.joining(", "));
    }

    private void edit(InboxListSummary list) {
        editing = list;
        error.setText("");
        name.setValue(list == null ? "" : list.name());
        Set<StaffMember> chosen = new HashSet<>();
        if (list != null) {
            list.memberIds().forEach(id -> staff.findActive(id).ifPresent(chosen::add));
        }
        members.setValue(chosen);
        save.setText(list == null ? "Create list" : "Save list");
    }

    private void save() {
        try {
            InboxListSummary saved = editing == null ? lists.create(actor, name.getValue())
                    : lists.rename(actor, editing.id(), name.getValue());
            lists.setMembers(actor, saved.id(),
                    members.getValue().stream().map(StaffMember::id).collect(Collectors.toSet()));
        } catch (IllegalArgumentException | NoSuchElementException refused) {
            error.setText(refused.getMessage());
            return;
        }
        refresh();
        edit(null);
    }

    private void refresh() {
        grid.setItems(lists.teamLists());
        lineDefaults.removeAll();
        for (LineSnapshot line : lines.all()) {
            ComboBox<InboxListSummary> choice = new ComboBox<>(line.name() + " (" + line.number() + ")");
            choice.setId("default-list-" + line.id());
            choice.setItems(lists.teamLists());
            choice.setItemLabelGenerator(InboxListSummary::name);
            choice.setClearButtonVisible(true);
            choice.setPlaceholder("No list: only All open shows them");
            choice.setWidth("24em");
            lists.defaultListOf(line.id()).flatMap(lists::find).ifPresent(choice::setValue);
            choice.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    lists.setDefaultList(actor, line.id(), e.getValue() == null ? null : e.getValue().id());
                }
            });
            lineDefaults.add(choice);
        }
    }
}
