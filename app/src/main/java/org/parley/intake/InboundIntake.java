package org.parley.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.attachment.InlinePictures;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationRepository;
import org.parley.conversation.ConversationRouting;
import org.parley.conversation.Direction;
import org.parley.conversation.Message;
import org.parley.conversation.MessageRepository;
import org.parley.conversation.MessageStatus;
import org.parley.conversation.MessageWordIndex;
import org.parley.conversation.automatic.AfterHoursReplies;
import org.parley.conversation.automatic.ConsentKeeping;
import org.parley.conversation.automatic.ReasonQuestions;
import org.parley.conversation.event.PatientMessageArrived;
import org.parley.conversation.media.MessageMedia;
import org.parley.conversation.media.MessageMediaRepository;
import org.parley.line.LineSnapshot;
import org.parley.line.UnfetchedMedia;
import org.parley.patient.ContactKind;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.plugin.Media;
import org.parley.plugin.ProviderEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what providers report: patients' messages, voicemails and delivery updates. Idempotent: a
 * provider message id already stored on the line changes nothing.
 */
@Service
public class InboundIntake {

    /** What recording a webhook's events came to. */
    enum Result {
        /** Everything was recorded (or had been already). */
        RECORDED,
        /**
         * A voicemail's part named a call Parley does not know (yet): the provider should retry. (A delivery update
         * for a message not known yet is kept and applied later: see {@link EarlyStatuses}.)
         */
        UNKNOWN_MESSAGE
    }

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final MessageMediaRepository media;
    private final MessageWordIndex words;
    private final ContactService contacts;
    private final ConsentKeeping consent;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration replyWindow;
    private final ConversationRouting routing;
    private final AfterHoursReplies afterHours;
    private final ReasonQuestions reasons;
    private final MediaFetchQueue mediaFetches;
    private final JdbcClient jdbc;

    InboundIntake(ConversationRepository conversations, MessageRepository messages, MessageMediaRepository media,
                  MessageWordIndex words, ContactService contacts, ConsentKeeping consent, AuditLog audit,
                  ApplicationEventPublisher events, Clock clock, ConversationRouting routing,
                  AfterHoursReplies afterHours, ReasonQuestions reasons,
                  MediaFetchQueue mediaFetches, JdbcClient jdbc,
                  FamilySettings family) {
        this.conversations = conversations;
        this.messages = messages;
        this.media = media;
        this.words = words;
        this.contacts = contacts;
        this.consent = consent;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.replyWindow = family.replyWindow();
        this.routing = routing;
        this.afterHours = afterHours;
        this.reasons = reasons;
        this.mediaFetches = mediaFetches;
        this.jdbc = jdbc;
    }

    @Transactional
    public Result record(LineSnapshot line, List<ProviderEvent> reported) {
        return record(line, reported, UnfetchedMedia.none());
    }

    /**
     * Records a webhook's events. Media that could not be fetched while the webhook was read ({@code unfetched}) is
     * stored as a placeholder and fetched again in the background; a delivery status for a message not known yet is
     * kept and applied once the message is recorded.
     */
    @Transactional
    public Result record(LineSnapshot line, List<ProviderEvent> reported, UnfetchedMedia unfetched) {
        Result result = Result.RECORDED;
        for (ProviderEvent event : reported) {
            switch (event) {
                case ProviderEvent.InboundMessage inbound -> receive(line, inbound, unfetched);
                case ProviderEvent.DeliveryUpdate update -> {
                    if (!deliver(line.id(), update)) {
                        EarlyStatuses.keep(jdbc, clock, line.id(), update);
                    }
                }
                case ProviderEvent.Voicemail voicemail -> {
                    if (!voicemail(line, voicemail, unfetched)) {
                        result = Result.UNKNOWN_MESSAGE;
                    }
                }
            }
        }
        return result;
    }

    /**
     * Applies the delivery statuses that arrived for a message before it was recorded (see {@link EarlyStatuses}).
     * In a transaction of its own: it runs after the sender's has committed.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void applyEarlyStatuses(String lineId, String providerMessageId) {
        if (messages.findByLineIdAndProviderMessageId(lineId, providerMessageId).isEmpty()) {
            return;
        }
        for (ProviderEvent.DeliveryUpdate update : EarlyStatuses.take(jdbc, lineId, providerMessageId)) {
            deliver(lineId, update);
        }
    }

    /** Stores one picture, file or recording of a message: as it came, or as a placeholder to fetch again. */
    private void keep(LineSnapshot line, Message message, Media item, UnfetchedMedia unfetched, Instant now) {
        Optional<UnfetchedMedia.Pending> pending = unfetched.pending(item);
        if (pending.isPresent()) {
            MessageMedia placeholder = media.save(MessageMedia.unfetched(message.getId(),
                    InlinePictures.plainType(item.contentType()), item.fileName(), pending.get().retryable(), now));
            if (pending.get().retryable()) {
                mediaFetches.queue(placeholder.getId(), line.id(), pending.get().uri());
            }
            return;
        }
        // A picture is stored as the type its content shows; what only claims to be one is never drawn inline.
        String type = item.isTooLarge() ? InlinePictures.plainType(item.contentType())
                : InlinePictures.typeToKeep(item.contentType(), item.data());
        media.save(new MessageMedia(message.getId(), type, item.fileName(), item.size(), item.data(), now));
    }

    private void receive(LineSnapshot line, ProviderEvent.InboundMessage inbound, UnfetchedMedia unfetched) {
        if (messages.existsByLineIdAndProviderMessageId(line.id(), inbound.providerMessageId())) {
            return;
        }
        Instant now = clock.instant();
        boolean blocked = routing.isBlocked(inbound.from());
        Conversation conversation = familyConversation(line, inbound.from(), blocked, now);
        Message message = messages.save(Message.inbound(conversation.getId(), line.id(), inbound.providerMessageId(),
                inbound.text(), now));
        words.indexNew(message);
        for (Media item : inbound.media()) {
            keep(line, message, item, unfetched, now);
        }
        boolean startsOrReopens = routing.startsOrReopens(conversation);
        conversation.inbound(preview(inbound.text(), inbound.media()), now);
        audit.record(AuditLog.SYSTEM, AuditAction.MESSAGE_RECEIVED, "message", String.valueOf(message.getId()),
                "conversation " + conversation.getId());
        events.publishEvent(new ConversationChanged(conversation.getId(), message.getId(), true));
        // An answer to the reason picker places the conversation before anyone hears of the text.
        reasons.patientAnswered(conversation, blocked, inbound.text());
        arrived(conversation, message, blocked, startsOrReopens, inbound.text());
        consent.patientWrote(line, conversation, inbound.from(), inbound.text());
        afterHours.patientWrote(line, conversation, inbound.from(), inbound.text());
        reasons.patientWrote(line, conversation, message, blocked, startsOrReopens, inbound.text());
    }

    /**
     * Records a voicemail part. The part sent when the call comes in names the caller and opens the voicemail;
     * the recording and the transcript join it by call id, in either order, each once.
     *
     * @return false for a part of a call Parley has not heard of (the provider should send it again later)
     */
    private boolean voicemail(LineSnapshot line, ProviderEvent.Voicemail voicemail, UnfetchedMedia unfetched) {
        Instant now = clock.instant();
        Optional<Message> existing = messages.findByLineIdAndProviderMessageId(line.id(), voicemail.providerCallId());
        Message message;
        boolean changed = false;
        if (existing.isPresent()) {
            message = existing.get();
        } else if (voicemail.from() != null) {
            boolean blocked = routing.isBlocked(voicemail.from());
            Conversation conversation = conversationOf(line, contactOf(voicemail.from()), blocked, now);
            message = messages.save(Message.voicemail(conversation.getId(), line.id(), voicemail.providerCallId(), "",
                    now));
            boolean startsOrReopens = routing.startsOrReopens(conversation);
            conversation.inbound("Voicemail", now);
            audit.record(AuditLog.SYSTEM, AuditAction.VOICEMAIL_RECEIVED, "message", String.valueOf(message.getId()),
                    "conversation " + conversation.getId());
            arrived(conversation, message, blocked, startsOrReopens, null);
            changed = true;
        } else {
            return false;
        }
        if (message.getDirection() != Direction.VOICEMAIL) {
            return true;
        }
        if (message.transcribed(voicemail.transcript(), now)) {
            words.index(message);
            changed = true;
        }
        if (voicemail.recording() != null && media.infoOf(message.getId()).isEmpty()) {
            keep(line, message, voicemail.recording(), unfetched, now);
            changed = true;
        }
        if (changed) {
            events.publishEvent(new ConversationChanged(message.getConversationId(), message.getId(), true));
        }
        return true;
    }

    private boolean deliver(String lineId, ProviderEvent.DeliveryUpdate update) {
        Optional<Message> found = messages.findByLineIdAndProviderMessageId(lineId, update.providerMessageId());
        if (found.isEmpty()) {
            return false;
        }
        Message message = found.get();
        if (message.getDirection() != Direction.OUTBOUND) {
            // A signed report naming a patient's own text (or a voicemail): reports are about what the practice sent,
            // so it changes nothing, and it is answered as handled so the provider does not keep sending it.
            return true;
        }
        String reason = update.reason() == null || update.reason().isBlank() ? update.errorCode() : update.reason();
        if (message.advance(MessageStatus.of(update.status()), reason, clock.instant())) {
            events.publishEvent(new ConversationChanged(message.getConversationId(), message.getId(), false));
            if (message.getStatus().isProblem()) {
                Conversation conversation = conversations.findById(message.getConversationId()).orElseThrow();
                if (update.recipientOptedOut()) {
                    contacts.find(conversation.getContactId()).map(ContactSummary::phoneNumber)
                            .ifPresent(number -> consent.providerReportsOptOut(conversation, number));
                }
                consent.notDelivered(message, conversation, message.getStatusReason());
            }
        }
        return true;
    }

    /**
     * Where a text from a number lands. A family shares the guardian's number: the text goes to the family
     * member's conversation the practice last wrote to from this line within the reply window (that is who the
     * guardian is answering), otherwise to the guardian's own conversation. Voicemails always go to the
     * guardian's own conversation.
     */
    private Conversation familyConversation(LineSnapshot line, String from, boolean blocked, Instant now) {
        ContactSummary owner = contactOf(from);
        List<Long> family = owner.kind() == ContactKind.PATIENT
                ? contacts.family(owner.id()).stream().map(ContactSummary::id).toList() : List.of(owner.id());
        if (family.size() > 1) {
            Optional<Long> answering = messages.latestOutboundConversation(family, line.id(),
                    now.minus(replyWindow), PageRequest.of(0, 1)).stream().findFirst();
            if (answering.isPresent()) {
                return conversations.lockById(answering.get()).orElseThrow();
            }
        }
        return conversationOf(line, owner, blocked, now);
    }

    private ContactSummary contactOf(String from) {
        // A first text from a new number: findOrCreateByPhone makes changes of this number take turns (every node).
        return contacts.findOrCreateByPhone(from);
    }

    /**
     * The contact's conversation on the line, locked until the intake transaction ends, or started. Texts of one
     * patient take turns on the conversation's row (a database lock, so across nodes) and each updates its summary
     * in full; a new conversation is started under the contact's row lock, so two first texts make one.
     */
    private Conversation conversationOf(LineSnapshot line, ContactSummary contact, boolean blocked, Instant now) {
        return conversations.lockNewest(contact.id(), line.id()).orElseGet(() -> {
            conversations.lockContact(contact.id());
            return conversations.lockNewest(contact.id(), line.id())
                    .orElseGet(() -> conversations.save(new Conversation(line.id(), contact.id(),
                            routing.listForNew(line.id(), blocked), now)));
        });
    }

    /**
     * Tells whoever holds the conversation. A number an admin blocked keeps its conversations in BLOCKED (one on
     * another line moves there too), and nobody hears of them. Otherwise a message that starts or reopens the
     * conversation first gets the admin's routing rules (the list a rule chooses is the one that hears of it).
     */
    private void arrived(Conversation conversation, Message message, boolean blocked, boolean startsOrReopens,
                         String text) {
        long blockedList = routing.blockedList();
        if (blocked && !Long.valueOf(blockedList).equals(conversation.getAssignedListId())) {
            conversation.assignToList(blockedList);
        }
        if (!blocked && startsOrReopens) {
            routing.applyRules(conversation, text);
        }
        // A conversation in a list has no assignees (Conversation.assignToList): their collection is not even read.
        events.publishEvent(new PatientMessageArrived(conversation.getId(), message.getId(),
                conversation.getAssignedListId(), conversation.getAssignedListId() != null ? Set.of()
                : Set.copyOf(conversation.getAssignees()), blocked));
    }

    private static String preview(String text, List<Media> attachments) {
        if (text != null && !text.isBlank()) {
            return text.strip();
        }
        return attachments.size() == 1 ? "Picture or file" : attachments.size() + " pictures or files";
    }
}
