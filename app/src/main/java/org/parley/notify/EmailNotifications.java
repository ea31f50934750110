package org.parley.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parley.base.LeasedQueue;
import org.parley.base.NodeId;
import org.parley.base.PolledQueue;
import org.parley.base.PublicBaseUrl;
import org.parley.base.RetryBackoff;
import org.parley.security.StaffDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends notification e-mails from a durable queue ({@code notification_email}) on a thread of their own: the inbox and
 * the desktop pop-ups never wait for a mail server, a slow or dead one delays only e-mails, and an e-mail queued
 * before a crash is sent after it. An e-mail says where a message is and links to it, never who wrote or what (no PHI
 * in subject, body or link). At most one per staff member, conversation and kind per quiet period
 * ({@link EmailQuietPeriod}, counted from when the message arrived); an e-mail the server refused is tried again with
 * back-off and given up after {@code parley.notify.max-attempts}, and a newer message about the same conversation
 * tries again at once. Failures are logged with ids and the mail server's reason only.
 */
@Component
class EmailNotifications extends PolledQueue {

    private static final Logger log = LoggerFactory.getLogger(EmailNotifications.class);
    private static final String TABLE = "notification_email";
    private static final int BATCH = 20;

    private final MailSetup mail;
    private final StaffDirectory staff;
    private final EmailQuietPeriod quietPeriod;
    private final NotificationRouting routing;
    private final PublicBaseUrl baseUrl;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final NotificationQueueSettings settings;
    private final String from;
    private final LeasedQueue queue;

    EmailNotifications(MailSetup mail, StaffDirectory staff, EmailQuietPeriod quietPeriod, NotificationRouting routing,
                       PublicBaseUrl baseUrl, JdbcClient jdbc, TransactionTemplate tx, Clock clock, NodeId node,
                       NotificationQueueSettings settings) {
        super("parley-notify-mail", settings.pollInterval());
        this.mail = mail;
        this.staff = staff;
        this.quietPeriod = quietPeriod;
        this.routing = routing;
        this.baseUrl = baseUrl;
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.from = settings.emailFrom() == null ? "" : settings.emailFrom().strip();
        this.queue = new LeasedQueue(jdbc, tx, TABLE, node.value(), clock, settings.lease());
    }

    /**
     * Queues the e-mail of a notice in the caller's transaction, to go once that commits; nothing happens when IT has
     * not set up e-mail.
     *
     * @param arrivedAt when the message arrived: the quiet period counts from then, not from when a busy queue got to it
     */
    void queue(Notice notice, Instant arrivedAt) {
        if (!mail.configured()) {
            return;
        }
        store(notice, arrivedAt);
        thread.wakeAfterCommit();
    }

    /** The queue's row of a notice's e-mail, in the caller's transaction. */
    void store(Notice notice, Instant arrivedAt) {
        Timestamp arrived = LeasedQueue.timestamp(arrivedAt);
        Timestamp now = LeasedQueue.timestamp(clock.instant());
        // An e-mail about this conversation still waiting (the mail server failed it) becomes this one, due now.
        int joined = jdbc.sql("update " + TABLE + " set list_id = ?, arrived_at = greatest(arrived_at, ?), "
                        + "attempts = 0, next_attempt_at = ? where staff_user_id = ? and conversation_id = ? "
                        + "and kind = ? and (lease_until is null or lease_until < ?)")
                .params(notice.listId(), arrived, now, notice.staffId(), notice.conversationId(), notice.kind().name(),
                        now)
                .update();
        if (joined == 0) {
            jdbc.sql("insert into " + TABLE + " (staff_user_id, conversation_id, kind, list_id, arrived_at, attempts, "
                            + "next_attempt_at) values (?, ?, ?, ?, ?, 0, ?)")
                    .params(notice.staffId(), notice.conversationId(), notice.kind().name(), notice.listId(), arrived,
                            now)
                    .update();
        }
    }

    private record Queued(long staffId, long conversationId, Notice.Kind kind, Long listId, Instant arrivedAt) {
    }

    @Override
    protected void workDue() {
        sendDue();
    }

    private void sendDue() {
        List<Long> due;
        do {
            due = queue.due(BATCH);
            for (long id : due) {
                queue.claim(id).ifPresent(this::send);
            }
        } while (due.size() == BATCH);
    }

    private void send(LeasedQueue.Lease lease) {
        Optional<Queued> queued = jdbc.sql("select staff_user_id, conversation_id, kind, list_id, arrived_at from "
                        + TABLE + " where id = ?").param(lease.id())
                .query((rs, n) -> new Queued(rs.getLong(1), rs.getLong(2), Notice.Kind.valueOf(rs.getString(3)),
                        rs.getObject(4, Long.class), rs.getTimestamp(5).toInstant()))
                .optional();
        Optional<Notice> notice = queued.flatMap(q -> routing.queuedEmail(q.staffId(), q.conversationId(), q.kind(),
                q.listId()));
        if (notice.isEmpty() || !mail.configured()) {
            log.debug("Notification e-mail {} has nothing left to send", lease.id());
            queue.finish(lease);
            return;
        }
        send(lease, notice.get(), queued.get().arrivedAt());
    }

    private void send(LeasedQueue.Lease lease, Notice notice, Instant arrivedAt) {
        try {
            Optional<String> address = staff.emailOf(notice.staffId());
            if (address.isEmpty()) {
                log.debug("No e-mail address for staff member {}: notification not e-mailed", notice.staffId());
            } else if (!quietPeriod.claim(notice, arrivedAt)) {
                log.debug("Staff member {} was e-mailed about conversation {} within the quiet period",
                        notice.staffId(), notice.conversationId());
            } else {
                try {
                    mail.sender().orElseThrow().send(message(notice, address.get()));
                } catch (RuntimeException failed) {
                    quietPeriod.release(notice, arrivedAt);
                    throw failed;
                }
                log.debug("Notification e-mailed to staff member {} about conversation {}", notice.staffId(),
                        notice.conversationId());
            }
        } catch (RuntimeException failed) {
            retryOrGiveUp(lease, notice, failed);
            return;
        }
        queue.finish(lease);
    }

    private void retryOrGiveUp(LeasedQueue.Lease lease, Notice notice, RuntimeException failed) {
        // The e-mail carries no PHI, so neither can the mail server's answer; the stack trace adds nothing for IT.
        String what = "Notification e-mail to staff member " + notice.staffId() + " about conversation "
                + notice.conversationId() + " failed: " + reason(failed);
        try {
            if (lease.attempts() >= settings.maxAttempts()) {
                queue.finish(lease);
                log.warn("{}; given up after {} attempts", what, lease.attempts());
            } else {
                Instant next = clock.instant().plus(new RetryBackoff(settings.firstRetry(), settings.maxRetryDelay())
                        .after(lease.attempts()));
                queue.retryLater(lease, next);
                log.warn("{}; trying again at {} (attempt {} of {})", what, next, lease.attempts(),
                        settings.maxAttempts());
            }
        } catch (RuntimeException alsoFailed) {
            // The lease runs out and the e-mail is taken up again.
            log.warn("{}; and it could not be put back: {}", what, alsoFailed.getClass().getName());
        }
    }

    SimpleMailMessage message(Notice notice, String to) {
        String link = baseUrl.resolve("/inbox/" + notice.conversationId()).toString();
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(sender());
        message.setTo(to);
        message.setSubject(notice.title());
        String what = notice.kind() == Notice.Kind.MENTION ? "A colleague mentioned you in a note."
                : notice.title() + ".";
        message.setText(what + "\n\n"
                + "Open it in Parley: " + link + "\n\n"
                + "For the patients' privacy this e-mail never says who wrote or what.\n"
                + "You get it because you chose e-mail for \"" + notice.because() + "\" under Notifications: "
                + baseUrl.resolve("/notifications") + "\n");
        return message;
    }

    private String sender() {
        return from.isEmpty() ? "Parley <parley@" + baseUrl.get().getHost() + ">" : from;
    }

    private static String reason(Throwable failed) {
        Throwable root = failed;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failed ? failed.getClass().getSimpleName() + ": " + failed.getMessage()
                : failed.getClass().getSimpleName() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage()
                + ")";
    }
}
