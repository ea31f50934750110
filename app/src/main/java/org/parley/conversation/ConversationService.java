package org.parley.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.parley.attachment.Attachment;
import org.parley.attachment.ReplyAttachments;
import org.parley.audit.AuditLog;
import org.parley.compliance.SendingRules;
import org.parley.line.LineGateway;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.mention.Mention;
import org.parley.mention.MentionNotice;
import org.parley.mention.MentionRepository;
import org.parley.mention.Mentions;
import org.parley.mention.MentionsRead;
import org.parley.mention.StaffMentioned;
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
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@org.springframework.security.access.prepost.PreAuthorize("@staffAccess.permitsPhi()")
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
    private final ReplyAttachments replyAttachments;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final MentionRepository mentions;
    private final ConversationRouting routing;
    private final org.parley.lists.ListService lists;
    private final java.time.Duration deleteWindow;
    private final org.springframework.transaction.support.TransactionTemplate tx;

    ConversationService(ConversationRepository conversations, MessageRepository messages,
                        MessageMediaRepository media, MessageWordIndex words, ConversationSeenRepository seen,
                        ContactService contacts,
                        LineService lines, LineGateway gateway, StaffDirectory staff,
                        org.parley.compliance.ConsentService consent, org.parley.line.LineTypes lineTypes,
                        SendingRules sendingRules, ReplyAttachments replyAttachments, AuditLog audit,
                        ApplicationEventPublisher events, Clock clock, MentionRepository mentions,
                        ConversationRouting routing, org.parley.lists.ListService lists,
                        @org.springframework.beans.factory.annotation.Value("${parley.inbox.delete-window:2m}")
                        java.time.Duration deleteWindow,
                        org.springframework.transaction.PlatformTransactionManager transactions) {
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
        this.replyAttachments = replyAttachments;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.mentions = mentions;
        this.routing = routing;
        this.lists = lists;
        this.deleteWindow = deleteWindow;
        this.tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
    }

    /** How many conversations are open (BLOCKED aside). */
    @Transactional(readOnly = true)
    public long countOpen() {
        return conversations.countByStatus(ConversationStatus.OPEN);
    }

    /** Whether any text has reached a patient's phone's carrier (sent, delivered or read), automatic ones too. */
    @Transactional(readOnly = true)
    public boolean anyTextSent() {
        return messages.existsByDirectionAndStatusIn(Direction.OUTBOUND,
                java.util.EnumSet.of(MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.READ));
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
        if (Long.valueOf(lists.blockedListId()).equals(conversation.getAssignedListId())
                && !staff.isAdminNow(viewer.id())) {
            throw new org.springframework.security.access.AccessDeniedException("Only admins open the BLOCKED list.");
        }
        audit.record(viewer.username(), "CONVERSATION_VIEWED", "conversation", String.valueOf(conversationId), null);
        markSeen(viewer, conversationId);
        if (mentions.markRead(conversationId, viewer.id(), clock.instant()) > 0) {
            events.publishEvent(new MentionsRead(viewer.id(), conversationId));
        }
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
        Long listId = conversation.getAssignedListId();
        String assignment = listId != null
                ? lists.find(listId).map(org.parley.lists.InboxListSummary::name).orElse("")
                : conversation.getAssignees().stream().map(id -> staff.find(id).map(StaffMember::displayName)
                        .orElse("Former staff")).sorted().collect(Collectors.joining(", "));
        Optional<SendingRules.Block> block = sendingRules.check(conversation.getLineId(), number, false);
        return new ConversationHeader(conversation.getId(), name, conversation.getStatus(),
                line.map(LineSnapshot::name).orElse(conversation.getLineId()), max, conversation.getLineId(),
                consent.status(conversation.getLineId(), number),
                conversation.getAttention(), conversation.getAttentionReason(), conversation.getContactId(),
                block.map(SendingRules.Block::explanation).orElse(null), textedVia,
                new ConversationHeader.Assignment(listId, java.util.Set.copyOf(conversation.getAssignees()),
                        assignment, conversation.getAssignmentVersion(),
                        listId != null && listId == lists.blockedListId()),
                block.map(SendingRules.Block::reason).orElse(null));
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
                .or(() -> {
                    conversations.lockContact(contactId);
                    return conversations.findFirstByContactIdAndLineIdOrderByIdDesc(contactId, lineId);
                })
                .orElseGet(() -> {
                    Conversation started = new Conversation(lineId, contactId, clock.instant());
                    started.assignToStaff(java.util.Set.of(staffMember.id()));
                    started = conversations.save(started);
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
                .or(() -> {
                    conversations.lockContact(toContactId);
                    return conversations.findFirstByContactIdAndLineIdOrderByIdDesc(toContactId, from.getLineId());
                })
                .orElseGet(() -> conversations.save(new Conversation(from.getLineId(), toContactId,
                        routing.listForNew(from.getLineId(), null), clock.instant())));
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
        Map<Long, List<Mention>> mentioned = page.stream().anyMatch(m -> m.getDirection() == Direction.NOTE)
                ? mentions.findByMessageIdIn(page.stream().map(Message::getId).toList()).stream()
                .collect(Collectors.groupingBy(Mention::getMessageId)) : Map.of();
        Map<Long, String> authors = new HashMap<>();
        java.util.function.Function<Long, String> name = id -> authors.computeIfAbsent(id,
                key -> staff.find(key).map(StaffMember::displayName).orElse("Former staff"));
        return page.stream().map(m -> new MessageView(m.getId(), m.getDirection(), m.getBody(),
                m.getAuthorId() == null ? null : name.apply(m.getAuthorId()), m.getStatus(), m.getStatusReason(),
                m.getCreatedAt(), attachments.getOrDefault(m.getId(), List.of()), m.getAuthorId(),
                m.isDeleted() ? new MessageView.Deletion(name.apply(m.getDeletedBy()), m.getDeletedAt()) : null,
                mentioned.getOrDefault(m.getId(), List.of()).stream()
                        .map(x -> new MessageView.MentionView(name.apply(x.getStaffUserId()), x.getFirstReadAt()))
                        .sorted(java.util.Comparator.comparing(MessageView.MentionView::name)).toList(),
                m.getScheduledFor()))
                .toList();
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
        words.index(message);
        conversation.activity(!body.isEmpty() ? body : checked.stream().allMatch(Attachment::isImage) ? "[picture]"
                : "[file]", clock.instant());
        audit.record(author.username(), scheduledFor == null ? "MESSAGE_QUEUED" : "MESSAGE_SCHEDULED", "message",
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
     * Writes an internal note: seen by the whole team, never sent to the patient. Each {@code @username} of an active
     * colleague mentions them: they are notified once; the conversation's assignee does not change.
     *
     * @throws IllegalArgumentException when the note is empty or too long
     */
    @Transactional
    public MessageView addNote(StaffMember author, long conversationId, String text) {
        Conversation conversation = conversations.findById(conversationId)
                .orElseThrow(() -> new NoSuchElementException("There is no conversation " + conversationId + "."));
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw new IllegalArgumentException("Write the note first.");
        }
        if (body.length() > MAX_NOTE_LENGTH) {
            throw new IllegalArgumentException("A note has at most " + MAX_NOTE_LENGTH + " characters; this one has "
                    + body.length() + ".");
        }
        Message note = messages.save(Message.note(conversationId, conversation.getLineId(), author.id(), body,
                clock.instant()));
        words.index(note);
        conversation.activity("Note: " + body, clock.instant());
        List<StaffMember> named = staff.activeByUsernames(Mentions.usernamesIn(body));
        for (StaffMember colleague : named) {
            mentions.save(new Mention(note.getId(), conversationId, colleague.id(), clock.instant()));
            events.publishEvent(new StaffMentioned(colleague.id(), conversationId, note.getId(), author.id()));
        }
        audit.record(author.username(), "NOTE_ADDED", "message", String.valueOf(note.getId()),
                "conversation " + conversationId + (named.isEmpty() ? "" : ", " + named.size() + " mentioned"));
        events.publishEvent(new ConversationChanged(conversationId, note.getId(), false));
        return thread(conversationId, 0, 1).getLast();
    }

    /** The longest internal note. */
    public static final int MAX_NOTE_LENGTH = 5000;

    /** Whether a staff member may still delete a message: their own reply or note, within the delete window. */
    public boolean mayResend(MessageView message) {
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
        audit.record(me.username(), "MESSAGE_RESENT", "message", String.valueOf(messageId),
                "conversation " + message.getConversationId() + ", after staff checked it may not have been sent");
        events.publishEvent(new ConversationChanged(message.getConversationId(), messageId, false));
        events.publishEvent(new OutboundQueued(messageId));
    }

    public boolean mayDelete(StaffMember me, MessageView message) {
        return !message.deleted() && message.authorId() != null && message.authorId() == me.id()
                && (message.direction() == Direction.OUTBOUND || message.direction() == Direction.NOTE)
                && !clock.instant().isAfter(message.createdAt().plus(deleteWindow));
    }

    /**
     * Deletes the staff member's own reply or note within the delete window: the thread keeps "message deleted by X
     * at T", the audit log keeps the deletion, a reply still queued is never sent. Patients' messages can never be
     * deleted.
     *
     * @throws IllegalArgumentException naming why it cannot be deleted
     */
    public void deleteMessage(StaffMember me, long messageId) {
        // The outbound queue may claim the reply at the same moment: its claim changes the version, so try again.
        for (int attempt = 1; ; attempt++) {
            try {
                tx.executeWithoutResult(status -> deleteOnce(me, messageId));
                return;
            } catch (org.springframework.orm.ObjectOptimisticLockingFailureException
                     | jakarta.persistence.OptimisticLockException raced) {
                if (attempt >= 3) {
                    throw new IllegalArgumentException("The reply is being handed to the provider right now: try "
                            + "again in a moment.");
                }
            }
        }
    }

    private void deleteOnce(StaffMember me, long messageId) {
        Message message = messages.findById(messageId)
                .orElseThrow(() -> new NoSuchElementException("There is no such message."));
        if (message.getDirection() != Direction.OUTBOUND && message.getDirection() != Direction.NOTE) {
            throw new IllegalArgumentException("Messages from patients, voicemails and system lines cannot be deleted.");
        }
        if (message.getAuthorId() == null || message.getAuthorId() != me.id()) {
            throw new IllegalArgumentException("Only its author can delete a message.");
        }
        if (message.isDeleted()) {
            return;
        }
        if (clock.instant().isAfter(message.getCreatedAt().plus(deleteWindow))) {
            throw new IllegalArgumentException("A message can be deleted only within " + minutes(deleteWindow)
                    + " of writing it.");
        }
        if (message.getStatus() == MessageStatus.SENDING) {
            throw new IllegalArgumentException("The reply is being handed to the provider right now: try again in a "
                    + "moment.");
        }
        message.delete(me.id(), clock.instant());
        media.deleteByMessageId(messageId);
        words.index(message);
        mentions.deleteByMessage(messageId);
        audit.record(me.username(), "MESSAGE_DELETED", "message", String.valueOf(messageId),
                "conversation " + message.getConversationId() + ", " + message.getDirection().name().toLowerCase());
        events.publishEvent(new ConversationChanged(message.getConversationId(), messageId, false));
    }

    private static String minutes(java.time.Duration window) {
        long minutes = window.toMinutes();
        return minutes >= 1 ? minutes + (minutes == 1 ? " minute" : " minutes") : window.toSeconds() + " seconds";
    }

    /** How many mentions of this staff member they have not read yet: the bell's count. */
    @Transactional(readOnly = true)
    public long unreadMentions(StaffMember me) {
        return mentions.countByStaffUserIdAndFirstReadAtIsNull(me.id());
    }

    /** This staff member's unread mentions, newest first: where and by whom (names only). */
    @Transactional(readOnly = true)
    public List<MentionNotice> unreadMentionNotices(StaffMember me, int limit) {
        List<Mention> unread = mentions.findByStaffUserIdAndFirstReadAtIsNullOrderByCreatedAtDesc(me.id(),
                PageRequest.of(0, limit));
        if (unread.isEmpty()) {
            return List.of();
        }
        Map<Long, Message> notes = messages.findAllById(unread.stream().map(Mention::getMessageId).toList()).stream()
                .collect(Collectors.toMap(Message::getId, m -> m));
        return unread.stream().map(m -> new MentionNotice(m.getConversationId(), m.getMessageId(), m.getCreatedAt(),
                        java.util.Optional.ofNullable(notes.get(m.getMessageId())).map(Message::getAuthorId)
                                .flatMap(staff::find).map(StaffMember::displayName).orElse("A colleague")))
                .toList();
    }
}
