package org.parley.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How much waits in Parley's two durable queues, and for how long: {@code parley_queue_depth{queue}} (items queued or
 * in flight) and {@code parley_queue_oldest_age_seconds{queue}} (since the oldest of them was queued), for
 * {@code queue="outbound"} (replies to patients) and {@code queue="chart-export"} (copies to the EHR). A provider or
 * EHR outage shows as a growing age long before anyone complains.
 *
 * <p>Read from the queue tables with one query per queue on the status index the workers use (items that are not
 * queued are never read), at most every {@link #FRESH_FOR}, however often Prometheus asks. The tables belong to the
 * conversation and chart features; this only counts their rows. The values are the database's, the same on every
 * node: aggregate them with {@code max}, not {@code sum}.
 */
@Component
class QueueGauges implements MeterBinder {

    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Queue outbound;
    private final Queue chartExport;

    QueueGauges(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        // Read from the small queue tables (one row per item waiting or in a provider's or EHR's hands), joined to
        // the item for its age: never a scan of the message table's millions of rows.
        this.outbound = new Queue("outbound",
                "select count(*), min(m.created_at) from outbound_task t join message m on m.id = t.id");
        this.chartExport = new Queue("chart-export",
                "select count(*), min(e.requested_at) from chart_export_task t join chart_export e on e.id = t.export_id");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Queue queue : new Queue[] {outbound, chartExport}) {
            Gauge.builder("parley.queue.depth", queue, q -> q.now().depth())
                    .description("Items queued or being sent").tag("queue", queue.name).register(registry);
            TimeGauge.builder("parley.queue.oldest.age", queue, TimeUnit.SECONDS, q -> q.now().oldestAgeSeconds())
                    .description("How long the oldest item has waited").tag("queue", queue.name).register(registry);
        }
    }

    /** The depth and the age of the oldest item, as of a moment. */
    record Reading(long depth, double oldestAgeSeconds, Instant at) {
    }

    /** One queue's query and its latest reading. */
    final class Queue {

        private final String name;
        private final String sql;
        private volatile Reading last;

        Queue(String name, String sql) {
            this.name = name;
            this.sql = sql;
        }

        Reading now() {
            Instant now = clock.instant();
            Reading reading = last;
            if (reading == null || reading.at().plus(FRESH_FOR).isBefore(now)) {
                reading = jdbc.queryForObject(sql, (rs, row) -> {
                    OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
                    double age = oldest == null ? 0
                            : Math.max(0, Duration.between(oldest.toInstant(), now).toMillis() / 1000.0);
                    return new Reading(rs.getLong(1), age, now);
                });
                last = reading;
            }
            return reading;
        }
    }
}
