package org.parley.broadcast;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.LeasedQueue;
import org.parley.base.PolledQueue;
import org.parley.conversation.BulkMessages;
import org.parley.hours.QuietHours;
import org.parley.patient.ContactService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands the recipients of broadcasts being sent to the outbound queue, a few at a time: at most
 * {@code parley.broadcast.window} of a broadcast's messages wait in the queue at once (the queue sends them at the
 * line's pace), so pause and cancel take effect soon, and a broadcast never floods the queue ahead of staff replies.
 *
 * <p>Every node runs one; what they decide is in the database. A recipient is queued in one transaction that moves
 * its row from PENDING to QUEUED by a conditional update (only while the broadcast is SENDING), stores the message in
 * the patient's conversation and its queue row: a second node waits for that row and then finds it taken, and a node
 * that dies mid-way leaves nothing (the transaction rolls back), so each patient gets it once and nobody is lost. A
 * recipient outside quiet hours in their zone is put back with {@code not_before} at the window's opening; one the
 * rules now forbid (opted out meanwhile) is skipped with the reason. Once nothing waits, the broadcast is DONE.
 */
@Component
class BroadcastFeeder extends PolledQueue {

    private static final Logger log = LoggerFactory.getLogger(BroadcastFeeder.class);

    /** Messages due beyond this are waiting for quiet hours to end: they do not hold the window. */
    private static final Duration SOON = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RecipientRules rules;
    private final ContactService contacts;
    private final QuietHours quietHours;
    private final BroadcastTexts texts;
    private final BulkMessages bulk;
    private final AuditLog audit;
    private final BroadcastSettings settings;
    private final Clock clock;

    BroadcastFeeder(JdbcClient jdbc, TransactionTemplate tx, RecipientRules rules, ContactService contacts,
                    QuietHours quietHours, BroadcastTexts texts, BulkMessages bulk,
                    AuditLog audit, BroadcastSettings settings, Clock clock) {
        super("parley-broadcast", settings.pollInterval());
        this.jdbc = jdbc;
        this.tx = tx;
        this.rules = rules;
        this.contacts = contacts;
        this.quietHours = quietHours;
        this.texts = texts;
        this.bulk = bulk;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    void wakeAfterCommit() {
        thread.wakeAfterCommit();
    }

    void wake() {
        thread.wake();
    }

    @Override
    protected void workDue() {
        List<Long> sending = jdbc.sql("select id from broadcast where state = 'SENDING' order by id")
                .query(Long.class).list();
        for (long id : sending) {
            if (!thread.isRunning()) {
                return;
            }
            feed(id);
        }
    }

    /** One round for one broadcast; public to the package so a test can run a round on its own thread. */
    void feed(long broadcastId) {
        Instant now = clock.instant();
        long inFlight = jdbc.sql("select count(*) from broadcast_recipient r join outbound_task t on t.id = r.message_id "
                        + "where r.broadcast_id = ? and r.state = 'QUEUED' and t.next_attempt_at < ?")
                .params(broadcastId, LeasedQueue.timestamp(now.plus(SOON))).query(Long.class).single();
        long room = settings.window() - inFlight;
        if (room > 0) {
            List<Long> due = jdbc.sql("select id from broadcast_recipient where broadcast_id = ? and state = 'PENDING' "
                            + "and (not_before is null or not_before <= ?) order by id fetch first ? rows only")
                    .params(broadcastId, LeasedQueue.timestamp(now), (int) room).query(Long.class).list();
            for (long recipient : due) {
                try {
                    tx.executeWithoutResult(status -> queueOne(recipient));
                } catch (RuntimeException failed) {
                    // rolled back: the recipient stays PENDING and is tried again next round; the others go on
                    log.warn("Broadcast {}: recipient row {} could not be queued ({}); tried again later",
                            broadcastId, recipient, failed.getClass().getSimpleName());
                }
            }
            if (!due.isEmpty()) {
                thread.wake(); // more may fit after these (skipped ones take no room)
            }
        }
        tx.executeWithoutResult(status -> finishIfDone(broadcastId));
    }

    private record Recipient(long contactId, String lineId, String body, long authorId) {
    }

    private void queueOne(long recipientId) {
        if (jdbc.sql("update broadcast_recipient set state = 'QUEUED' where id = ? and state = 'PENDING' and exists "
                        + "(select 1 from broadcast b where b.id = broadcast_id and b.state = 'SENDING')")
                .param(recipientId).update() != 1) {
            return; // another node queued it, or the broadcast was paused or cancelled meanwhile
        }
        Recipient recipient = jdbc.sql("select r.contact_id, b.line_id, b.body, b.created_by from broadcast_recipient r "
                        + "join broadcast b on b.id = r.broadcast_id where r.id = ?").param(recipientId)
                .query((rs, n) -> new Recipient(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .single();
        Instant now = clock.instant();
        ZoneId zone = quietHours.zoneFor(contacts.timeZone(recipient.contactId()));
        if (!quietHours.allows(now, zone)) {
            jdbc.sql("update broadcast_recipient set state = 'PENDING', not_before = ? where id = ?")
                    .params(LeasedQueue.timestamp(quietHours.nextAllowed(now, zone)), recipientId).update();
            return;
        }
        Optional<RecipientRules.Skip> skip = rules.skip(recipient.lineId(), recipient.contactId());
        if (skip.isPresent()) {
            jdbc.sql("update broadcast_recipient set state = 'SKIPPED', skip_kind = ?, skip_reason = ? where id = ?")
                    .params(skip.get().kind().name(), BroadcastAudiences.clip(skip.get().reason()), recipientId).update();
            return;
        }
        String text = texts.fill(recipient.body(), recipient.contactId(), recipient.authorId());
        long messageId = bulk.queue(recipient.contactId(), recipient.lineId(), recipient.authorId(), text, zone);
        jdbc.sql("update broadcast_recipient set message_id = ? where id = ?").params(messageId, recipientId).update();
    }

    private void finishIfDone(long broadcastId) {
        long waiting = jdbc.sql("select count(*) from broadcast_recipient where broadcast_id = ? and state = 'PENDING'")
                .param(broadcastId).query(Long.class).single();
        if (waiting > 0) {
            return;
        }
        if (jdbc.sql("update broadcast set state = 'DONE', finished_at = ?, version = version + 1 where id = ? "
                + "and state = 'SENDING'").params(LeasedQueue.timestamp(clock.instant()), broadcastId).update() == 1) {
            audit.record(AuditLog.SYSTEM, AuditAction.BROADCAST_FINISHED, "broadcast", String.valueOf(broadcastId),
                    "every recipient queued or skipped");
        }
    }
}
