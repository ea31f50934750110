package org.parley.outbound;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.attachment.FileKind;
import org.parley.compliance.SendingRules;
import org.parley.conversation.ConsentKeeping;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationRepository;
import org.parley.conversation.Message;
import org.parley.conversation.MessageMedia;
import org.parley.conversation.MessageMediaRepository;
import org.parley.conversation.MessageRepository;
import org.parley.conversation.MessageStatus;
import org.parley.conversation.OutboundQueued;
import org.parley.line.LineGateway;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.plugin.Media;
import org.parley.plugin.OutboundMessage;
import org.parley.plugin.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable outbound queue. A message is in the database before any provider sees it; this sender
 * claims due messages one at a time, hands them to the line's provider outside any transaction, and
 * records the result: sent, retried later with exponential back-off, or failed with its reason. Messages
 * a stopped app left half-sent are queued again at start; the message key they carry lets the provider
 * refuse a duplicate, so a patient gets a message once.
 */
@Component
class OutboundSender {

    private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);
    private static final int BATCH = 20;

    private final MessageRepository messages;
    private final MessageMediaRepository media;
    private final MediaLinks mediaLinks;
    private final ConversationRepository conversations;
    private final ContactService contacts;
    private final LineService lines;
    private final LineGateway gateway;
    private final SendingRules sendingRules;
    private final ConsentKeeping consentKeeping;
    private final LineRateLimit rateLimit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration firstRetry;
    private final Duration maxRetryDelay;
    private final int maxAttempts;
    private volatile boolean ready;
    private final org.parley.base.OneWorker worker = new org.parley.base.OneWorker();

    OutboundSender(MessageRepository messages, MessageMediaRepository media, MediaLinks mediaLinks,
                   ConversationRepository conversations, ContactService contacts,
                   LineService lines, LineGateway gateway, SendingRules sendingRules, ConsentKeeping consentKeeping,
                   LineRateLimit rateLimit, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock,
                   @Value("${parley.outbound.first-retry:5s}") Duration firstRetry,
                   @Value("${parley.outbound.max-retry-delay:10m}") Duration maxRetryDelay,
                   @Value("${parley.outbound.max-attempts:10}") int maxAttempts) {
        this.messages = messages;
        this.media = media;
        this.mediaLinks = mediaLinks;
        this.conversations = conversations;
        this.contacts = contacts;
        this.lines = lines;
        this.gateway = gateway;
        this.sendingRules = sendingRules;
        this.consentKeeping = consentKeeping;
        this.rateLimit = rateLimit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.firstRetry = firstRetry;
        this.maxRetryDelay = maxRetryDelay;
        this.maxAttempts = maxAttempts;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeAfterRestart() {
        Integer requeued = tx.execute(status -> messages.requeueInFlight(clock.instant()));
        if (requeued != null && requeued > 0) {
            log.info("Queued {} message(s) again that were being sent when Parley stopped", requeued);
        }
        ready = true;
        sendDue();
    }

    /** Sends a reply right after it is committed, without waiting for the next poll. */
    @Async
    @TransactionalEventListener
    void onQueued(OutboundQueued queued) {
        sendDue();
    }

    @Scheduled(fixedDelayString = "${parley.outbound.poll-interval:2s}", initialDelayString = "${parley.outbound.poll-interval:2s}")
    void poll() {
        sendDue();
    }

    /**
     * Sends every due message. Safe to call from several threads at once: one thread sends, and a call that
     * arrives meanwhile makes it look again when it is done.
     */
    void sendDue() {
        if (!ready) {
            return;
        }
        worker.run(this::sendDueNow);
    }

    private void sendDueNow() {
        List<Long> due;
        do {
            due = messages.findDue(MessageStatus.QUEUED, clock.instant(), PageRequest.of(0, BATCH));
            for (Long id : due) {
                if (worker.stopping()) {
                    return;
                }
                if (!withinRateLimit(id)) {
                    continue;
                }
                Integer claimed = tx.execute(status -> messages.claim(id));
                if (claimed != null && claimed == 1) {
                    send(id);
                }
            }
        } while (due.size() == BATCH && !worker.stopping());
    }

    /** On stop: the message in hand is sent (or given up) and no other is taken; the rest go after the next start. */
    @EventListener(ContextClosedEvent.class)
    void finishTheMessageInHand() {
        if (!worker.stop(java.time.Duration.ofSeconds(30))) {
            log.warn("A message was still being sent after 30 s; it is queued again at the next start");
        }
    }

    /** Takes the line's sending slot, or postpones the message until the line has one. */
    private boolean withinRateLimit(long messageId) {
        Boolean now = tx.execute(status -> messages.findById(messageId).map(message -> {
            java.time.Duration wait = rateLimit.reserve(message.getLineId());
            if (wait.isZero()) {
                return true;
            }
            message.postpone(clock.instant().plus(wait));
            return false;
        }).orElse(false));
        return Boolean.TRUE.equals(now);
    }

    private void send(long messageId) {
        Optional<Prepared> prepared = tx.execute(status -> prepare(messageId));
        if (prepared == null || prepared.isEmpty()) {
            return;
        }
        SendResult result = gateway.send(prepared.get().lineId(), prepared.get().message());
        tx.executeWithoutResult(status -> record(messageId, result, prepared.get().message().to()));
    }

    private record Prepared(String lineId, OutboundMessage message) {
    }

    private Optional<Prepared> prepare(long messageId) {
        Message message = messages.findById(messageId).orElse(null);
        if (message == null) {
            return Optional.empty();
        }
        Conversation conversation = conversations.findById(message.getConversationId()).orElseThrow();
        Optional<LineSnapshot> line = lines.find(message.getLineId());
        Optional<String> to = contacts.textNumber(conversation.getContactId());
        // Checked again here: the patient may have replied STOP, or been marked DO NOT TEXT, after it was queued.
        Optional<String> blocked = line.isEmpty() ? Optional.of("the line no longer exists")
                : sendingRules.blocked(line.get().id(), to.orElse(null), message.isSystemReply());
        if (blocked.isPresent()) {
            message.failed(blocked.get(), clock.instant());
            consentKeeping.notDelivered(message, conversation, message.getStatusReason());
            return Optional.empty();
        }
        message.countAttempt();
        // The content for providers that upload it, and fresh public links (each attempt gets its own) for those
        // that fetch it. Providers see a neutral file name: the original may carry a patient's name.
        List<MessageMedia> attached = media.findByMessageIdOrderByIdAsc(messageId);
        List<Media> content = new ArrayList<>();
        List<URI> links = new ArrayList<>();
        for (MessageMedia file : attached) {
            String ending = FileKind.sentAs(file.getContentType()).map(FileKind::extension).orElse("bin");
            content.add(Media.of(file.getContentType(), "attachment-" + (content.size() + 1) + "." + ending,
                    file.getData()));
            links.add(mediaLinks.urlFor(file.getId(), file.getContentType()));
        }
        return Optional.of(new Prepared(line.get().id(), new OutboundMessage(message.getMessageKey(),
                line.get().number(), to.get(), message.getBody(), content,
                gateway.webhookUrl(line.get().id(), "status"), links)));
    }

    private void record(long messageId, SendResult result, String to) {
        Message message = messages.findById(messageId).orElseThrow();
        Instant now = clock.instant();
        switch (result) {
            case SendResult.Accepted accepted -> message.accepted(accepted.providerMessageId(), now);
            case SendResult.Failed failed when failed.retryable() && message.getAttempts() < maxAttempts -> {
                message.retryLater(failed.reason(), now.plus(backoff(message.getAttempts())), now);
                log.info("Message {} will be retried (attempt {} failed temporarily)", messageId,
                        message.getAttempts());
            }
            case SendResult.Failed failed when failed.retryable() ->
                    message.failed("gave up after " + message.getAttempts() + " attempts: " + failed.reason(), now);
            case SendResult.Failed failed -> message.failed(failed.reason(), now);
        }
        events.publishEvent(new ConversationChanged(message.getConversationId(), messageId, false));
        if (message.getStatus() == MessageStatus.FAILED) {
            Conversation conversation = conversations.findById(message.getConversationId()).orElseThrow();
            if (result instanceof SendResult.Failed failed
                    && failed.kind() == SendResult.FailureKind.RECIPIENT_OPTED_OUT) {
                consentKeeping.providerReportsOptOut(conversation, to);
            }
            consentKeeping.notDelivered(message, conversation, message.getStatusReason());
        }
    }

    /** 5 s, 10 s, 20 s... up to the configured maximum. */
    Duration backoff(int attempts) {
        return new org.parley.base.RetryBackoff(firstRetry, maxRetryDelay).after(attempts);
    }
}
