package org.parley.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.parley.base.LeasedQueue;
import org.parley.base.NodeId;
import org.parley.base.PolledQueue;
import org.parley.base.RetryBackoff;
import org.parley.conversation.event.ConversationsCombined;
import org.parley.conversation.event.PatientMessageArrived;
import org.parley.escalation.ConversationEscalated;
import org.parley.mention.StaffMentioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Listens to the inbox and tells whoever should hear of a patient's message or a mention, durably and never in the
 * inbox's thread.
 *
 * <p>In the inbox's transaction (same thread, same connection) each event becomes a row of
 * {@code notification_task}: if the inbox commits, the notification cannot be lost, not even by a crash right after;
 * if it rolls back, there is nothing to tell. Once committed, this feature's worker thread is woken (the inbox's
 * thread only hands over) and, on its own connection, claims the row under a lease ({@link LeasedQueue}), routes it
 * ({@link NotificationRouting}), publishes the desktop pop-ups and queues the e-mails ({@link EmailNotifications})
 * in one transaction that also deletes the row; pop-ups reach open tabs after that commits. A poll every
 * {@code parley.notify.poll-interval} catches what a wake-up missed: rows of a node that died (after their lease)
 * and rows written while no worker ran. Failures are retried with back-off and logged with ids only.
 */
@Component
class InboxNotifications extends PolledQueue {

    private static final Logger log = LoggerFactory.getLogger(InboxNotifications.class);
    private static final int BATCH = 50;

    private final NotificationTasks tasks;
    private final NotificationRouting routing;
    private final EmailNotifications emails;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final NotificationQueueSettings settings;
    private final LeasedQueue queue;
    private final JdbcClient jdbc;

    InboxNotifications(NotificationTasks tasks, NotificationRouting routing, EmailNotifications emails,
                       ApplicationEventPublisher events, JdbcClient jdbc, TransactionTemplate tx, Clock clock,
                       NodeId node, NotificationQueueSettings settings) {
        super("parley-notify", settings.pollInterval());
        this.tasks = tasks;
        this.routing = routing;
        this.emails = emails;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
        this.queue = new LeasedQueue(jdbc, tx, NotificationTasks.TABLE, node.value(), clock, settings.lease());
        this.jdbc = jdbc;
    }

    @EventListener
    void on(PatientMessageArrived arrived) {
        if (arrived.blocked()) {
            return;   // nobody hears of a blocked number
        }
        tasks.add(arrived, clock.instant());
        thread.wakeAfterCommit();
    }

    /** In the escalation check's transaction: the escalation is told once, durably, whichever node checked. */
    @EventListener
    void on(ConversationEscalated escalated) {
        tasks.add(escalated, clock.instant());
        thread.wakeAfterCommit();
    }

    @EventListener
    void on(StaffMentioned mentioned) {
        tasks.add(mentioned, clock.instant());
        thread.wakeAfterCommit();
    }

    /**
     * A conversation combined into another (merged patient records): waiting notifications and e-mails name the kept
     * one, and its quiet-period marks go (the kept conversation has its own).
     */
    @EventListener
    void on(ConversationsCombined combined) {
        for (String table : List.of(NotificationTasks.TABLE, "notification_email")) {
            jdbc.sql("update " + table + " set conversation_id = ? where conversation_id = ?")
                    .params(combined.keptId(), combined.goneId()).update();
        }
        jdbc.sql("delete from notification_email_sent where conversation_id = ?").params(combined.goneId()).update();
    }

    /** Delivers every due notification in the calling thread (see {@link org.parley.base.QueueThread#runHere()}): for tests. */
    void deliverDueNow() {
        thread.runHere();
    }

    @Override
    protected void workDue() {
        deliverDue();
    }

    private void deliverDue() {
        List<Long> due;
        do {
            due = queue.due(BATCH);
            for (long id : due) {
                queue.claim(id).ifPresent(this::deliver);
            }
        } while (due.size() == BATCH);
    }

    private void deliver(LeasedQueue.Lease lease) {
        try {
            Boolean done = tx.execute(status -> {
                tasks.find(lease.id()).ifPresent(this::route);
                if (queue.finish(lease)) {
                    return true;
                }
                // Our lease ran out and another node took the task over: it delivers, we undo.
                status.setRollbackOnly();
                return false;
            });
            if (!Boolean.TRUE.equals(done)) {
                log.info("Notification task {} was taken over by another node", lease.id());
            }
        } catch (RuntimeException failed) {
            retryOrGiveUp(lease, failed);
        }
    }

    private void route(NotificationTasks.Task task) {
        List<Notice> notices = switch (task.kind()) {
            case MESSAGE -> routing.forArrival(task.arrival());
            case MENTION -> routing.forMention(task.mention());
            case ESCALATION -> routing.forEscalation(task.conversationId(), task.listId(), task.staffId());
        };
        for (Notice notice : notices) {
            if (notice.channels().desktop()) {
                // Published in this transaction: LiveUpdates hands it to the open tabs once it commits.
                events.publishEvent(new DesktopNotification(notice.staffId(), notice.conversationId(),
                        notice.listId(), notice.kind() == Notice.Kind.ESCALATION));
            }
            if (notice.channels().email()) {
                emails.queue(notice, task.arrivedAt());
            }
        }
    }

    private void retryOrGiveUp(LeasedQueue.Lease lease, RuntimeException failed) {
        try {
            if (lease.attempts() >= settings.maxAttempts()) {
                tx.executeWithoutResult(status -> queue.finish(lease));
                log.warn("Notification task {} given up after {} attempts: {}", lease.id(), lease.attempts(),
                        failed.getClass().getName());
            } else {
                Instant next = clock.instant().plus(new RetryBackoff(settings.firstRetry(), settings.maxRetryDelay())
                        .after(lease.attempts()));
                tx.executeWithoutResult(status -> queue.retryLater(lease, next));
                log.warn("Notification task {} failed (attempt {}), trying again at {}: {}", lease.id(),
                        lease.attempts(), next, failed.getClass().getName());
            }
        } catch (RuntimeException alsoFailed) {
            // The lease runs out and the task is taken up again.
            log.warn("Notification task {} failed and could not be put back: {}", lease.id(),
                    alsoFailed.getClass().getName());
        }
    }
}
