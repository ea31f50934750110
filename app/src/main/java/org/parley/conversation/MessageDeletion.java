package org.parley.conversation;

import jakarta.persistence.OptimisticLockException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.conversation.media.MessageMediaRepository;
import org.parley.mention.MentionRepository;
import org.parley.security.StaffMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff delete their own reply or note within the delete window: the thread keeps "message deleted by X at T", the
 * audit log keeps the deletion, a reply still queued is never sent. Patients' messages can never be deleted. One rule
 * (whose it is, and the window) decides both whether the Delete action shows and whether a deletion is done.
 */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@PreAuthorize("@staffAccess.permitsPhi()")
public class MessageDeletion {

    private final MessageRepository messages;
    private final MessageMediaRepository media;
    private final MessageWordIndex words;
    private final MentionRepository mentions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration deleteWindow;
    private final TransactionTemplate tx;

    MessageDeletion(MessageRepository messages, MessageMediaRepository media, MessageWordIndex words,
                    MentionRepository mentions, AuditLog audit, ApplicationEventPublisher events, Clock clock,
                    InboxSettings settings, PlatformTransactionManager transactions) {
        this.messages = messages;
        this.media = media;
        this.words = words;
        this.mentions = mentions;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.deleteWindow = settings.deleteWindow();
        this.tx = new TransactionTemplate(transactions);
    }

    /** Whether {@code me} may still delete a message: their own reply or note, within the delete window. */
    public boolean mayDelete(StaffMember me, MessageView message) {
        return ruleFor(me).allows(message);
    }

    /**
     * Which messages {@code me} may delete as of now, to ask of every message a thread draws without a call through
     * this service (and its access check) per message.
     */
    public DeleteRule ruleFor(StaffMember me) {
        return new DeleteRule(me, clock.instant(), deleteWindow);
    }

    /** Who may delete what, as of a moment: their own reply or note, within the delete window. */
    public record DeleteRule(StaffMember me, Instant now, Duration window) {

        /** Whether the message may be deleted by {@code me}. */
        public boolean allows(MessageView message) {
            return !message.deleted() && whyNotTheirs(me, message.direction(), message.authorId()).isEmpty()
                    && withinWindow(message.createdAt());
        }

        /** Whether a message written then is still within the delete window. */
        boolean withinWindow(Instant createdAt) {
            return !now.isAfter(createdAt.plus(window));
        }
    }

    /** Why a message of this kind and author is not {@code me}'s to delete; empty when it is. */
    private static Optional<String> whyNotTheirs(StaffMember me, Direction direction, Long authorId) {
        if (direction != Direction.OUTBOUND && direction != Direction.NOTE) {
            return Optional.of("Messages from patients, voicemails and system lines cannot be deleted.");
        }
        if (authorId == null || authorId != me.id()) {
            return Optional.of("Only its author can delete a message.");
        }
        return Optional.empty();
    }

    /**
     * Deletes the staff member's own reply or note within the delete window.
     *
     * @throws IllegalArgumentException naming why it cannot be deleted
     */
    public void deleteMessage(StaffMember me, long messageId) {
        // The outbound queue may claim the reply at the same moment: its claim changes the version, so try again.
        for (int attempt = 1; ; attempt++) {
            try {
                tx.executeWithoutResult(status -> deleteOnce(me, messageId));
                return;
            } catch (ObjectOptimisticLockingFailureException | OptimisticLockException raced) {
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
        whyNotTheirs(me, message.getDirection(), message.getAuthorId()).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        if (message.isDeleted()) {
            return;
        }
        if (!ruleFor(me).withinWindow(message.getCreatedAt())) {
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
        audit.record(me.username(), AuditAction.MESSAGE_DELETED, "message", String.valueOf(messageId),
                "conversation " + message.getConversationId() + ", " + message.getDirection().name().toLowerCase());
        events.publishEvent(new ConversationChanged(message.getConversationId(), messageId, false));
    }

    private static String minutes(Duration window) {
        long minutes = window.toMinutes();
        return minutes >= 1 ? minutes + (minutes == 1 ? " minute" : " minutes") : window.toSeconds() + " seconds";
    }
}
