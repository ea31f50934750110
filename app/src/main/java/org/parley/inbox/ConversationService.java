package org.parley.inbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.parley.audit.AuditLog;
import org.parley.line.LineGateway;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.plugin.ProviderDescriptor;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What staff do in the inbox: list conversations, open one, read its thread, reply. */
@Service
public class ConversationService {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final MessageMediaRepository media;
    private final MessageWordIndex words;
    private final ConversationSeenRepository seen;
    private final ContactService contacts;
    private final LineService lines;
    private final LineGateway gateway;
    private final StaffDirectory staff;
    private final org.parley.compliance.ConsentService consent;
    private final org.parley.line.LineTypes lineTypes;
    private final SendingRules sendingRules;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ConversationService(ConversationRepository conversations, MessageRepository messages,
                        MessageMediaRepository media, MessageWordIndex words, ConversationSeenRepository seen,
                        ContactService contacts,
                        LineService lines, LineGateway gateway, StaffDirectory staff,
                        org.parley.compliance.ConsentService consent, org.parley.line.LineTypes lineTypes,
                        SendingRules sendingRules, AuditLog audit,
                        ApplicationEventPublisher events, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.media = media;
        this.words = words;
        this.seen = seen;
        this.contacts = contacts;
        this.lines = lines;
        this.gateway = gateway;
        this.staff = staff;
        this.consent = consent;
        this.lineTypes = lineTypes;
        this.sendingRules = sendingRules;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A page of open conversations, newest activity first, marked unseen for {@code viewer}. */
    @Transactional(readOnly = true)
    public List<ConversationRow> openConversations(StaffMember viewer, int offset, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<InboxRow> rows = conversations.page(ConversationStatus.OPEN, viewer.id(),
                PageRequest.of(offset / limit, limit));
        Map<Long, ContactSummary> who = contacts.find(rows.stream().map(InboxRow::contactId).toList());
        return rows.stream().map(row -> new ConversationRow(row.id(),
                Optional.ofNullable(who.get(row.contactId())).map(ContactSummary::displayName).orElse("Unknown"),
                row.preview() == null ? "" : row.preview(), row.lastActivityAt(), row.unseen(), row.attention()))
                .toList();
    }

    /** How many conversations are open. */
    @Transactional(readOnly = true)
    public long countOpen() {
        return conversations.countByStatus(ConversationStatus.OPEN);
    }

    /**
     * Opens a conversation for {@code viewer}: records the view in the audit log and marks its patient
     * messages seen.
     *
     * @throws NoSuchElementException when there is no such conversation
     */
    @Transactional
    public ConversationHeader open(StaffMember viewer, long conversationId) {
        Conversation conversation = conversations.findById(conversationId)
                .orElseThrow(() -> new NoSuchElementException("There is no conversation " + conversationId + "."));
        audit.record(viewer.username(), "CONVERSATION_VIEWED", "conversation", String.valueOf(conversationId), null);
        markSeen(viewer, conversationId);
        // Learn whether the number can receive texts (cached; a lookup only the first time).
        contacts.textNumber(conversation.getContactId()).ifPresent(number -> lineTypes.of(conversation.getLineId(), number));
        return header(conversation);
    }

    /** Marks a conversation's messages seen by {@code viewer}, e.g. when one arrives while it is open. */
    @Transactional
    public void markSeen(StaffMember viewer, long conversationId) {
        ConversationSeen.Key key = new ConversationSeen.Key(conversationId, viewer.id());
        seen.findById(key).ifPresentOrElse(s -> s.seen(clock.instant()),
                () -> seen.save(new ConversationSeen(conversationId, viewer.id(), clock.instant())));
    }

    /** The header of a conversation, without recording a view (for refreshing an open one). */
    @Transactional(readOnly = true)
    public ConversationHeader header(long conversationId) {
        return header(conversations.findById(conversationId)
                .orElseThrow(() -> new NoSuchElementException("There is no conversation " + conversationId + ".")));
    }

    private ConversationHeader header(Conversation conversation) {
        Optional<ContactSummary> contact = contacts.find(conversation.getContactId());
        String name = contact.map(ContactSummary::displayName).orElse("Unknown");
        Optional<LineSnapshot> line = lines.find(conversation.getLineId());
        int max = gateway.descriptor(conversation.getLineId()).map(ProviderDescriptor::maxTextLength).orElse(0);
        String number = contacts.textNumber(conversation.getContactId()).orElse(null);
        String textedVia = contact.filter(ContactSummary::isDependent)
                .flatMap(c -> contacts.find(c.guardianId())).map(ContactSummary::displayName).orElse(null);
        return new ConversationHeader(conversation.getId(), name, conversation.getStatus(),
                line.map(LineSnapshot::name).orElse(conversation.getLineId()), max, conversation.getLineId(),
                consent.status(conversation.getLineId(), number),
                conversation.getAttention(), conversation.getAttentionReason(), conversation.getContactId(),
                sendingRules.blocked(conversation.getLineId(), number, false).orElse(null), textedVia);
    }

    /** Whether the contact's number can receive texts, from the line's provider (cached). */
    public org.parley.plugin.LineType contactLineType(long conversationId) {
        Conversation conversation = conversations.findById(conversationId).orElseThrow();
        String number = contacts.textNumber(conversation.getContactId()).orElse(null);
        return lineTypes.of(conversation.getLineId(), number);
    }

    /**
     * The conversation with a contact (a family member, a patient found in the list), started if there is none:
     * on the line the family last used, else the first line.
     */
    @Transactional
    public long conversationWith(StaffMember staffMember, long contactId) {
        List<Long> family = contacts.family(contactId).stream().map(ContactSummary::id).toList();
        if (family.isEmpty()) {
            throw new NoSuchElementException("There is no such contact.");
        }
        String lineId = conversations.findFirstByContactIdInOrderByLastActivityAtDesc(family)
                .map(Conversation::getLineId)
                .orElseGet(() -> lines.all().stream().findFirst().map(LineSnapshot::id)
                        .orElseThrow(() -> new IllegalStateException("Parley has no line yet: an admin adds one.")));
        Conversation conversation = conversations.findFirstByContactIdAndLineIdOrderByIdDesc(contactId, lineId)
                .orElseGet(() -> {
                    Conversation started = conversations.save(new Conversation(lineId, contactId, clock.instant()));
                    audit.record(staffMember.username(), "CONVERSATION_STARTED", "conversation",
                            String.valueOf(started.getId()), null);
                    return started;
                });
        return conversation.getId();
    }

    /** The other members of the family a conversation's contact belongs to, to move a message to. */
    @Transactional(readOnly = true)
    public List<ContactSummary> familyElsewhere(long conversationId) {
        Conversation conversation = conversations.findById(conversationId).orElseThrow();
        return contacts.family(conversation.getContactId()).stream()
                .filter(member -> member.id() != conversation.getContactId()).toList();
    }

    /**
     * Moves a patient's message (a text or voicemail from the family's shared number) to another family member's
     * conversation. Both threads record the move, and so does the audit log.
     *
     * @throws IllegalArgumentException when the message is not the family's or the contact is not in the family
     */
    @Transactional
    public long moveMessage(StaffMember staffMember, long messageId, long toContactId) {
        Message message = messages.findById(messageId)
                .orElseThrow(() -> new NoSuchElementException("There is no such message."));
        if (message.getDirection() != Direction.INBOUND && message.getDirection() != Direction.VOICEMAIL) {
            throw new IllegalArgumentException("Only a patient's text or voicemail can be moved.");
        }
        Conversation from = conversations.findById(message.getConversationId()).orElseThrow();
        if (familyElsewhere(from.getId()).stream().noneMatch(member -> member.id() == toContactId)) {
            throw new IllegalArgumentException("The message can only move to another member of the same family.");
        }
        Conversation to = conversations.findFirstByContactIdAndLineIdOrderByIdDesc(toContactId, from.getLineId())
                .orElseGet(() -> conversations.save(new Conversation(from.getLineId(), toContactId, clock.instant())));
        String fromName = contacts.find(from.getContactId()).map(ContactSummary::displayName).orElse("another patient");
        String toName = contacts.find(toContactId).map(ContactSummary::displayName).orElse("another patient");
        message.moveTo(to.getId());
        words.moved(message);
        to.inbound(message.getBody().isBlank() ? "Voicemail" : message.getBody(), clock.instant());
        Message left = messages.save(Message.system(from.getId(), from.getLineId(),
                "A message was moved to " + toName + "'s conversation by " + staffMember.displayName() + ".",
                clock.instant()));
        words.index(left);
        Message arrived = messages.save(Message.system(to.getId(), to.getLineId(),
                "A message was moved here from " + fromName + "'s conversation by " + staffMember.displayName() + ".",
                clock.instant()));
        words.index(arrived);
        audit.record(staffMember.username(), "MESSAGE_MOVED", "message", String.valueOf(messageId),
                "from conversation " + from.getId() + " to conversation " + to.getId());
        events.publishEvent(new ConversationChanged(from.getId(), left.getId(), false));
        events.publishEvent(new ConversationChanged(to.getId(), arrived.getId(), false));
        return to.getId();
    }

    /**
     * Copies a message from an organisation's conversation (a pharmacy, a lab) into a patient's conversation as an
     * internal note naming where it came from; the source thread records the copy, and so does the audit log.
     */
    @Transactional
    public long copyToPatient(StaffMember staffMember, long messageId, long patientContactId) {
        Message message = messages.findById(messageId)
                .orElseThrow(() -> new NoSuchElementException("There is no such message."));
        Conversation from = conversations.findById(message.getConversationId()).orElseThrow();
        ContactSummary source = contacts.find(from.getContactId()).orElseThrow();
        ContactSummary patient = contacts.find(patientContactId)
                .filter(c -> c.kind() == org.parley.patient.ContactKind.PATIENT)
                .orElseThrow(() -> new IllegalArgumentException("Choose a patient to copy the message to."));
        long target = conversationWith(staffMember, patientContactId);
        Conversation to = conversations.findById(target).orElseThrow();
        Message note = messages.save(Message.note(to.getId(), to.getLineId(), staffMember.id(),
                "From " + source.displayName() + ": " + message.getBody(), clock.instant()));
        words.index(note);
        to.activity("Note: from " + source.displayName(), clock.instant());
        Message copied = messages.save(Message.system(from.getId(), from.getLineId(),
                "Copied to " + patient.displayName() + "'s conversation by " + staffMember.displayName() + ".",
                clock.instant()));
        words.index(copied);
        audit.record(staffMember.username(), "MESSAGE_COPIED", "message", String.valueOf(messageId),
                "to conversation " + to.getId());
        events.publishEvent(new ConversationChanged(to.getId(), note.getId(), false));
        events.publishEvent(new ConversationChanged(from.getId(), copied.getId(), false));
        return to.getId();
    }

    /** Whether a conversation is with an organisation (whose messages may be copied to a patient). */
    @Transactional(readOnly = true)
    public boolean isWithOrganisation(long conversationId) {
        return conversations.findById(conversationId).flatMap(c -> contacts.find(c.getContactId()))
                .map(c -> c.kind() == org.parley.patient.ContactKind.ORGANISATION).orElse(false);
    }

    /** Clears a conversation's flag once staff dealt with it. */
    @Transactional
    public void markHandled(StaffMember staffMember, long conversationId) {
        Conversation conversation = conversations.findById(conversationId)
                .orElseThrow(() -> new NoSuchElementException("There is no conversation " + conversationId + "."));
        if (conversation.getAttention() != null) {
            audit.record(staffMember.username(), "ATTENTION_HANDLED", "conversation", String.valueOf(conversationId),
                    conversation.getAttention().name());
            conversation.attentionHandled();
            events.publishEvent(new ConversationChanged(conversationId, 0, false));
        }
    }

    /** The newest {@code limit} messages after skipping {@code offset}, oldest first for reading. */
    @Transactional(readOnly = true)
    public List<MessageView> thread(long conversationId, int offset, int limit) {
        List<Message> page = new ArrayList<>(messages.findByConversationIdOrderByCreatedAtDescIdDesc(conversationId,
                PageRequest.of(offset / limit, limit)));
        Collections.reverse(page);
        Map<Long, List<MediaInfo>> attachments = new HashMap<>();
        if (!page.isEmpty()) {
            for (Object[] row : media.infoOf(page.stream().map(Message::getId).toList())) {
                attachments.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add((MediaInfo) row[1]);
            }
        }
        Map<Long, String> authors = page.stream().map(Message::getAuthorId).filter(java.util.Objects::nonNull)
                .distinct().collect(Collectors.toMap(id -> id,
                        id -> staff.find(id).map(StaffMember::displayName).orElse("Former staff")));
        return page.stream().map(m -> new MessageView(m.getId(), m.getDirection(), m.getBody(),
                m.getAuthorId() == null ? null : authors.get(m.getAuthorId()), m.getStatus(), m.getStatusReason(),
                m.getCreatedAt(), attachments.getOrDefault(m.getId(), List.of()))).toList();
    }

    /** How many messages a conversation has. */
    @Transactional(readOnly = true)
    public long countMessages(long conversationId) {
        return messages.countByConversationId(conversationId);
    }

    /** The content of an attachment, for showing or downloading it. */
    @Transactional(readOnly = true)
    public Optional<byte[]> attachment(long mediaId) {
        return media.findById(mediaId).map(MessageMedia::getData);
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
        Conversation conversation = conversations.findById(conversationId)
                .orElseThrow(() -> new NoSuchElementException("There is no conversation " + conversationId + "."));
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
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
        Message message = messages.save(Message.outbound(conversationId, conversation.getLineId(), author.id(), body,
                clock.instant()));
        words.index(message);
        conversation.activity(body, clock.instant());
        audit.record(author.username(), "MESSAGE_QUEUED", "message", String.valueOf(message.getId()),
                "conversation " + conversationId);
        events.publishEvent(new ConversationChanged(conversationId, message.getId(), false));
        events.publishEvent(new OutboundQueued(message.getId()));
        return new MessageView(message.getId(), Direction.OUTBOUND, body, author.displayName(), message.getStatus(),
                null, message.getCreatedAt(), List.of());
    }
}
