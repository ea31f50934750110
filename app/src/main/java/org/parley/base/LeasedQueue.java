package org.parley.base;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A queue table worked under leases, so that several Parley nodes on one database never work a row twice while a
 * lease holds, and a row left by a node that died is taken over once its lease has run out. The table has the columns
 * {@code id}, {@code attempts}, {@code next_attempt_at}, {@code lease_owner} and {@code lease_until}; its own columns
 * are the caller's business.
 *
 * <p>A worker asks for {@link #due} rows, {@link #claim}s each (its own short transaction, committed before the work
 * starts, so other nodes see the lease), works it and then {@link #finish}es it, or puts it back with
 * {@link #retryLater}. Both check that the lease is still this node's: when it ran out and another node took the row,
 * they change nothing and answer {@code false}, and the caller undoes its work (rolls its transaction back). Time is
 * the app's {@link Clock}; nodes' clocks must agree to well within a lease.
 */
public final class LeasedQueue {

    /** A claimed row: its id and how often it has been claimed, this time included. */
    public record Lease(long id, int attempts) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final String table;
    private final String owner;
    private final Clock clock;
    private final Duration length;

    /**
     * @param table  the queue table, a name from code (never from input)
     * @param owner  this node's id in {@code lease_owner}
     * @param length how long a claim holds: longer than the work of one row ever takes
     */
    public LeasedQueue(JdbcClient jdbc, TransactionTemplate tx, String table, String owner, Clock clock,
                       Duration length) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a lease must last a while, not " + length);
        }
        this.jdbc = jdbc;
        this.tx = tx;
        this.table = table;
        this.owner = owner;
        this.clock = clock;
        this.length = length;
    }

    /**
     * An instant as the queue's {@code timestamp(6)} columns should keep it: truncated to microseconds. A database
     * that rounds the nanoseconds instead may store "now" a fraction of a microsecond in the future, and a row due now
     * would not be due until the clock moves on (never, with a clock a test holds still).
     */
    public static Timestamp timestamp(Instant at) {
        return Timestamp.from(at.truncatedTo(ChronoUnit.MICROS));
    }

    /** Up to {@code max} rows due now and not leased, the longest waiting first. */
    public List<Long> due(int max) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("select id from " + table + " where next_attempt_at <= ? "
                        + "and (lease_until is null or lease_until < ?) order by next_attempt_at, id "
                        + "fetch first " + max + " rows only")
                .params(now, now).query(Long.class).list();
    }

    /**
     * Takes the row for this node, unless it is not due or another lease on it still holds. Commits at once, so it
     * must not be called inside a transaction (the lease would be invisible until that one ends).
     */
    public Optional<Lease> claim(long id) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a claim commits on its own: call it outside a transaction");
        }
        return tx.execute(status -> {
            Instant now = clock.instant();
            int claimed = jdbc.sql("update " + table + " set lease_owner = ?, lease_until = ?, "
                            + "attempts = attempts + 1 where id = ? and next_attempt_at <= ? "
                            + "and (lease_until is null or lease_until < ?)")
                    .params(owner, timestamp(now.plus(length)), id, Timestamp.from(now), Timestamp.from(now))
                    .update();
            if (claimed != 1) {
                return Optional.empty();
            }
            int attempts = jdbc.sql("select attempts from " + table + " where id = ?").param(id)
                    .query(Integer.class).single();
            return Optional.of(new Lease(id, attempts));
        });
    }

    /**
     * Deletes the row: its work is done (or given up). In the caller's transaction when there is one, so the work and
     * the deletion commit together.
     *
     * @return false when the row is no longer this node's (another node took it over): undo the work
     */
    public boolean finish(Lease lease) {
        return jdbc.sql("delete from " + table + " where id = ? and lease_owner = ?").params(lease.id(), owner)
                .update() == 1;
    }

    /**
     * Keeps the row this node's for another lease length from now: for work that may outlast one lease (a recurring
     * job), called while it runs. Commits on its own when called outside a transaction.
     *
     * @return false when the row is no longer this node's (the lease ran out and another node took it)
     */
    public boolean extend(Lease lease) {
        return jdbc.sql("update " + table + " set lease_until = ? where id = ? and lease_owner = ?")
                .params(timestamp(clock.instant().plus(length)), lease.id(), owner).update() == 1;
    }

    /**
     * Releases the row to be tried again at {@code at}.
     *
     * @return false when the row is no longer this node's
     */
    public boolean retryLater(Lease lease, Instant at) {
        return jdbc.sql("update " + table + " set next_attempt_at = ?, lease_owner = null, lease_until = null "
                        + "where id = ? and lease_owner = ?")
                .params(timestamp(at), lease.id(), owner).update() == 1;
    }
}
