package org.parley.inbox.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.time.Clock;
import org.parley.attachment.ReplyAttachments;
import org.parley.compliance.SendingRules;
import org.parley.conversation.ConversationHeader;
import org.parley.conversation.Replies;
import org.parley.conversation.ScheduledReplies;
import org.parley.securemessage.SecureMessages;
import org.parley.security.StaffMember;
import org.parley.template.TemplateService;
import org.parley.template.ui.TemplatePicker;

/**
 * The reply to the patient: the text box with Send, Schedule and Send securely, its tools (templates, attachments,
 * forgetting the patient's verified browsers), the length and
 * send errors, and why replies are off when they are. The conversation panel places these pieces around the thread.
 */
class ReplyComposer {

    final TextArea reply = new TextArea();
    final Button send = new Button("Send");
    final Span replyError = new Span();
    /** Why the reply box is disabled and what to do instead: a disabled field shows no placeholder. */
    final Div replyBlocked = new Div();
    /** Tools of the reply box (templates, attachments), shown with it. */
    final HorizontalLayout replyTools = new HorizontalLayout();
    final AttachmentPicker attachments;
    /** Scheduled send (issue 17): the Schedule button and each scheduled reply's line. */
    final ScheduledSend scheduling;
    /** Send securely (issue 18): the patient gets only the practice's name and a link by text. */
    final SecureSend secure;
    /** The text box with Send and Schedule. */
    final HorizontalLayout row;
    private final Replies replies;
    private final StaffMember me;
    private final long conversationId;
    private final Clock clock;
    private final Runnable sent;
    private ConversationHeader header;
    private boolean shown = true;

    /** {@code sent} runs after a reply was sent or scheduled (or a scheduled one changed). */
    ReplyComposer(Replies replies, ScheduledReplies scheduledReplies,
                  SecureMessages secureMessages, ReplyAttachments replyAttachments,
                  TemplateService templates, StaffMember me,
                  ConversationHeader header, Clock clock, Runnable sent) {
        this.replies = replies;
        this.me = me;
        this.conversationId = header.id();
        this.header = header;
        this.clock = clock;
        this.sent = () -> {
            replyError.setText("");
            sent.run();
        };
        reply.setId("reply");
        reply.setWidthFull();
        reply.setValueChangeMode(ValueChangeMode.EAGER);
        reply.addValueChangeListener(e -> checkReply());
        send.setId("send");
        send.addThemeVariants(ButtonVariant.PRIMARY);
        send.setEnabled(false);
        send.addClickListener(e -> sendReply());
        send.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        replyError.setId("reply-error");
        replyError.addClassName("parley-error");
        replyBlocked.setId("reply-blocked");
        replyBlocked.addClassName("reply-blocked");
        row = new HorizontalLayout(reply, send);
        row.setWidthFull();
        row.setAlignItems(Alignment.END);
        row.expand(reply);
        attachments = new AttachmentPicker(replyAttachments, header.lineId(), this::checkReply);
        scheduling = new ScheduledSend(scheduledReplies, me, conversationId, reply, attachments, this.sent);
        row.add(scheduling.schedule);
        secure = new SecureSend(secureMessages, me, conversationId, header.contactId(), reply, attachments,
                replyError, this.sent);
        row.add(secure.sendSecurely);
        // Templates filled in for this conversation's patient.
        replyTools.add(new TemplatePicker(templates, reply, () -> templates.context(this.header.contactId(), me)),
                attachments, secure.forgetBrowsers);
    }

    /** Shown on the reply tab, hidden on the note tab. */
    void setShown(boolean shown) {
        this.shown = shown;
        row.setVisible(shown);
        replyTools.setVisible(shown);
        replyError.setVisible(shown);
        replyBlocked.setVisible(shown && !header.canReply());
    }

    /** Whether replies can go out now, and why not. */
    void show(ConversationHeader header) {
        this.header = header;
        reply.setEnabled(header.canReply());
        reply.setPlaceholder(header.canReply() ? "Write a reply to the patient" : header.whyNoReply());
        replyBlocked.setText(header.canReply() ? "" : whyNoReply());
        replyBlocked.setVisible(shown && !header.canReply());
        checkReply();
    }

    /** The reason replies are off, with what the person can do about it. */
    private String whyNoReply() {
        if (header.blockReason() == SendingRules.Reason.OPTED_OUT) {
            String on = header.optOut().since() == null ? "" : " on " + TimeFormat.day(header.optOut().since(), clock);
            String source = header.optOut().source() == null ? "" : header.optOut().source();
            return source.startsWith("replied ")
                    ? "Patient " + source + on + " — they can text START to receive texts again."
                    : "Opted out of texts" + on + " (" + source + ") — the patient can text START to receive texts again.";
        }
        return header.whyNoReply();
    }

    private void checkReply() {
        if (header == null) {
            return;
        }
        int length = reply.getValue().strip().length();
        if (length > header.maxTextLength()) {
            replyError.setText("Too long: " + length + " characters, the line accepts at most "
                    + header.maxTextLength() + ".");
            send.setEnabled(false);
        } else {
            replyError.setText("");
            send.setEnabled(header.canReply() && (length > 0 || attachments.hasFiles()));
        }
        reply.setHelperText(length > 0 ? length + " / " + header.maxTextLength() : null);
        if (scheduling != null) {
            scheduling.schedule.setEnabled(send.isEnabled()); // what may be sent now may be scheduled
        }
        if (secure != null) {
            secure.sendSecurely.setEnabled(send.isEnabled()); // and sent securely
        }
    }

    private void sendReply() {
        try {
            replies.reply(me, conversationId, reply.getValue(), attachments.chosen());
        } catch (IllegalArgumentException | IllegalStateException e) {
            replyError.setText(e.getMessage());
            return;
        }
        reply.clear();
        attachments.clear();
        sent.run();
    }
}
