package org.parley.inbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.Set;
import java.util.stream.Collectors;
import org.parley.assignment.AssignmentConflictException;
import org.parley.assignment.AssignmentService;
import org.parley.assignment.TakeoverNeededException;
import org.parley.conversation.ConversationHeader;
import org.parley.conversation.ConversationStatus;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who holds the conversation, and the actions that change it: assign to me, assign to colleagues or a list, escalate
 * to the ombudsman, close or reopen, and for admins move to BLOCKED and back. A colleague's change made meanwhile is
 * reported with who holds it now.
 */
class AssignmentBar extends HorizontalLayout {

    private final AssignmentService assignments;
    private final ListService lists;
    private final StaffDirectory staff;
    private final StaffMember me;
    private final long conversationId;
    private final Runnable changed;
    final Span assignedTo = new Span();
    final Button assignToMe = new Button("Assign to me");
    final Button assign = new Button("Assign…");
    final Button escalate = new Button("Escalate to ombudsman…");
    final Button close = new Button("Close");
    final Button reopen = new Button("Reopen");
    final Button block = new Button("Move to BLOCKED");
    final Button unblock = new Button("Unblock");
    final Span error = new Span();
    Dialog dialog;
    /** The open "Take it over?" question, if any. */
    Dialog takeover;
    private ConversationHeader.Assignment seen;

    AssignmentBar(AssignmentService assignments, ListService lists, StaffDirectory staff, StaffMember me,
                  long conversationId, Runnable changed) {
        this.assignments = assignments;
        this.lists = lists;
        this.staff = staff;
        this.me = me;
        this.conversationId = conversationId;
        this.changed = changed;
        addClassName("assignment-bar");
        setAlignItems(Alignment.BASELINE);
        setWrap(true);
        assignedTo.setId("assigned-to");
        assignToMe.setId("assign-to-me");
        assign.setId("assign");
        escalate.setId("escalate");
        close.setId("close-conversation");
        reopen.setId("reopen-conversation");
        block.setId("block");
        unblock.setId("unblock");
        error.setId("assignment-error");
        error.addClassName("parley-error");
        for (Button button : new Button[] {assign, escalate, close, reopen, block, unblock}) {
            button.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        }
        // The action staff take most: a filled button (primary and tertiary together draw white text on nothing).
        assignToMe.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.SMALL);
        assignToMe.addClickListener(e -> act(() -> assignments.assignToMe(me, conversationId, seen.version())));
        assign.addClickListener(e -> openAssignDialog());
        escalate.addClickListener(e -> openEscalateDialog());
        close.addClickListener(e -> act(() -> assignments.close(me, conversationId)));
        reopen.addClickListener(e -> act(() -> assignments.reopen(me, conversationId)));
        block.addClickListener(e -> act(() -> assignments.block(me, conversationId)));
        unblock.addClickListener(e -> act(() -> assignments.unblock(me, conversationId)));
        add(assignedTo, assignToMe, assign, escalate, close, reopen, block, unblock, error);
    }

    /** Shows the conversation's current holder and the actions that apply. */
    void show(ConversationHeader header) {
        seen = header.assignment();
        assignedTo.setText(seen.blocked() ? "In BLOCKED"
                : seen.badge().isEmpty() ? "Not assigned" : "Assigned to " + seen.badge());
        boolean blocked = seen.blocked();
        boolean mayChange = !blocked || me.isAdmin();
        assignToMe.setVisible(mayChange && !blocked && !seen.heldBy(me.id()));
        assign.setVisible(mayChange && !blocked);
        escalate.setVisible(!blocked);
        boolean open = header.status() == ConversationStatus.OPEN;
        close.setVisible(open && !blocked);
        reopen.setVisible(!open && !blocked);
        block.setVisible(me.isAdmin() && !blocked);
        unblock.setVisible(me.isAdmin() && blocked);
    }

    private void act(Runnable change) {
        try {
            change.run();
            error.setText("");
        } catch (TakeoverNeededException held) {
            confirmTakeover(held, () -> assignments.assignToMe(me, conversationId, held.version(), true), null);
        } catch (AssignmentConflictException | IllegalArgumentException | IllegalStateException
                 | AccessDeniedException refused) {
            error.setText(refused.getMessage());
        }
        changed.run();
    }

    /**
     * "Dana Nurse has this conversation. Take it over?": a colleague holds it (perhaps since a moment ago), so it is
     * taken (for the person, for colleagues, into a list or to the ombudsman) only when the person confirms, and then
     * only if nobody changed it while the question was open.
     */
    private void confirmTakeover(TakeoverNeededException held, Runnable takeOver, Dialog closeAfter) {
        Dialog question = new Dialog(new Span(held.getMessage()));
        question.setId("takeover-dialog");
        question.setHeaderTitle("Take over this conversation?");
        Button confirm = new Button("Take over", e -> {
            question.close();
            if (closeAfter != null) {
                closeAfter.close();
            }
            act(takeOver);
        });
        confirm.setId("takeover-confirm");
        confirm.addThemeVariants(ButtonVariant.PRIMARY);
        Button cancel = new Button("Cancel", e -> question.close());
        cancel.setId("takeover-cancel");
        question.getFooter().add(cancel, confirm);
        takeover = question;
        question.open();
    }

    private void openAssignDialog() {
        ComboBox<InboxListSummary> list = new ComboBox<>("To a list");
        list.setId("assign-list");
        list.setItems(lists.teamLists());
        list.setItemLabelGenerator(InboxListSummary::name);
        MultiSelectComboBox<StaffMember> people = new MultiSelectComboBox<>("Or to one or more colleagues");
        people.setId("assign-staff");
        people.setItems(query -> staff.searchActive(query.getFilter().orElse(""), query.getOffset(), query.getLimit())
                .stream());
        people.setItemLabelGenerator(StaffMember::displayName);
        list.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                people.clear();
            }
        });
        people.addValueChangeListener(e -> {
            if (!e.getValue().isEmpty()) {
                list.clear();
            }
        });
        Span problem = new Span();
        problem.addClassName("parley-error");
        dialog = new Dialog(new VerticalLayout(list, people, problem));
        dialog.setHeaderTitle("Assign this conversation");
        Button confirm = new Button("Assign", e -> {
            try {
                if (list.getValue() != null) {
                    assignments.assignToList(me, conversationId, list.getValue().id(), seen.version());
                } else if (!people.getValue().isEmpty()) {
                    Set<Long> ids = people.getValue().stream().map(StaffMember::id).collect(Collectors.toSet());
                    assignments.assignToStaff(me, conversationId, ids, seen.version());
                } else {
                    problem.setText("Choose a list or at least one colleague.");
                    return;
                }
            } catch (TakeoverNeededException held) {
                Dialog assigning = dialog;
                InboxListSummary toList = list.getValue();
                if (toList != null) {
                    confirmTakeover(held, () -> assignments.assignToList(me, conversationId, toList.id(),
                            held.version(), true), assigning);
                } else {
                    Set<Long> ids = people.getValue().stream().map(StaffMember::id).collect(Collectors.toSet());
                    confirmTakeover(held, () -> assignments.assignToStaff(me, conversationId, ids, held.version(),
                            true), assigning);
                }
                return;
            } catch (AssignmentConflictException | IllegalArgumentException conflict) {
                problem.setText(conflict.getMessage());
                changed.run();
                return;
            }
            dialog.close();
            error.setText("");
            changed.run();
        });
        confirm.setId("assign-confirm");
        confirm.addThemeVariants(ButtonVariant.PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }

    private void openEscalateDialog() {
        TextArea reason = new TextArea("Why (an internal note for the ombudsman)");
        reason.setId("escalate-reason");
        reason.setWidth("28em");
        reason.setRequired(true);
        Span problem = new Span();
        problem.addClassName("parley-error");
        dialog = new Dialog(new VerticalLayout(reason, problem));
        dialog.setHeaderTitle("Escalate to the patient ombudsman");
        Button confirm = new Button("Escalate", e -> {
            try {
                assignments.escalate(me, conversationId, reason.getValue(), seen.version());
            } catch (TakeoverNeededException held) {
                String why = reason.getValue();
                Dialog escalating = dialog;
                confirmTakeover(held, () -> assignments.escalate(me, conversationId, why, held.version(), true),
                        escalating);
                return;
            } catch (AssignmentConflictException | IllegalArgumentException | IllegalStateException refused) {
                problem.setText(refused.getMessage());
                return;
            }
            dialog.close();
            changed.run();
        });
        confirm.setId("escalate-confirm");
        confirm.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.ERROR);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }
}
