package org.parley.intake;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.parley.attachment.InlinePictures;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.LeasedQueue;
import org.parley.base.NodeId;
import org.parley.base.PolledQueue;
import org.parley.base.RetryBackoff;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.MessageRepository;
import org.parley.conversation.media.MessageMedia;
import org.parley.conversation.media.MessageMediaRepository;
import org.parley.line.LineGateway;
import org.parley.plugin.Media;
import org.parley.plugin.MediaFetchException;
import org.parley.provider.MediaRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fetches again, in the background, the media a webhook announced but Parley could not fetch while reading it (the
 * patient's text was stored with a placeholder). One {@code media_fetch_task} row per placeholder, worked under leases
 * ({@link LeasedQueue}) so that several nodes never fetch one picture at once; the fetch runs outside any transaction,
 * through the line's plugin (which adds the provider's credentials: none are stored). Fetched, the placeholder becomes
 * the picture and open screens update; after {@code max-attempts} (or at once when the URL is one Parley refuses),
 * the placeholder says for good that it could not be fetched. Logs ids only.
 */
@Component
class MediaFetchQueue extends PolledQueue {

    static final String TABLE = "media_fetch_task";
    private static final Logger log = LoggerFactory.getLogger(MediaFetchQueue.class);
    private static final int BATCH = 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final LineGateway gateway;
    private final MessageMediaRepository media;
    private final MessageRepository messages;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final LateArrivalSettings settings;
    private final LeasedQueue queue;

    MediaFetchQueue(JdbcClient jdbc, TransactionTemplate tx, LineGateway gateway, MessageMediaRepository media,
                    MessageRepository messages, AuditLog audit, ApplicationEventPublisher events, Clock clock,
                    NodeId node, LateArrivalSettings settings) {
        super("parley-media-fetch", settings.pollInterval());
        this.jdbc = jdbc;
        this.tx = tx;
        this.gateway = gateway;
        this.media = media;
        this.messages = messages;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.queue = new LeasedQueue(jdbc, tx, TABLE, node.value(), clock, settings.lease());
    }

    /** Queues a placeholder's fetch, in the caller's transaction (it commits with the message). */
    void queue(long mediaId, String lineId, URI source) {
        jdbc.sql("insert into " + TABLE + " (media_id, line_id, source_url, attempts, next_attempt_at) "
                        + "values (?, ?, ?, 0, ?)")
                .params(mediaId, lineId, source.toString(),
                        LeasedQueue.timestamp(clock.instant().plus(settings.firstRetry())))
                .update();
    }

    /** Fetches every due placeholder in the calling thread: for tests. */
    void fetchDue() {
        thread.runHere();
    }

    @Override
    protected void workDue() {
        List<Long> due;
        do {
            due = queue.due(BATCH);
            for (long id : due) {
                queue.claim(id).ifPresent(this::fetch);
            }
        } while (due.size() == BATCH);
    }

    private record Task(long mediaId, String lineId, String sourceUrl) {
    }

    private void fetch(LeasedQueue.Lease lease) {
        Optional<Task> task = jdbc.sql("select media_id, line_id, source_url from " + TABLE + " where id = ?")
                .param(lease.id())
                .query((rs, n) -> new Task(rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
        if (task.isEmpty()) {
            return; // deleted with its message a moment ago
        }
        Media fetched = null;
        MediaFetchException failure = null;
        try {
            fetched = gateway.fetchMediaAgain(task.get().lineId(), URI.create(task.get().sourceUrl()));
        } catch (MediaFetchException e) {
            failure = e;
        } catch (IllegalArgumentException e) {
            failure = new MediaFetchException("the stored URL is not valid");
        }
        Media result = fetched;
        MediaFetchException problem = failure;
        Boolean recorded = tx.execute(status -> {
            MessageMedia placeholder = media.findById(task.get().mediaId()).orElse(null);
            boolean giveUp = problem != null
                    && (problem instanceof MediaRefused || lease.attempts() >= settings.maxAttempts());
            boolean ours = result != null || giveUp || placeholder == null ? queue.finish(lease)
                    : queue.retryLater(lease, clock.instant().plus(backoff(lease.attempts())));
            if (!ours) {
                status.setRollbackOnly();
                return false;
            }
            if (placeholder == null) {
                return true;
            }
            if (result != null) {
                placeholder.fetched(result.isTooLarge() ? placeholder.getContentType()
                                : InlinePictures.typeToKeep(placeholder.getContentType(), result.data()),
                        result.fileName(), result.size(), result.data());
                audit.record(AuditLog.SYSTEM, AuditAction.MEDIA_FETCHED_LATER, "message_media",
                        String.valueOf(placeholder.getId()), "message " + placeholder.getMessageId());
            } else if (giveUp) {
                placeholder.gaveUp();
            } else {
                return true;
            }
            messages.findById(placeholder.getMessageId()).ifPresent(message -> events.publishEvent(
                    new ConversationChanged(message.getConversationId(), message.getId(), false)));
            return true;
        });
        if (!Boolean.TRUE.equals(recorded)) {
            log.warn("Media {} was fetched after its lease ran out; another node took it over", task.get().mediaId());
        } else if (fetched != null) {
            log.info("Media {} was fetched on attempt {}", task.get().mediaId(), lease.attempts());
        } else {
            log.info("Media {} could not be fetched on attempt {}: {}", task.get().mediaId(), lease.attempts(),
                    failure.getMessage());
        }
    }

    Duration backoff(int attempts) {
        return new RetryBackoff(settings.firstRetry(), settings.maxRetryDelay()).after(attempts);
    }
}
