package org.parley.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.parley.base.AbstractEntity;
import org.parley.encryption.EncryptedText;

/**
 * One message of a conversation: a patient's text, a reply, a note or a voicemail.
 *
 * <p>Longer than 300 lines on purpose: the entity maps every column of {@code message} (the encrypted ones through
 * their per-column converters) and holds its state changes (queued, sending, sent, delivered, failed, deleted,
 * moved), which only this class makes; the services of the {@code conversation} package call them.
 */
@Entity
@Table(name = "message")
public class Message extends AbstractEntity {

    @Column(name = "conversation_id", nullable = false)
    private long conversationId;

    @Column(name = "line_id", nullable = false)
    private String lineId;

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", nullable = false)
    private Direction direction;

    /** Text, note or transcript: PHI, so encrypted at rest; searched through the word index. */
    @Convert(converter = Message.EncryptedBody.class)
    @Column(name = "body", nullable = false)
    private String body;

    @Column(name = "author_id")
    private Long authorId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status")
    private MessageStatus status;

    @Column(name = "status_reason")
    private String statusReason;

    @Column(name = "provider_message_id")
    private String providerMessageId;

    /** Parley's own id for the message, handed to providers as the idempotency key. */
    @Column(name = "message_key", nullable = false, updatable = false)
    private String messageKey;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    /** An automatic keyword confirmation: allowed to reach a number that just opted out. */
    @Column(name = "system_reply", nullable = false)
    private boolean systemReply;

    /** When a scheduled reply is due to go out; {@code null} for one sent at once. */
    @Column(name = "scheduled_for")
    private Instant scheduledFor;

    /** For a bulk message: the patient's zone, in which it waits for quiet hours to end; null for an answer. */
    @Column(name = "quiet_hours_zone")
    private String quietHoursZone;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Column(name = "deleted_by")
    private Long deletedBy;

    protected Message() {
    }

    private Message(long conversationId, String lineId, Direction direction, String body, Instant at) {
        this.conversationId = conversationId;
        this.lineId = lineId;
        this.direction = direction;
        this.body = body;
        this.messageKey = UUID.randomUUID().toString();
        this.createdAt = at;
        this.updatedAt = at;
    }

    public static Message inbound(long conversationId, String lineId, String providerMessageId, String body, Instant at) {
        Message message = new Message(conversationId, lineId, Direction.INBOUND, body, at);
        message.providerMessageId = providerMessageId;
        message.status = MessageStatus.RECEIVED;
        return message;
    }

    public static Message voicemail(long conversationId, String lineId, String providerCallId, String transcript,
                             Instant at) {
        Message message = new Message(conversationId, lineId, Direction.VOICEMAIL, transcript, at);
        message.providerMessageId = providerCallId;
        message.status = MessageStatus.RECEIVED;
        return message;
    }

    public static Message system(long conversationId, String lineId, String text, Instant at) {
        return new Message(conversationId, lineId, Direction.SYSTEM, text, at);
    }

    public static Message note(long conversationId, String lineId, long authorId, String text, Instant at) {
        Message message = new Message(conversationId, lineId, Direction.NOTE, text, at);
        message.authorId = authorId;
        return message;
    }

    /**
     * The confirmation a keyword asks for (STOP, START, HELP): a system reply, which carriers require even to a number
     * that just opted out, so the sending rules let it reach one.
     */
    public static Message automaticReply(long conversationId, String lineId, String text, Instant at) {
        Message message = new Message(conversationId, lineId, Direction.OUTBOUND, text, at);
        message.systemReply = true;
        message.status = MessageStatus.QUEUED;
        message.nextAttemptAt = at;
        return message;
    }

    /**
     * An automatic text (the line's after-hours reply, the reason picker's question, a secure message's reminder): no
     * author, but an ordinary text otherwise, so it never reaches a number that opted out. Queue it with {@link
     * org.parley.conversation.event.OutboundQueued}.
     */
    public static Message automaticText(long conversationId, String lineId, String text, Instant at) {
        Message message = new Message(conversationId, lineId, Direction.OUTBOUND, text, at);
        message.status = MessageStatus.QUEUED;
        message.nextAttemptAt = at;
        return message;
    }

    static Message outbound(long conversationId, String lineId, long authorId, String body, Instant at) {
        return outbound(conversationId, lineId, authorId, body, at, null);
    }

    /** A reply; with {@code scheduledFor}, one that waits in the queue until then. */
    static Message outbound(long conversationId, String lineId, long authorId, String body, Instant at,
                            Instant scheduledFor) {
        Message message = new Message(conversationId, lineId, Direction.OUTBOUND, body, at);
        message.authorId = authorId;
        message.status = MessageStatus.QUEUED;
        message.nextAttemptAt = scheduledFor == null ? at : scheduledFor;
        message.scheduledFor = scheduledFor;
        return message;
    }

    /**
     * A message of a broadcast, by the admin who sent it: an ordinary text in the patient's conversation (so replies
     * land there), held back by the queue outside quiet hours in {@code quietHoursZone}.
     */
    static Message bulk(long conversationId, String lineId, long authorId, String body, Instant at,
                        ZoneId quietHoursZone) {
        Message message = outbound(conversationId, lineId, authorId, body, at, null);
        message.quietHoursZone = quietHoursZone.getId();
        return message;
    }

    /** Whether this is a scheduled reply that has not been tried yet, so it can still be changed or cancelled. */
    boolean isWaitingToBeSent() {
        return scheduledFor != null && status == MessageStatus.QUEUED && attempts == 0 && deletedAt == null;
    }

    /** Staff change a scheduled reply's text or time before it goes. */
    void reschedule(String body, Instant scheduledFor, Instant at) {
        if (!isWaitingToBeSent()) {
            throw new IllegalStateException("The reply is no longer waiting to be sent: it cannot be changed.");
        }
        this.body = body;
        this.scheduledFor = scheduledFor;
        this.nextAttemptAt = scheduledFor;
        this.updatedAt = at;
    }

    public Instant getScheduledFor() {
        return scheduledFor;
    }

    /** The provider took the message. */
    public void accepted(String providerMessageId, Instant at) {
        this.providerMessageId = providerMessageId;
        this.nextAttemptAt = null;
        this.statusReason = null;
        advance(MessageStatus.SENT, null, at);
    }

    /** A temporary failure: try again at {@code retryAt}. */
    public void retryLater(String reason, Instant retryAt, Instant at) {
        this.status = MessageStatus.QUEUED;
        this.statusReason = reason;
        this.nextAttemptAt = retryAt;
        this.updatedAt = at;
    }

    /** A failure that retrying cannot fix. */
    public void failed(String reason, Instant at) {
        this.status = MessageStatus.FAILED;
        this.statusReason = reason;
        this.nextAttemptAt = null;
        this.updatedAt = at;
    }

    /**
     * Applies a provider's report, unless it would move the message backwards (reports arrive out of order).
     *
     * @return whether the status changed
     */
    public boolean advance(MessageStatus reported, String reason, Instant at) {
        if (status != null && status != MessageStatus.QUEUED && status != MessageStatus.SENDING
                && reported.rank() <= status.rank()) {
            return false;
        }
        status = reported;
        statusReason = reported.isProblem() ? reason : null;
        updatedAt = at;
        return true;
    }

    /** Gives a voicemail its transcript, if it has none yet (a replayed part changes nothing). */
    public boolean transcribed(String transcript, Instant at) {
        if (transcript == null || transcript.isBlank() || !body.isBlank()) {
            return false;
        }
        body = transcript.strip();
        updatedAt = at;
        return true;
    }

    /**
     * Being handed to the provider from now on: counts the attempt. Until the result is recorded the message stays
     * {@link MessageStatus#SENDING}, which tells a node that finds it so after a crash that the outcome is unknown.
     */
    public void sending(Instant at) {
        if (scheduledFor != null && attempts == 0) {
            createdAt = at; // a scheduled reply takes its place in the thread when it goes out
        }
        status = MessageStatus.SENDING;
        attempts++;
        updatedAt = at;
    }

    /** When the attempt whose outcome is unknown began (the message is {@link MessageStatus#SENDING}). */
    public Instant sendingSince() {
        return updatedAt;
    }

    /**
     * The attempt's outcome is unknown (e.g. the provider's answer timed out): the message stays
     * {@link MessageStatus#SENDING}, and the provider is asked before it is sent again at {@code retryAt}.
     */
    public void outcomeUnknown(String reason, Instant retryAt) {
        statusReason = reason;
        nextAttemptAt = retryAt;
    }

    /** Neither Parley nor the provider can tell whether the patient has it: staff decide (see {@link #resend}). */
    public void unconfirmed(String reason, Instant at) {
        status = MessageStatus.UNCONFIRMED;
        statusReason = reason;
        nextAttemptAt = null;
        updatedAt = at;
    }

    /** Staff send an unconfirmed message again: queued afresh, with a fresh count of attempts. */
    void resend(Instant at) {
        if (status != MessageStatus.UNCONFIRMED) {
            throw new IllegalArgumentException("Only a message that may not have been sent can be resent.");
        }
        status = MessageStatus.QUEUED;
        statusReason = null;
        attempts = 0;
        nextAttemptAt = at;
        updatedAt = at;
    }

    /**
     * Deletes the message's content: the thread keeps a line saying who deleted it and when. A queued reply is
     * cancelled so it is never sent.
     */
    void delete(long staffId, Instant at) {
        if (status == MessageStatus.QUEUED) {
            status = MessageStatus.CANCELLED;
            nextAttemptAt = null;
        }
        body = "";
        deletedAt = at;
        deletedBy = staffId;
        updatedAt = at;
    }

    boolean isDeleted() {
        return deletedAt != null;
    }

    Instant getDeletedAt() {
        return deletedAt;
    }

    Long getDeletedBy() {
        return deletedBy;
    }

    void moveTo(long conversationId) {
        this.conversationId = conversationId;
    }

    public long getConversationId() {
        return conversationId;
    }

    public String getLineId() {
        return lineId;
    }

    public Direction getDirection() {
        return direction;
    }

    public String getBody() {
        return body;
    }

    public Long getAuthorId() {
        return authorId;
    }

    public MessageStatus getStatus() {
        return status;
    }

    public String getStatusReason() {
        return statusReason;
    }

    public boolean isSystemReply() {
        return systemReply;
    }

    String getProviderMessageId() {
        return providerMessageId;
    }

    public String getMessageKey() {
        return messageKey;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** message.body, encrypted bound to its table and column. */
    @Converter
    static class EncryptedBody extends EncryptedText {
        EncryptedBody() {
            super("message", "body");
        }
    }
}
