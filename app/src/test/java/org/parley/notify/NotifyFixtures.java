package org.parley.notify;

import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.parley.base.LeasedQueue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Lets tests in other packages reach the notification e-mails' quiet period and the notification queues. */
@Component
public class NotifyFixtures {

    private final EmailQuietPeriod quietPeriod;
    private final InboxNotifications notifications;
    private final EmailNotifications emails;
    private final NotificationQueueSettings settings;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    NotifyFixtures(EmailQuietPeriod quietPeriod, InboxNotifications notifications, EmailNotifications emails,
                   NotificationQueueSettings settings, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.quietPeriod = quietPeriod;
        this.notifications = notifications;
        this.emails = emails;
        this.settings = settings;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Stops this node's notification worker: tasks stay in their table until it starts again (or a node takes them). */
    public void stopNotificationWorker() {
        notifications.stop();
    }

    /** Starts this node's notification worker again; it works what waited at once. */
    public void startNotificationWorker() {
        notifications.start();
    }

    /** Stops this node's e-mail worker: e-mails stay queued until it starts again. */
    public void stopEmailWorker() {
        emails.stop();
    }

    /** Starts this node's e-mail worker again. */
    public void startEmailWorker() {
        emails.start();
    }

    /** Queues a "New message in your inbox" e-mail as the notification worker does (whether or not mail is set up). */
    public void queueMessageEmail(long staffId, long conversationId, Instant arrivedAt) {
        tx.executeWithoutResult(status -> emails.store(Notice.myInbox(staffId, conversationId,
                new Channels(true, false)), arrivedAt));
    }

    /** When the messages of the e-mails queued to this staff member about this conversation arrived. */
    public List<Instant> queuedEmailArrivals(long staffId, long conversationId) {
        return jdbc.sql("select arrived_at from notification_email where staff_user_id = ? and conversation_id = ? "
                        + "order by arrived_at").params(staffId, conversationId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
    }

    /** The notification task queue as another node sees it: {@code node} in its leases, time from {@code clock}. */
    public LeasedQueue notificationTasksAs(String node, Clock clock) {
        return new LeasedQueue(jdbc, tx, NotificationTasks.TABLE, node, clock, settings.lease());
    }

    /** Whether a message e-mail to this staff member about this conversation may go out at {@code at} (recorded). */
    public boolean messageEmailAllowed(long staffId, long conversationId, Instant at) {
        return quietPeriod.claim(Notice.myInbox(staffId, conversationId, new Channels(true, false)), at);
    }

    /**
     * Waits until every notification queued so far was delivered and every e-mail due by the app's clock was sent,
     * given up or put back for a later try (tests must not sleep). Reads the queues' tables, as another node would.
     */
    public void awaitQueued(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> dueNow() == 0);
    }

    /** Notification tasks and e-mails due by the app's clock (those being worked on included). */
    public long dueNow() {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("select count(*) from notification_task where next_attempt_at <= ?").param(now)
                .query(Long.class).single()
                + jdbc.sql("select count(*) from notification_email where next_attempt_at <= ?").param(now)
                .query(Long.class).single();
    }
}
