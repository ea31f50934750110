package org.parley.conversation;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.mention.Mention;
import org.parley.mention.MentionNotice;
import org.parley.mention.MentionRepository;
import org.parley.mention.Mentions;
import org.parley.mention.StaffMentioned;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Internal notes for the team, never sent to the patient, with the colleagues they mention; and one's unread mentions. */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@PreAuthorize("@staffAccess.permitsPhi()")
public class Notes {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final MessageWordIndex words;
    private final StaffDirectory staff;
    private final MentionRepository mentions;
    private final ConversationService reading;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Notes(ConversationRepository conversations, MessageRepository messages, MessageWordIndex words, StaffDirectory staff, MentionRepository mentions, ConversationService reading, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.words = words;
        this.staff = staff;
        this.mentions = mentions;
        this.reading = reading;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
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
        words.indexNew(note);
        conversation.activity("Note: " + body, clock.instant());
        List<StaffMember> named = staff.activeByUsernames(Mentions.usernamesIn(body));
        for (StaffMember colleague : named) {
            mentions.save(new Mention(note.getId(), conversationId, colleague.id(), clock.instant()));
            events.publishEvent(new StaffMentioned(colleague.id(), conversationId, note.getId(), author.id()));
        }
        audit.record(author.username(), AuditAction.NOTE_ADDED, "message", String.valueOf(note.getId()),
                "conversation " + conversationId + (named.isEmpty() ? "" : ", " + named.size() + " mentioned"));
        events.publishEvent(new ConversationChanged(conversationId, note.getId(), false));
        return reading.thread(conversationId, 0, 1).getLast();
    }

    /** The longest internal note. */
    public static final int MAX_NOTE_LENGTH = 5000;

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
                        Optional.ofNullable(notes.get(m.getMessageId())).map(Message::getAuthorId)
                                .flatMap(staff::find).map(StaffMember::displayName).orElse("A colleague")))
                .toList();
    }
}
