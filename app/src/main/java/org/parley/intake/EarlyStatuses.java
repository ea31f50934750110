package org.parley.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.parley.base.LeasedQueue;
import org.parley.base.RecurringJob;
import org.parley.conversation.event.OutboundAccepted;
import org.parley.plugin.DeliveryStatus;
import org.parley.plugin.ProviderEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Delivery statuses that arrived before Parley knew their message: a provider may report "sent" before the
 * transaction that recorded the provider's id has committed. They are kept in {@code early_delivery_status} by line and
 * provider message id, applied right after the sender records that id ({@link OutboundAccepted}), and, for a status
 * that raced that moment, by a sweep that runs once per period in the cluster; what waits longer than
 * {@code parley.intake.later.early-status-expiry} is deleted (a status about no message of Parley's).
 */
@Component
class EarlyStatuses implements RecurringJob {

    static final String TABLE = "early_delivery_status";
    private static final Logger log = LoggerFactory.getLogger(EarlyStatuses.class);

    private final JdbcClient jdbc;
    private final InboundIntake intake;
    private final Clock clock;
    private final LateArrivalSettings settings;

    EarlyStatuses(JdbcClient jdbc, InboundIntake intake, Clock clock, LateArrivalSettings settings) {
        this.jdbc = jdbc;
        this.intake = intake;
        this.clock = clock;
        this.settings = settings;
    }

    /** A status recorded after its message: applied once that transaction has committed. */
    @TransactionalEventListener
    void onAccepted(OutboundAccepted accepted) {
        intake.applyEarlyStatuses(accepted.lineId(), accepted.providerMessageId());
    }

    @Override
    public String name() {
        return "early-delivery-statuses";
    }

    @Override
    public Duration period() {
        return settings.earlyStatusSweep();
    }

    /** Applies the statuses whose message is known now, and deletes those that waited too long. */
    @Override
    public void run() {
        record Waiting(String lineId, String providerMessageId) {
        }
        List<Waiting> known = jdbc.sql("select distinct e.line_id, e.provider_message_id from " + TABLE + " e "
                        + "where exists (select 1 from message m where m.line_id = e.line_id "
                        + "and m.provider_message_id = e.provider_message_id)")
                .query((rs, n) -> new Waiting(rs.getString(1), rs.getString(2))).list();
        for (Waiting waiting : known) {
            intake.applyEarlyStatuses(waiting.lineId(), waiting.providerMessageId());
        }
        int expired = jdbc.sql("delete from " + TABLE + " where received_at < ?")
                .param(Timestamp.from(clock.instant().minus(settings.earlyStatusExpiry()))).update();
        if (expired > 0) {
            log.info("Deleted {} delivery statuses that named no message of Parley's within {}", expired,
                    settings.earlyStatusExpiry());
        }
    }

    /** Keeps a status whose message Parley does not know (yet), in the caller's transaction. */
    static void keep(JdbcClient jdbc, Clock clock, String lineId, ProviderEvent.DeliveryUpdate update) {
        jdbc.sql("insert into " + TABLE + " (line_id, provider_message_id, status, error_code, reason, "
                        + "recipient_opted_out, received_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(lineId, update.providerMessageId(), update.status().name(), cut(update.errorCode(), 40),
                        cut(update.reason(), 500), update.recipientOptedOut(),
                        LeasedQueue.timestamp(clock.instant()))
                .update();
    }

    /** The statuses kept for a message, oldest first; deleted as they are read (in the caller's transaction). */
    static List<ProviderEvent.DeliveryUpdate> take(JdbcClient jdbc, String lineId, String providerMessageId) {
        record Row(long id, ProviderEvent.DeliveryUpdate update) {
        }
        List<Row> rows = jdbc.sql("select id, status, error_code, reason, recipient_opted_out from " + TABLE
                        + " where line_id = ? and provider_message_id = ? order by id")
                .params(lineId, providerMessageId)
                .query((rs, n) -> new Row(rs.getLong(1), new ProviderEvent.DeliveryUpdate(providerMessageId,
                        DeliveryStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5))))
                .list();
        // Only what this transaction deleted: the sweep on another node may be applying the same rows right now.
        return rows.stream().filter(row -> jdbc.sql("delete from " + TABLE + " where id = ?").param(row.id())
                .update() == 1).map(Row::update).toList();
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
