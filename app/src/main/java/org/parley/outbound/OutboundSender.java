package org.parley.outbound;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.attachment.FileKind;
import org.parley.base.LeasedQueue;
import org.parley.base.NodeId;
import org.parley.base.PolledQueue;
import org.parley.base.RetryBackoff;
import org.parley.compliance.SendingRules;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationRepository;
import org.parley.conversation.Message;
import org.parley.conversation.MessageRepository;
import org.parley.conversation.MessageStatus;
import org.parley.conversation.automatic.ConsentKeeping;
import org.parley.conversation.event.OutboundAccepted;
import org.parley.conversation.event.OutboundQueued;
import org.parley.conversation.media.MessageMedia;
import org.parley.conversation.media.MessageMediaRepository;
import org.parley.hours.QuietHours;
import org.parley.line.LineGateway;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.patient.ContactService;
import org.parley.plugin.Media;
import org.parley.plugin.OutboundMessage;
import org.parley.plugin.SendResult;
import org.parley.plugin.SentCheck;
import org.parley.securemessage.SecureMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable outbound queue, safe with several nodes on one database. A message is in the database before any
 * provider sees it, with a row in {@code outbound_task} written in the same transaction; a node claims that row under
 * a lease ({@link LeasedQueue}), takes the line's next slot of the cluster-wide pace ({@link LinePace}), hands the
 * message to the line's provider outside any transaction, and records the result: sent, retried later with
 * exponential back-off, or failed with its reason. Started, polled and stopped like the notification queues
 * ({@link PolledQueue}); stopping finishes the message in hand.
 *
 * <p>Never resent blindly: a message is marked {@link MessageStatus#SENDING} (committed) before the provider is
 * called. A node that finds a message still {@code SENDING} when it claims it (its node died mid-send and the lease ran
 * out, or the provider's answer timed out) asks the provider first ({@link LineGateway#findSent}): found, it is
 * recorded as sent; certainly not there, it is sent; unknown, it becomes {@link MessageStatus#UNCONFIRMED} and staff
 * decide. The lease is not extended during a send: {@code parley.outbound.lease} (2 min) is far longer than one
 * attempt can take (a lookup and a send, each bounded by the plugin's time-outs, plus at most {@link LinePace#LOOKAHEAD}
 * for the pace), which keeps the queue to one write per claim; a result that comes after the lease was lost is not
 * recorded, and the node that took over asks the provider.
 *
 * <p>Longer than 300 lines on purpose: the whole life of a message handed to a provider (claim, pace, send, result,
 * back-off, the unknown outcome and its look-up) is one state machine and is read best in one place.
 */
@Component
class OutboundSender extends PolledQueue {

    private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);
    static final String TABLE = "outbound_task";
    private static final int BATCH = 20;
    /** A lookup starts this long before the attempt began: node and provider clocks may disagree a little. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    private final MessageRepository messages;
    private final MessageMediaRepository media;
    private final MediaLinks mediaLinks;
    private final ConversationRepository conversations;
    private final ContactService contacts;
    private final LineService lines;
    private final LineGateway gateway;
    private final SendingRules sendingRules;
    private final ConsentKeeping consentKeeping;
    private final LinePace pace;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final OutboundSettings settings;
    private final LeasedQueue queue;
    private final QuietHours quietHours;
    private final SecureMessages secureMessages;

    OutboundSender(MessageRepository messages, MessageMediaRepository media, MediaLinks mediaLinks,
                   ConversationRepository conversations, ContactService contacts, LineService lines,
                   LineGateway gateway, SendingRules sendingRules, ConsentKeeping consentKeeping, LinePace pace,
                   ApplicationEventPublisher events, JdbcClient jdbc, TransactionTemplate tx, Clock clock,
                   NodeId node, OutboundSettings settings, QuietHours quietHours,
                   SecureMessages secureMessages) {
        super("parley-outbound", settings.pollInterval());
        this.secureMessages = secureMessages;
        this.messages = messages;
        this.media = media;
        this.mediaLinks = mediaLinks;
        this.conversations = conversations;
        this.contacts = contacts;
        this.lines = lines;
        this.gateway = gateway;
        this.sendingRules = sendingRules;
        this.consentKeeping = consentKeeping;
        this.pace = pace;
        this.events = events;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
        this.quietHours = quietHours;
        this.queue = new LeasedQueue(jdbc, tx, TABLE, node.value(), clock, settings.lease());
    }

    /**
     * Queues a stored message in the queuing transaction (the message and its task commit together, or neither), and
     * wakes this node's worker once that commits. A message queued again (a resend) gets a row again. A scheduled reply's
     * row is not due before its time (a time already past is due at once).
     */
    @EventListener
    void on(OutboundQueued queued) {
        // A bulk message queued during quiet hours is not due before they end in the patient's zone.
        Instant due = quietZone(queued.messageId()).map(zone -> quietHours.nextAllowed(clock.instant(), zone))
                .orElse(clock.instant());
        jdbc.sql("insert into " + TABLE + " (id, line_id, attempts, next_attempt_at) "
                        + "select m.id, m.line_id, 0, coalesce(m.scheduled_for, ?) from message m where m.id = ? "
                        + "and not exists (select 1 from " + TABLE + " t where t.id = m.id)")
                .params(LeasedQueue.timestamp(due), queued.messageId()).update();
        thread.wakeAfterCommit();
    }

    @Override
    protected void workDue() {
        // This round's estimate of when a busy line is next free, so its other messages wait in the queue without
        // each asking the database for a slot (an estimate only: the slot itself is always reserved in line_pace).
        Map<String, Instant> busyLines = new HashMap<>();
        List<Long> due;
        do {
            due = queue.due(BATCH);
            for (long id : due) {
                if (!thread.isRunning()) {
                    return; // stopping: the message in hand was finished, the rest go after their leases (none held)
                }
                queue.claim(id).ifPresent(lease -> work(lease, busyLines));
            }
        } while (due.size() == BATCH && thread.isRunning());
    }

    private Optional<ZoneId> quietZone(long messageId) {
        return jdbc.sql("select quiet_hours_zone from message where id = ?").param(messageId)
                .query((rs, row) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(zone -> zone)
                .map(ZoneId::of);
    }

    private void work(LeasedQueue.Lease lease, Map<String, Instant> busyLines) {
        record Task(String lineId, String quietZone) {
        }
        Optional<Task> task = jdbc.sql("select t.line_id, m.quiet_hours_zone from " + TABLE + " t left join message m "
                        + "on m.id = t.id where t.id = ?").param(lease.id())
                .query((rs, row) -> new Task(rs.getString(1), rs.getString(2))).optional();
        if (task.isEmpty()) {
            return;
        }
        Optional<String> lineId = task.map(Task::lineId);
        // A bulk message that waited (the line's pace, a retry) into quiet hours waits again, without taking a slot.
        if (task.get().quietZone() != null) {
            ZoneId zone = ZoneId.of(task.get().quietZone());
            if (!quietHours.allows(clock.instant(), zone)) {
                queue.retryLater(lease, quietHours.nextAllowed(clock.instant(), zone));
                return;
            }
        }
        Instant busyUntil = busyLines.get(lineId.get());
        if (busyUntil == null) {
            LinePace.Reservation slot = pace.reserve(lineId.get());
            if (slot.sendAt().isPresent()) {
                waitFor(slot.sendAt().get());
                attempt(lease);
                return;
            }
            busyUntil = slot.freeAt();
        }
        // Comes back shortly before its likely slot; the line's next message one slot later.
        busyLines.put(lineId.get(), busyUntil.plus(pace.interval()));
        queue.retryLater(lease, busyUntil.minus(LinePace.LOOKAHEAD));
    }

    private void waitFor(Instant slot) {
        long millis = Duration.between(clock.instant(), slot).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(Math.min(millis, LinePace.LOOKAHEAD.toMillis()));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A message being handed over; {@code unknownSince} is set when an earlier attempt's outcome is unknown. */
    private record Attempt(String lineId, OutboundMessage message, Instant unknownSince) {
    }

    private void attempt(LeasedQueue.Lease lease) {
        long id = lease.id();
        Optional<Attempt> attempt = tx.execute(status -> prepare(lease, status));
        if (attempt == null || attempt.isEmpty()) {
            return;
        }
        Attempt now = attempt.get();
        if (now.unknownSince() != null) {
            SentCheck check = gateway.findSent(now.lineId(), now.message(), now.unknownSince().minus(CLOCK_SKEW));
            switch (check) {
                case SentCheck.Found found -> {
                    log.info("Message {}: the provider already had it; recorded as sent, not sent again", id);
                    tx.executeWithoutResult(status -> record(lease, status,
                            SendResult.accepted(found.providerMessageId()), now.message().to()));
                    return;
                }
                case SentCheck.Unknown unknown -> {
                    log.info("Message {}: its last attempt's outcome is unknown and the provider cannot tell; "
                            + "left for staff to check", id);
                    tx.executeWithoutResult(status -> unconfirmed(lease, status, unknown.reason()));
                    return;
                }
                case SentCheck.NotFound notFound -> {
                    Boolean again = tx.execute(status -> sendAgain(lease, status));
                    if (!Boolean.TRUE.equals(again)) {
                        return;
                    }
                }
            }
        }
        SendResult result = gateway.send(now.lineId(), now.message());
        tx.executeWithoutResult(status -> record(lease, status, result, now.message().to()));
    }

    /**
     * Marks the message {@code SENDING} (committed before the provider is called), or says an earlier attempt's
     * outcome is unknown; nothing when there is nothing (left) to send, and the task is done.
     */
    private Optional<Attempt> prepare(LeasedQueue.Lease lease, TransactionStatus status) {
        Message message = messages.findById(lease.id()).orElse(null);
        if (message == null || (message.getStatus() != MessageStatus.QUEUED
                && message.getStatus() != MessageStatus.SENDING)) {
            // deleted before it went out (cancelled), or recorded already
            finishOrUndo(lease, status);
            return Optional.empty();
        }
        Conversation conversation = conversations.findById(message.getConversationId()).orElseThrow();
        Optional<LineSnapshot> line = lines.find(message.getLineId());
        Optional<String> to = contacts.textNumber(conversation.getContactId());
        boolean unknown = message.getStatus() == MessageStatus.SENDING;
        if (unknown && (line.isEmpty() || to.isEmpty())) {
            unconfirmed(lease, status, line.isEmpty() ? "the line no longer exists"
                    : "the patient has no number to text any more");
            return Optional.empty();
        }
        if (!unknown && !sendable(lease, status, message, conversation, line, to)) {
            return Optional.empty();
        }
        if (!unknown) {
            message.sending(clock.instant());
        }
        return Optional.of(new Attempt(line.get().id(), outbound(message, line.get(), to.get()),
                unknown ? message.sendingSince() : null));
    }

    /** The provider certainly does not have it: the rules are checked again and the message is sent. */
    private boolean sendAgain(LeasedQueue.Lease lease, TransactionStatus status) {
        Message message = messages.findById(lease.id()).orElseThrow();
        Conversation conversation = conversations.findById(message.getConversationId()).orElseThrow();
        if (!sendable(lease, status, message, conversation, lines.find(message.getLineId()),
                contacts.textNumber(conversation.getContactId()))) {
            return false;
        }
        message.sending(clock.instant());
        return true;
    }

    /**
     * Checked again right before sending: the patient may have replied STOP, or been marked DO NOT TEXT, after it was
     * queued. A message that may not go fails with the reason, and the task is done.
     */
    private boolean sendable(LeasedQueue.Lease lease, TransactionStatus status, Message message,
                             Conversation conversation, Optional<LineSnapshot> line, Optional<String> to) {
        Optional<String> blocked = line.isEmpty() ? Optional.of("the line no longer exists")
                : sendingRules.blocked(line.get().id(), to.orElse(null), message.isSystemReply());
        if (blocked.isEmpty()) {
            return true;
        }
        if (finishOrUndo(lease, status)) {
            message.failed(blocked.get(), clock.instant());
            consentKeeping.notDelivered(message, conversation, message.getStatusReason());
        }
        return false;
    }

    private OutboundMessage outbound(Message message, LineSnapshot line, String to) {
        // A secure message (or its reminder) is texted as the practice's name and a link only: no text, no files.
        Optional<String> secureNotice = secureMessages.smsText(message.getId());
        if (secureNotice.isPresent()) {
            return new OutboundMessage(message.getMessageKey(), line.number(), to, secureNotice.get(), List.of(),
                    gateway.webhookUrl(line.id(), "status"), List.of());
        }
        // The content for providers that upload it, and fresh public links (each attempt gets its own) for those
        // that fetch it. Providers see a neutral file name: the original may carry a patient's name.
        List<MessageMedia> attached = media.findByMessageIdOrderByIdAsc(message.getId());
        List<Media> content = new ArrayList<>();
        List<URI> links = new ArrayList<>();
        for (MessageMedia file : attached) {
            String ending = FileKind.sentAs(file.getContentType()).map(FileKind::extension).orElse("bin");
            content.add(Media.of(file.getContentType(), "attachment-" + (content.size() + 1) + "." + ending,
                    file.getData()));
            links.add(mediaLinks.urlFor(file.getId(), file.getContentType()));
        }
        return new OutboundMessage(message.getMessageKey(), line.number(), to, message.getBody(), content,
                gateway.webhookUrl(line.id(), "status"), links);
    }

    private void record(LeasedQueue.Lease lease, TransactionStatus status, SendResult result, String to) {
        Message message = messages.findById(lease.id()).orElseThrow();
        Instant now = clock.instant();
        boolean ours;
        switch (result) {
            case SendResult.Accepted accepted -> {
                ours = finishOrUndo(lease, status);
                message.accepted(accepted.providerMessageId(), now);
                if (accepted.providerMessageId() != null) {
                    events.publishEvent(new OutboundAccepted(message.getLineId(),
                            accepted.providerMessageId()));
                }
            }
            case SendResult.Failed failed when failed.kind() == SendResult.FailureKind.OUTCOME_UNKNOWN
                    && message.getAttempts() < settings.maxAttempts() -> {
                Instant retryAt = now.plus(backoff(message.getAttempts()));
                ours = retryOrUndo(lease, status, retryAt);
                message.outcomeUnknown(failed.reason(), retryAt);
                log.info("Message {}: the provider's answer to attempt {} is unknown; it is asked before any retry",
                        lease.id(), message.getAttempts());
            }
            case SendResult.Failed failed when failed.kind() == SendResult.FailureKind.OUTCOME_UNKNOWN -> {
                unconfirmed(lease, status, failed.reason());
                return;
            }
            case SendResult.Failed failed when failed.retryable()
                    && message.getAttempts() < settings.maxAttempts() -> {
                Instant retryAt = now.plus(backoff(message.getAttempts()));
                ours = retryOrUndo(lease, status, retryAt);
                message.retryLater(failed.reason(), retryAt, now);
                log.info("Message {} will be retried (attempt {} failed temporarily)", lease.id(),
                        message.getAttempts());
            }
            case SendResult.Failed failed when failed.retryable() -> {
                ours = finishOrUndo(lease, status);
                message.failed("gave up after " + message.getAttempts() + " attempts: " + failed.reason(), now);
            }
            case SendResult.Failed failed -> {
                ours = finishOrUndo(lease, status);
                message.failed(failed.reason(), now);
            }
        }
        if (!ours) {
            return;
        }
        events.publishEvent(new ConversationChanged(message.getConversationId(), lease.id(), false));
        if (message.getStatus() == MessageStatus.FAILED) {
            Conversation conversation = conversations.findById(message.getConversationId()).orElseThrow();
            if (result instanceof SendResult.Failed failed
                    && failed.kind() == SendResult.FailureKind.RECIPIENT_OPTED_OUT) {
                consentKeeping.providerReportsOptOut(conversation, to);
            }
            consentKeeping.notDelivered(message, conversation, message.getStatusReason());
        }
    }

    /** Nobody can tell whether the patient has it: it waits for staff (shown in the thread, with Resend). */
    private void unconfirmed(LeasedQueue.Lease lease, TransactionStatus status, String reason) {
        if (!finishOrUndo(lease, status)) {
            return;
        }
        Message message = messages.findById(lease.id()).orElseThrow();
        message.unconfirmed(reason, clock.instant());
        Conversation conversation = conversations.findById(message.getConversationId()).orElseThrow();
        consentKeeping.mayNotHaveBeenSent(message, conversation);
    }

    /** Ends the task; false (and the transaction rolled back) when the lease ran out and another node took it. */
    private boolean finishOrUndo(LeasedQueue.Lease lease, TransactionStatus status) {
        if (queue.finish(lease)) {
            return true;
        }
        lostLease(lease, status);
        return false;
    }

    private boolean retryOrUndo(LeasedQueue.Lease lease, TransactionStatus status, Instant at) {
        if (queue.retryLater(lease, at)) {
            return true;
        }
        lostLease(lease, status);
        return false;
    }

    private static void lostLease(LeasedQueue.Lease lease, TransactionStatus status) {
        // The node that took it over finds it SENDING and asks the provider: nothing is recorded twice.
        log.warn("Message {}: the lease ran out before the result was recorded; the node that took it over "
                + "checks with the provider (parley.outbound.lease may be too short)", lease.id());
        status.setRollbackOnly();
    }

    /** 5 s, 10 s, 20 s... up to the configured maximum. */
    Duration backoff(int attempts) {
        return new RetryBackoff(settings.firstRetry(), settings.maxRetryDelay()).after(attempts);
    }
}
