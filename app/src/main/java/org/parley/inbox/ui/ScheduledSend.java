package org.parley.inbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.timepicker.TimePicker;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.parley.conversation.MessageView;
import org.parley.conversation.ScheduledReplies;
import org.parley.security.StaffMember;

/**
 * Scheduled send in a conversation (issue 17): the reply box's "Schedule…" button, which sends what is written (and
 * attached) at a chosen day and time in the practice's zone, and each waiting scheduled reply's "Scheduled for …" line
 * with Edit and Cancel. The conversation panel places the button and the lines; the rules are the service's.
 */
class ScheduledSend {

    private final ScheduledReplies scheduled;
    private final StaffMember me;
    private final long conversationId;
    private final TextArea reply;
    private final AttachmentPicker attachments;
    private final Runnable changed;

    final Button schedule = new Button("Schedule…");
    /** The open dialog (scheduling or editing), for tests. */
    Dialog dialog;
    final DatePicker day = new DatePicker("Day");
    final TimePicker time = new TimePicker("Time");
    final TextArea text = new TextArea("Reply");
    final Button confirm = new Button();
    final Span error = new Span();

    ScheduledSend(ScheduledReplies scheduled, StaffMember me, long conversationId, TextArea reply,
                  AttachmentPicker attachments, Runnable changed) {
        this.scheduled = scheduled;
        this.me = me;
        this.conversationId = conversationId;
        this.reply = reply;
        this.attachments = attachments;
        this.changed = changed;
        schedule.setId("schedule-reply");
        schedule.addClickListener(e -> open(null));
        time.setStep(Duration.ofMinutes(15));
        error.setId("schedule-error");
        error.addClassName("parley-error");
        confirm.addThemeVariants(ButtonVariant.PRIMARY);
        confirm.addClickListener(e -> confirm());
        text.setWidthFull();
    }

    /** The "Scheduled for …" line of a scheduled reply that has not gone out, with Edit and Cancel. */
    Optional<Div> line(MessageView message) {
        if (!message.waitingToBeSent()) {
            return Optional.empty();
        }
        Span when = new Span("Scheduled for " + scheduled.describe(message.scheduledFor()));
        when.addClassName("scheduled-for");
        Button edit = new Button("Edit", e -> open(message));
        edit.addClassName("scheduled-edit");
        Button cancel = new Button("Cancel sending", e -> cancel(message));
        cancel.addClassName("scheduled-cancel");
        for (Button button : new Button[] {edit, cancel}) {
            button.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        }
        Div line = new Div(when, edit, cancel);
        line.addClassName("scheduled");
        return Optional.of(line);
    }

    /** Schedules what the reply box holds ({@code editing} null), or edits a scheduled reply. */
    private MessageView editing;

    private void open(MessageView message) {
        editing = message;
        error.setText("");
        dialog = new Dialog();
        dialog.setHeaderTitle(message == null ? "Schedule this reply" : "Change the scheduled reply");
        if (message == null) {
            ZonedDateTime soon = scheduled.now().plusHours(1);
            day.setValue(soon.toLocalDate());
            time.setValue(soon.toLocalTime().withMinute(0).withSecond(0).withNano(0));
            confirm.setText("Schedule");
            dialog.add(new Paragraph("Day and time in the practice's time zone (" + scheduled.zone().getId()
                    + "). It is sent then unless it is changed or cancelled first."), new HorizontalLayout(day, time),
                    error);
        } else {
            ZonedDateTime at = message.scheduledFor().atZone(scheduled.zone());
            day.setValue(at.toLocalDate());
            time.setValue(at.toLocalTime());
            text.setValue(message.body());
            confirm.setText("Save");
            dialog.add(text, new Paragraph("Time zone: " + scheduled.zone().getId()), new HorizontalLayout(day, time),
                    error);
        }
        Button close = new Button("Close", e -> dialog.close());
        dialog.getFooter().add(close, confirm);
        dialog.open();
    }

    private void confirm() {
        LocalDateTime at = day.getValue() == null || time.getValue() == null ? null
                : LocalDateTime.of(day.getValue(), time.getValue());
        try {
            if (editing == null) {
                scheduled.schedule(me, conversationId, reply.getValue(), attachments.chosen(), at);
                reply.clear();
                attachments.clear();
            } else {
                scheduled.change(me, editing.id(), text.getValue(), at);
            }
        } catch (IllegalArgumentException | IllegalStateException refused) {
            error.setText(refused.getMessage());
            return;
        }
        dialog.close();
        changed.run();
    }

    private void cancel(MessageView message) {
        try {
            scheduled.cancel(me, message.id());
        } catch (IllegalArgumentException | IllegalStateException refused) {
            Notification.show(refused.getMessage());
        }
        changed.run();
    }
}
