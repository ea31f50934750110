package org.parley.conversation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.compliance.ConsentService;
import org.parley.compliance.SendingRules;
import org.parley.conversation.media.MediaInfo;
import org.parley.conversation.media.MessageMedia;
import org.parley.conversation.media.MessageMediaRepository;
import org.parley.line.LineGateway;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.line.LineTypes;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.mention.Mention;
import org.parley.mention.MentionRepository;
import org.parley.mention.MentionsRead;
import org.parley.patient.ContactKind;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.plugin.LineType;
import org.parley.plugin.ProviderDescriptor;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opening and reading a conversation: its header (who, which line, whether replies can go out, who holds it), its
 * thread page by page, attachments, seen-markers and flags; and the conversation with a contact, started when needed.
 * Replies ({@link Replies}), notes ({@link Notes}), deletion ({@link MessageDeletion}) and moving or copying a message
 * ({@link MessageMoves}) are services of their own.
 */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@PreAuthorize("@staffAccess.permitsPhi()")
public class ConversationService {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final MessageMediaRepository media;
    private final ConversationSeenRepository seen;
    private final ContactService contacts;
    private final LineService lines;
    private final LineGateway gateway;
    private final StaffDirectory staff;
    private final ConsentService consent;
    private final LineTypes lineTypes;
    private final SendingRules sendingRules;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final MentionRepository mentions;
    private final ListService lists;

    ConversationService(ConversationRepository conversations, MessageRepository messages,
                        MessageMediaRepository media, ConversationSeenRepository seen, ContactService contacts,
                        LineService lines, LineGateway gateway, StaffDirectory staff,
                        ConsentService consent, LineTypes lineTypes,
                        SendingRules sendingRules, AuditLog audit, ApplicationEventPublisher events, Clock clock,
                        MentionRepository mentions, ListService lists) {
        this.conversations = conversations;
        this.messages = messages;
        this.media = media;
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
        this.mentions = mentions;
        this.lists = lists;
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
                EnumSet.of(MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.READ));
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
            throw new AccessDeniedException("Only admins open the BLOCKED list.");
        }
        audit.record(viewer.username(), AuditAction.CONVERSATION_VIEWED, "conversation", String.valueOf(conversationId), null);
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
                ? lists.find(listId).map(InboxListSummary::name).orElse("")
                : conversation.getAssignees().stream().map(id -> staff.find(id).map(StaffMember::displayName)
                        .orElse("Former staff")).sorted().collect(Collectors.joining(", "));
        Optional<SendingRules.Block> block = sendingRules.check(conversation.getLineId(), number, false);
        return new ConversationHeader(conversation.getId(), name, conversation.getStatus(),
                line.map(LineSnapshot::name).orElse(conversation.getLineId()), max, conversation.getLineId(),
                consent.status(conversation.getLineId(), number),
                conversation.getAttention(), conversation.getAttentionReason(), conversation.getContactId(),
                block.map(SendingRules.Block::explanation).orElse(null), textedVia,
                new ConversationHeader.Assignment(listId, Set.copyOf(conversation.getAssignees()),
                        assignment, conversation.getAssignmentVersion(),
                        listId != null && listId == lists.blockedListId()),
                block.map(SendingRules.Block::reason).orElse(null));
    }

    /** Whether the contact's number can receive texts, from the line's provider (cached). */
    public LineType contactLineType(long conversationId) {
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
                    started.assignToStaff(Set.of(staffMember.id()));
                    started = conversations.save(started);
                    audit.record(staffMember.username(), AuditAction.CONVERSATION_STARTED, "conversation",
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

    /** Whether a conversation is with an organisation (whose messages may be copied to a patient). */
    @Transactional(readOnly = true)
    public boolean isWithOrganisation(long conversationId) {
        return conversations.findById(conversationId).flatMap(c -> contacts.find(c.getContactId()))
                .map(c -> c.kind() == ContactKind.ORGANISATION).orElse(false);
    }

    /** Clears a conversation's flag once staff dealt with it. */
    @Transactional
    public void markHandled(StaffMember staffMember, long conversationId) {
        Conversation conversation = conversations.findById(conversationId)
                .orElseThrow(() -> new NoSuchElementException("There is no conversation " + conversationId + "."));
        if (conversation.getAttention() != null) {
            audit.record(staffMember.username(), AuditAction.ATTENTION_HANDLED, "conversation", String.valueOf(conversationId),
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
        Function<Long, String> name = id -> authors.computeIfAbsent(id,
                key -> staff.find(key).map(StaffMember::displayName).orElse("Former staff"));
        return page.stream().map(m -> new MessageView(m.getId(), m.getDirection(), m.getBody(),
                m.getAuthorId() == null ? null : name.apply(m.getAuthorId()), m.getStatus(), m.getStatusReason(),
                m.getCreatedAt(), attachments.getOrDefault(m.getId(), List.of()), m.getAuthorId(),
                m.isDeleted() ? new MessageView.Deletion(name.apply(m.getDeletedBy()), m.getDeletedAt()) : null,
                mentioned.getOrDefault(m.getId(), List.of()).stream()
                        .map(x -> new MessageView.MentionView(name.apply(x.getStaffUserId()), x.getFirstReadAt()))
                        .sorted(Comparator.comparing(MessageView.MentionView::name)).toList(),
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

}
