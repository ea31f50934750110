package org.parley.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.parley.attachment.Attachment;
import org.parley.attachment.ReplyAttachments;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.compliance.SendingRules;
import org.parley.conversation.event.OutboundQueued;
import org.parley.conversation.media.MediaInfo;
import org.parley.conversation.media.MessageMedia;
import org.parley.conversation.media.MessageMediaRepository;
import org.parley.line.LineGateway;
import org.parley.patient.ContactService;
import org.parley.plugin.ProviderDescriptor;
import org.parley.security.StaffMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replies to patients: checked (something to send, a loaded provider, a number that may be texted, a text and files
 * the provider accepts), stored with their attachments, and handed to the durable outbound queue; and a reply whose
 * fate the provider could not tell, resent once staff checked.
 */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@PreAuthorize("@staffAccess.permitsPhi()")
public class Replies {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final MessageMediaRepository media;
    private final MessageWordIndex words;
    private final ContactService contacts;
    private final LineGateway gateway;
    private final SendingRules sendingRules;
    private final ReplyAttachments replyAttachments;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Replies(ConversationRepository conversations, MessageRepository messages, MessageMediaRepository media, MessageWordIndex words, ContactService contacts, LineGateway gateway, SendingRules sendingRules, ReplyAttachments replyAttachments, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.media = media;
        this.words = words;
        this.contacts = contacts;
        this.gateway = gateway;
        this.sendingRules = sendingRules;
        this.replyAttachments = replyAttachments;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Queues a reply. It is stored before anything is sent, then handed to the line's provider by the
     * outbound queue, which retries temporary failures.
     *
     * @throws IllegalArgumentException when the text is empty or longer than the provider accepts
     * @throws IllegalStateException    when the line's provider plugin is not loaded
     */
    @Transactional
    public MessageView reply(StaffMember author, long conversationId, String text) {
        return reply(author, conversationId, text, List.of());
    }

    /**
     * Queues a reply with pictures or files (MMS); the text may then be empty. The message and its attachments are
     * stored together, in one transaction, before anything is sent.
     *
     * @throws IllegalArgumentException when there is nothing to send, the text is too long, or an attachment is not
     *                                  allowed (type, size, count)
     * @throws IllegalStateException    when the line's provider plugin is not loaded, or cannot send pictures or
     *                                  files
     */
    @Transactional
    public MessageView reply(StaffMember author, long conversationId, String text, List<Attachment> attachments) {
        return queueReply(author, conversationId, text, attachments, null);
    }

    /**
     * Stores a reply and queues it: at once, or with {@code scheduledFor} not before then (the caller checked the time).
     * Runs in the caller's transaction.
     */
    MessageView queueReply(StaffMember author, long conversationId, String text, List<Attachment> attachments,
                           Instant scheduledFor) {
        Conversation conversation = conversations.findById(conversationId)
                .orElseThrow(() -> new NoSuchElementException("There is no conversation " + conversationId + "."));
        String body = text == null ? "" : text.strip();
        List<Attachment> files = attachments == null ? List.of() : attachments;
        List<Attachment> checked = checkReply(conversation, body, files);
        Message message = messages.save(Message.outbound(conversationId, conversation.getLineId(), author.id(), body,
                clock.instant(), scheduledFor));
        List<MediaInfo> stored = checked.stream().map(file -> media.save(new MessageMedia(message.getId(),
                file.contentType(), file.fileName(), file.sizeBytes(), file.data(), clock.instant())).info()).toList();
        words.indexNew(message);
        conversation.activity(!body.isEmpty() ? body : checked.stream().allMatch(Attachment::isImage) ? "[picture]"
                : "[file]", clock.instant());
        audit.record(author.username(), scheduledFor == null ? AuditAction.MESSAGE_QUEUED : AuditAction.MESSAGE_SCHEDULED, "message",
                String.valueOf(message.getId()), "conversation " + conversationId
                        + (stored.isEmpty() ? "" : ", " + ReplyAttachments.files(stored.size())));
        events.publishEvent(new ConversationChanged(conversationId, message.getId(), false));
        events.publishEvent(new OutboundQueued(message.getId()));
        return new MessageView(message.getId(), Direction.OUTBOUND, body, author.displayName(), message.getStatus(),
                null, message.getCreatedAt(), stored, author.id(), null, List.of(), scheduledFor);
    }

    /**
     * What every reply must pass before it is stored, now or for later: something to send, a loaded provider, a number
     * that may be texted, a text the provider accepts and attachments it carries.
     *
     * @return the attachments as they will be sent
     */
    List<Attachment> checkReply(Conversation conversation, String body, List<Attachment> files) {
        return checkReply(conversation, body, files, false);
    }

    /** {@link #checkReply}, for a stored reply that may already carry files ({@code hasFiles}). */
    List<Attachment> checkReply(Conversation conversation, String body, List<Attachment> files, boolean hasFiles) {
        if (body.isEmpty() && files.isEmpty() && !hasFiles) {
            throw new IllegalArgumentException("Write a reply first.");
        }
        ProviderDescriptor provider = gateway.descriptor(conversation.getLineId()).orElseThrow(() ->
                new IllegalStateException("This line's provider plugin is not loaded: replies cannot be sent."));
        String number = contacts.textNumber(conversation.getContactId()).orElse(null);
        sendingRules.blocked(conversation.getLineId(), number, false).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        if (body.length() > provider.maxTextLength()) {
            throw new IllegalArgumentException("The reply has " + body.length() + " characters; "
                    + provider.name() + " accepts at most " + provider.maxTextLength() + ".");
        }
        return replyAttachments.checkSendable(provider, files);
    }

    /**
     * Whether staff may resend a reply: one the provider could not say it has ({@link MessageStatus#UNCONFIRMED}). A
     * static function of the message, asked of every message a thread draws without an access check per message.
     */
    public static boolean mayResend(MessageView message) {
        return !message.deleted() && message.direction() == Direction.OUTBOUND
                && message.status() == MessageStatus.UNCONFIRMED;
    }

    /**
     * Sends again a reply that may not have been sent ({@link MessageStatus#UNCONFIRMED}), once staff have checked that
     * the patient does not have it: queued again as it is (same text and files), and audited. Allowed only while the
     * conversation's number may still be texted.
     *
     * @throws IllegalArgumentException when the message is not one that may not have been sent
     * @throws IllegalStateException    naming why the number may not be texted now
     */
    @Transactional
    public void resend(StaffMember me, long messageId) {
        Message message = messages.findById(messageId)
                .orElseThrow(() -> new NoSuchElementException("There is no such message."));
        if (message.getDirection() != Direction.OUTBOUND || message.isDeleted()
                || message.getStatus() != MessageStatus.UNCONFIRMED) {
            throw new IllegalArgumentException("Only a reply that may not have been sent can be resent.");
        }
        Conversation conversation = conversations.findById(message.getConversationId()).orElseThrow();
        String number = contacts.textNumber(conversation.getContactId()).orElse(null);
        sendingRules.blocked(conversation.getLineId(), number, message.isSystemReply()).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        message.resend(clock.instant());
        audit.record(me.username(), AuditAction.MESSAGE_RESENT, "message", String.valueOf(messageId),
                "conversation " + message.getConversationId() + ", after staff checked it may not have been sent");
        events.publishEvent(new ConversationChanged(message.getConversationId(), messageId, false));
        events.publishEvent(new OutboundQueued(messageId));
    }

}
