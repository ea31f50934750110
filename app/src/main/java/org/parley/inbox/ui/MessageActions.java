package org.parley.inbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import java.util.List;
import java.util.Optional;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageDeletion;
import org.parley.conversation.MessageMoves;
import org.parley.conversation.MessageStatus;
import org.parley.conversation.MessageView;
import org.parley.conversation.Replies;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.security.StaffMember;

/**
 * The row of actions under a message, each with its dialog: move a patient's message to a family member, copy an
 * organisation's message to a patient, copy the text, resend a reply whose fate is unknown, delete one's own reply or
 * note within the delete window.
 */
class MessageActions {

    private final Replies replies;
    private final MessageDeletion deletion;
    private final MessageMoves moves;
    private final ContactService contacts;
    private final StaffMember me;
    private final boolean withOrganisation;
    private final Runnable changed;
    private List<ContactSummary> family = List.of();
    private MessageDeletion.DeleteRule deleteRule;
    Dialog deleteDialog;
    Dialog moveDialog;

    /** {@code changed} runs after an action changed the thread. */
    MessageActions(ConversationPanels services, StaffMember me, long conversationId, Runnable changed) {
        this.replies = services.replies;
        this.deletion = services.deletion;
        this.moves = services.moves;
        this.contacts = services.contacts;
        this.me = me;
        this.withOrganisation = services.conversations.isWithOrganisation(conversationId);
        this.changed = changed;
    }

    /**
     * Before the thread draws its messages: the other members of the patient's family, where "Move to…" may send a
     * message, and which messages may be deleted now (each asked once per drawing, not once per message).
     */
    void beforeDrawing(List<ContactSummary> family) {
        this.family = family;
        this.deleteRule = deletion.ruleFor(me);
    }

    Div actions(MessageView message) {
        if (deleteRule == null) {
            deleteRule = deletion.ruleFor(me);
        }
        Div actions = new Div();
        actions.addClassName("message-actions");
        // Every action on a message in one row under it: move to a family member, copy to a patient, copy, delete.
        if (message.direction() == Direction.INBOUND || message.direction() == Direction.VOICEMAIL) {
            moveAction(message).ifPresent(actions::add);
        }
        if (message.direction() == Direction.INBOUND && withOrganisation) {
            actions.add(copyAction(message));
        }
        if (!message.body().isBlank()) {
            Button copy = new Button("Copy text");
            copy.addClassName("copy-text");
            copy.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            // Written by the browser in the click itself: the clipboard needs the user's gesture.
            copy.getElement().executeJs("this.addEventListener('click', () => navigator.clipboard.writeText($0)"
                    + ".catch(() => {}))", message.body());
            copy.addClickListener(e -> Notification.show("Copied", 1500, Notification.Position.BOTTOM_START));
            actions.add(copy);
        }
        if (Replies.mayResend(message)) {
            // Only after the provider could not tell whether it has the message: staff check with the patient first.
            Button resend = new Button("Resend", e -> resend(message));
            resend.addClassName("resend-message");
            resend.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            actions.add(resend);
        }
        if (deleteRule.allows(message)) {
            Button delete = new Button("Delete", e -> confirmDelete(message));
            delete.addClassName("delete-message");
            delete.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL, ButtonVariant.ERROR);
            actions.add(delete);
        }
        return actions;
    }

    private void resend(MessageView message) {
        try {
            replies.resend(me, message.id());
        } catch (IllegalArgumentException | IllegalStateException refused) {
            Notification.show(refused.getMessage(), 5000, Notification.Position.MIDDLE);
            return;
        }
        changed.run();
    }

    private void confirmDelete(MessageView message) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(message.direction() == Direction.NOTE ? "Delete this note?" : "Delete this reply?");
        dialog.add(new Span(message.status() == MessageStatus.QUEUED
                ? "It has not been sent yet: it will never be sent."
                : message.direction() == Direction.NOTE ? "The thread will say that you deleted it."
                : "It has already gone to the patient's phone; it is removed from Parley only."));
        Span error = new Span();
        error.addClassName("parley-error");
        dialog.add(error);
        Button confirm = new Button("Delete", e -> {
            try {
                deletion.deleteMessage(me, message.id());
            } catch (IllegalArgumentException e2) {
                error.setText(e2.getMessage());
                return;
            }
            dialog.close();
            changed.run();
        });
        confirm.setId("delete-confirm");
        confirm.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.ERROR);
        Button cancel = new Button("Keep it", e -> dialog.close());
        dialog.getFooter().add(cancel, confirm);
        deleteDialog = dialog;
        dialog.open();
    }

    /** For a pharmacy's or lab's message: copy it into the patient's conversation it is about. */
    private Button copyAction(MessageView message) {
        Button copy = new Button("Copy to patient…", e -> {
            ComboBox<ContactSummary> patient = new ComboBox<>("Patient");
            patient.setId("copy-to-patient");
            patient.setItems(query -> contacts.searchPatients(query.getFilter().orElse(""), query.getOffset(),
                    query.getLimit()).stream());
            patient.setItemLabelGenerator(p -> p.displayName()
                    + (p.dateOfBirth() == null ? "" : " (" + p.dateOfBirth() + ")"));
            Dialog dialog = new Dialog(patient);
            dialog.setHeaderTitle("Copy this message into a patient's conversation");
            Button confirm = new Button("Copy", click -> {
                if (patient.getValue() != null) {
                    moves.copyToPatient(me, message.id(), patient.getValue().id());
                    dialog.close();
                    changed.run();
                }
            });
            confirm.setId("copy-confirm");
            dialog.getFooter().add(confirm);
            moveDialog = dialog;
            dialog.open();
        });
        copy.addClassName("copy-to-patient");
        copy.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        return copy;
    }

    /** For a family sharing a number: move a patient's message to the family member it is about. */
    private Optional<Button> moveAction(MessageView message) {
        if (family.isEmpty()) {
            return Optional.empty();
        }
        Button move = new Button("Move to…", e -> {
            ComboBox<ContactSummary> member = new ComboBox<>("Family member");
            member.setId("move-to-member");
            member.setItems(family);
            member.setItemLabelGenerator(ContactSummary::displayName);
            Dialog dialog = new Dialog(member);
            dialog.setHeaderTitle("Move this message to");
            Button confirm = new Button("Move", click -> {
                if (member.getValue() != null) {
                    moves.moveMessage(me, message.id(), member.getValue().id());
                    dialog.close();
                    changed.run();
                }
            });
            confirm.setId("move-confirm");
            dialog.getFooter().add(confirm);
            moveDialog = dialog;
            dialog.open();
        });
        move.addClassName("move-message");
        move.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        move.getElement().setAttribute("data-message", String.valueOf(message.id()));
        return Optional.of(move);
    }
}
