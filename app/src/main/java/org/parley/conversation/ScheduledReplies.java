package org.parley.conversation;

import jakarta.persistence.OptimisticLockException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.parley.attachment.Attachment;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.LeasedQueue;
import org.parley.conversation.media.MessageMediaRepository;
import org.parley.practice.PracticeProfiles;
import org.parley.security.StaffMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replies staff schedule for a day and time in the practice's zone. A scheduled reply is an ordinary queued reply
 * whose {@code outbound_task} row is not due before its time, so it survives restarts, goes out once (the queue's
 * leases) and is checked against the sending rules when it goes: a patient who opted out meanwhile does not get it,
 * and the thread says why. Until the queue takes it, staff change its text and time or cancel it; the database
 * decides who wins when that happens the moment it becomes due (a task under lease is not changed, and the message's
 * version catches a claim in between). Every step is audited.
 */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess): a scheduled reply is a patient's
// thread, and schedule() answers with the message.
@PreAuthorize("@staffAccess.permitsPhi()")
public class ScheduledReplies {

    /** How far ahead a reply may be scheduled. */
    static final int MAX_DAYS_AHEAD = 366;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE, MMM d, yyyy, h:mm a z", Locale.US);

    private final Replies conversations;
    private final ConversationRepository conversationRows;
    private final MessageRepository messages;
    private final MessageMediaRepository media;
    private final MessageWordIndex words;
    private final PracticeProfiles practice;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    ScheduledReplies(Replies conversations, ConversationRepository conversationRows,
                     MessageRepository messages, MessageMediaRepository media, MessageWordIndex words,
                     PracticeProfiles practice, AuditLog audit,
                     ApplicationEventPublisher events, JdbcClient jdbc,
                     TransactionTemplate tx, Clock clock) {
        this.conversations = conversations;
        this.conversationRows = conversationRows;
        this.messages = messages;
        this.media = media;
        this.words = words;
        this.practice = practice;
        this.audit = audit;
        this.events = events;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** The zone scheduled times are chosen in: the practice's. */
    public ZoneId zone() {
        return practice.timeZone();
    }

    /** Now, on the practice's clocks: where a new schedule starts from. */
    public ZonedDateTime now() {
        return clock.instant().atZone(zone());
    }

    /** A scheduled time as staff read it, in the practice's zone, e.g. "Tue, Dec 8, 2026, 9:00 AM EST". */
    public String describe(Instant at) {
        return WHEN.format(at.atZone(zone()));
    }

    /**
     * Schedules a reply (with its pictures or files) for {@code sendAt} in the practice's zone. It is checked as a reply
     * sent now is, and again when it goes.
     *
     * @throws IllegalArgumentException naming what is wrong with the time, the text or a file
     * @throws IllegalStateException    naming why the number may not be texted
     */
    public MessageView schedule(StaffMember author, long conversationId, String text, List<Attachment> attachments,
                                LocalDateTime sendAt) {
        Instant at = checkedTime(sendAt);
        return tx.execute(status -> conversations.queueReply(author, conversationId, text, attachments, at));
    }

    /**
     * Changes a scheduled reply's text and time while it still waits.
     *
     * @throws IllegalArgumentException naming what is wrong with the time or the text
     * @throws IllegalStateException    when it went (or is going) out, was cancelled, or the number may not be texted
     */
    public void change(StaffMember me, long messageId, String text, LocalDateTime sendAt) {
        Instant at = checkedTime(sendAt);
        String body = text == null ? "" : text.strip();
        raceSafe(() -> tx.executeWithoutResult(status -> {
            Message message = waiting(messageId);
            Conversation conversation = conversationRows.findById(message.getConversationId()).orElseThrow();
            conversations.checkReply(conversation, body, List.of(), !media.infoOf(messageId).isEmpty());
            if (jdbc.sql("update outbound_task set next_attempt_at = ? where id = ? "
                            + "and (lease_until is null or lease_until < ?)")
                    .params(LeasedQueue.timestamp(at), messageId, LeasedQueue.timestamp(clock.instant()))
                    .update() != 1) {
                throw beingSent();
            }
            message.reschedule(body, at, clock.instant());
            words.index(message);
            audit.record(me.username(), AuditAction.SCHEDULED_REPLY_CHANGED, "message", String.valueOf(messageId),
                    "conversation " + message.getConversationId());
            events.publishEvent(new ConversationChanged(message.getConversationId(), messageId, false));
        }));
    }

    /**
     * Cancels a scheduled reply while it still waits: it is never sent, and the thread says who cancelled it.
     *
     * @throws IllegalStateException when it went (or is going) out or was cancelled already
     */
    public void cancel(StaffMember me, long messageId) {
        raceSafe(() -> tx.executeWithoutResult(status -> {
            Message message = waiting(messageId);
            if (jdbc.sql("delete from outbound_task where id = ? and (lease_until is null or lease_until < ?)")
                    .params(messageId, LeasedQueue.timestamp(clock.instant())).update() != 1) {
                throw beingSent();
            }
            message.delete(me.id(), clock.instant());
            media.deleteByMessageId(messageId);
            words.index(message);
            audit.record(me.username(), AuditAction.SCHEDULED_REPLY_CANCELLED, "message", String.valueOf(messageId),
                    "conversation " + message.getConversationId());
            events.publishEvent(new ConversationChanged(message.getConversationId(), messageId, false));
        }));
    }

    private Message waiting(long messageId) {
        Message message = messages.findById(messageId)
                .orElseThrow(() -> new NoSuchElementException("There is no such message."));
        if (message.getScheduledFor() == null || message.getDirection() != Direction.OUTBOUND) {
            throw new IllegalArgumentException("Only a scheduled reply can be changed or cancelled.");
        }
        if (!message.isWaitingToBeSent()) {
            throw new IllegalStateException(message.isDeleted() ? "The scheduled reply was cancelled already."
                    : "The scheduled reply went out already: it can no longer be changed or cancelled.");
        }
        return message;
    }

    private static void raceSafe(Runnable work) {
        try {
            work.run();
        } catch (ObjectOptimisticLockingFailureException | OptimisticLockException raced) {
            // the queue claimed it between our read and our write
            throw beingSent();
        }
    }

    private static IllegalStateException beingSent() {
        return new IllegalStateException("The scheduled reply is being sent right now: it can no longer be changed "
                + "or cancelled.");
    }

    /** The instant of a day and time in the practice's zone, in the future and within a year. */
    private Instant checkedTime(LocalDateTime sendAt) {
        if (sendAt == null) {
            throw new IllegalArgumentException("Choose the day and time to send it.");
        }
        ZoneId zone = zone();
        if (zone.getRules().getValidOffsets(sendAt).isEmpty()) {
            throw new IllegalArgumentException(DateTimeFormatter.ofPattern("h:mm a 'on' MMM d", Locale.US)
                    .format(sendAt) + " does not exist in " + zone.getId()
                    + ": the clocks go forward then. Choose another time.");
        }
        Instant at = ZonedDateTime.of(sendAt, zone).toInstant();
        Instant now = clock.instant();
        if (!at.isAfter(now)) {
            throw new IllegalArgumentException("Choose a time in the future: it is " + describe(now) + " now.");
        }
        if (at.isAfter(now.plus(Duration.ofDays(MAX_DAYS_AHEAD)))) {
            throw new IllegalArgumentException("Choose a time within a year.");
        }
        return at;
    }
}
