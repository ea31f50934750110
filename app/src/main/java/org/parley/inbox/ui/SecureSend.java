package org.parley.inbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextArea;
import org.parley.securemessage.SecureMessages;
import org.parley.security.StaffMember;

/**
 * Send securely in a conversation (issue 18): the reply box's "Send securely" button, which sends what is written
 * (and attached) as a secure message (the patient gets only the practice's name and a link by text), and "Forget
 * verified browsers", after which every browser of the patient asks for the date of birth again. The composer places
 * the buttons; the rules are the service's.
 */
class SecureSend {

    private final SecureMessages secure;
    private final StaffMember me;
    private final long conversationId;
    private final TextArea reply;
    private final AttachmentPicker attachments;
    private final Span error;
    private final Runnable sent;

    final Button sendSecurely = new Button("Send securely");
    final Button forgetBrowsers = new Button("Forget verified browsers");

    SecureSend(SecureMessages secure, StaffMember me, long conversationId, long contactId, TextArea reply,
               AttachmentPicker attachments, Span error, Runnable sent) {
        this.secure = secure;
        this.me = me;
        this.conversationId = conversationId;
        this.reply = reply;
        this.attachments = attachments;
        this.error = error;
        this.sent = sent;
        sendSecurely.setId("send-securely");
        sendSecurely.getElement().setAttribute("title", "The patient gets only the practice's name and a link by "
                + "text, and reads the message after entering the date of birth.");
        sendSecurely.addClickListener(e -> send());
        forgetBrowsers.setId("forget-browsers");
        forgetBrowsers.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        forgetBrowsers.addClickListener(e -> {
            int forgotten = secure.forgetBrowsers(me, contactId);
            Notification.show(forgotten == 0
                    ? "No browser was remembered for this patient."
                    : "Forgot " + forgotten + (forgotten == 1 ? " browser" : " browsers")
                    + ": the next visit asks for the date of birth again.");
        });
    }

    private void send() {
        try {
            secure.send(me, conversationId, reply.getValue(), attachments.chosen());
        } catch (IllegalArgumentException | IllegalStateException refused) {
            error.setText(refused.getMessage());
            return;
        }
        reply.clear();
        attachments.clear();
        sent.run();
    }
}
