package org.parley.outbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.parley.base.LeasedQueue;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How fast a line may send, for the whole cluster: carriers throttle a US long code to about one message a second,
 * and messages over the limit are delayed or dropped by them. The pace lives in the database ({@code line_pace}: the
 * earliest instant the line's next message may go), so two nodes together keep it, not each on its own.
 *
 * <p>A sender reserves the line's next slot with a conditional update that succeeds only if nobody moved
 * {@code next_free_at} since it was read (compare-and-set, no lock held), so every slot is taken once. A slot up to
 * {@link #LOOKAHEAD} ahead is taken and waited for; one further ahead is not taken and the message waits in the queue.
 */
@Component
class LinePace {

    /** How far ahead a sender takes a slot and waits for it, its message's lease held. */
    static final Duration LOOKAHEAD = Duration.ofSeconds(2);
    private static final int TRIES = 20;

    /** The line's slot: send at {@link #sendAt}, or, when none was free within the lookahead, try again after {@link #freeAt}. */
    record Reservation(Optional<Instant> sendAt, Instant freeAt) {

        static Reservation taken(Instant slot, Instant next) {
            return new Reservation(Optional.of(slot), next);
        }

        static Reservation busyUntil(Instant free) {
            return new Reservation(Optional.empty(), free);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration interval;

    LinePace(JdbcClient jdbc, TransactionTemplate tx, Clock clock, OutboundSettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.interval = settings.paceInterval();
    }

    /** The time between two messages of a line. */
    Duration interval() {
        return interval;
    }

    /**
     * Takes the line's next slot if it begins within {@link #LOOKAHEAD}. Each statement commits on its own: call it
     * outside a transaction, so other nodes see the slot taken at once.
     */
    Reservation reserve(String lineId) {
        for (int i = 0; i < TRIES; i++) {
            Instant now = clock.instant();
            Optional<Timestamp> free = jdbc.sql("select next_free_at from line_pace where line_id = ?")
                    .param(lineId).query(Timestamp.class).optional();
            if (free.isEmpty()) {
                if (firstSlot(lineId, now)) {
                    return Reservation.taken(now, now.plus(interval));
                }
                continue;
            }
            Instant freeAt = free.get().toInstant();
            Instant slot = freeAt.isAfter(now) ? freeAt : now;
            if (slot.isAfter(now.plus(LOOKAHEAD))) {
                return Reservation.busyUntil(freeAt);
            }
            Instant next = slot.plus(interval);
            int taken = jdbc.sql("update line_pace set next_free_at = ? where line_id = ? and next_free_at = ?")
                    .params(LeasedQueue.timestamp(next), lineId, free.get()).update();
            if (taken == 1) {
                return Reservation.taken(slot, next);
            }
            // another sender took this slot first: read the new one
        }
        // Many senders on one line at once: let this one wait a slot's length in the queue.
        return Reservation.busyUntil(clock.instant().plus(interval));
    }

    /** The line's first message ever: its row, with the slot after this one. False when another sender was first. */
    private boolean firstSlot(String lineId, Instant now) {
        try {
            tx.executeWithoutResult(status -> jdbc.sql("insert into line_pace (line_id, next_free_at) values (?, ?)")
                    .params(lineId, LeasedQueue.timestamp(now.plus(interval))).update());
            return true;
        } catch (DataIntegrityViolationException anotherWasFirst) {
            return false;
        }
    }
}
