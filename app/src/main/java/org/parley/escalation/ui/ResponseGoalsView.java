package org.parley.escalation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.lists.ResponseGoal;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.security.web.CurrentStaff;

/**
 * Admins give each list a response goal in office hours, and choose who hears of a patient waiting past it (the
 * list's subscribers or one person) and whether the conversation then moves to an escalation list.
 */
@Route("admin/response-goals")
@PageTitle("Response goals | Parley")
@Menu(title = "Response goals", order = 85.5)
@RolesAllowed("ADMIN")
class ResponseGoalsView extends VerticalLayout {

    private final ListService lists;
    private final StaffDirectory staff;
    private final CurrentStaff currentStaff;

    final Grid<InboxListSummary> grid = new Grid<>();
    final IntegerField minutes = new IntegerField("Response goal (minutes of office hours)");
    final ComboBox<StaffMember> notify = new ComboBox<>("Who hears of it");
    final ComboBox<InboxListSummary> escalationList = new ComboBox<>("Then move it to");
    final Button save = new Button("Save goal");
    final Span message = new Span();
    private Map<Long, ResponseGoal> goals = Map.of();
    private Map<Long, String> names = Map.of();

    ResponseGoalsView(ListService lists, StaffDirectory staff, CurrentStaff currentStaff) {
        this.lists = lists;
        this.staff = staff;
        this.currentStaff = currentStaff;
        grid.setId("response-goals");
        grid.addColumn(InboxListSummary::name).setHeader("List").setAutoWidth(true);
        grid.addColumn(list -> describe(goals.get(list.id()))).setHeader("Goal").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.asSingleSelect().addValueChangeListener(e -> edit(e.getValue()));
        minutes.setId("response-goal-minutes");
        minutes.setMin(1);
        minutes.setMax(7 * 24 * 60);
        minutes.setHelperText("Blank: no goal. Time while the line is closed does not count.");
        minutes.setClearButtonVisible(true);
        notify.setId("response-goal-notify");
        notify.setItems(query -> staff.searchActive(query.getFilter().orElse(""), query.getOffset(),
                query.getLimit()).stream());
        notify.setItemLabelGenerator(StaffMember::displayName);
        notify.setPlaceholder("The list's subscribers");
        notify.setClearButtonVisible(true);
        escalationList.setId("response-goal-escalation-list");
        escalationList.setItemLabelGenerator(InboxListSummary::name);
        escalationList.setPlaceholder("Nowhere: it stays");
        escalationList.setClearButtonVisible(true);
        save.setId("response-goal-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickListener(e -> save());
        message.setId("response-goal-message");
        HorizontalLayout form = new HorizontalLayout(minutes, notify, escalationList, save);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new H2("Response goals"),
                new Paragraph("The inbox shows how long each patient has waited for a staff answer, counting only "
                        + "office hours. Past its list's goal a conversation is marked, the list's subscribers (or "
                        + "the person chosen) are notified once, and it moves to the escalation list if one is "
                        + "chosen. Choose a list to set its goal."),
                grid, form, message);
        refresh();
        edit(null);
    }

    private String describe(ResponseGoal goal) {
        if (goal == null || goal.goal() == null) {
            return "none";
        }
        String who = goal.notifyStaffId() == null ? "subscribers"
                : staff.find(goal.notifyStaffId()).map(StaffMember::displayName).orElse("former staff");
        return goal.goal().toMinutes() + " min, tell " + who
                + (goal.escalationListId() == null ? "" : ", move to " + names.getOrDefault(goal.escalationListId(),
                "?"));
    }

    private void edit(InboxListSummary list) {
        boolean chosen = list != null;
        minutes.setEnabled(chosen);
        notify.setEnabled(chosen);
        escalationList.setEnabled(chosen);
        save.setEnabled(chosen);
        ResponseGoal goal = chosen ? goals.get(list.id()) : null;
        minutes.setValue(goal == null ? null : (int) goal.goal().toMinutes());
        notify.setValue(goal == null || goal.notifyStaffId() == null ? null
                : staff.findActive(goal.notifyStaffId()).orElse(null));
        List<InboxListSummary> others = chosen ? lists.teamLists().stream().filter(l -> l.id() != list.id()).toList()
                : List.of();
        escalationList.setItems(others);
        escalationList.setValue(goal == null || goal.escalationListId() == null ? null
                : others.stream().filter(l -> l.id() == goal.escalationListId()).findFirst().orElse(null));
    }

    private void save() {
        InboxListSummary list = grid.asSingleSelect().getValue();
        try {
            lists.setResponseGoal(currentStaff.get().username(), new ResponseGoal(list.id(),
                    minutes.getValue() == null ? null : Duration.ofMinutes(minutes.getValue()),
                    notify.getValue() == null ? null : notify.getValue().id(),
                    escalationList.getValue() == null ? null : escalationList.getValue().id()));
            ok("Saved the goal of " + list.name() + ".");
            refresh();
        } catch (IllegalArgumentException | NoSuchElementException refused) {
            error(refused.getMessage());
        }
    }

    private void refresh() {
        goals = lists.responseGoals();
        List<InboxListSummary> team = lists.teamLists();
        names = team.stream().collect(Collectors.toMap(InboxListSummary::id, InboxListSummary::name));
        InboxListSummary selected = grid.asSingleSelect().getValue();
        grid.setItems(team);
        if (selected != null) {
            team.stream().filter(l -> l.id() == selected.id()).findFirst().ifPresent(grid::select);
        }
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
