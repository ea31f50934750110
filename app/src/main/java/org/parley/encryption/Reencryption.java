package org.parley.encryption;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.RecurringJob;
import org.parley.base.RecurringJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The re-encryption job: brings every value of every encrypted column under the primary key (values under older keys,
 * and plaintext from before encryption), then runs the {@link Backfill}s (the word index of old messages).
 *
 * <p>Each column is read in batches of rows whose value does not start with the primary key's header, a batch per
 * transaction; a row is written back only if it still holds the value read (a change made meanwhile is already under
 * the primary key). Because done rows drop out of that query, the job needs no bookmark to resume after a restart;
 * a row that cannot be decrypted is counted, left as it is and passed over. Every column is brought into format 2
 * under the primary key, bound to its row ({@link RowBoundColumn}) or to its table and column (the converters), which
 * also upgrades plaintext and format-1 values. It is a {@link RecurringJob}: one node
 * of the cluster runs it at a time, on the schedule's thread, at start when
 * {@code parley.encryption.reencrypt-on-start} is true, after a key rotation or an admin's request, and once every
 * {@code parley.encryption.reencrypt-interval}.
 * When a run leaves nothing under older keys, those keys are marked retired: the key file may then drop them (keep
 * them while database backups made before still exist).
 *
 * <p>Longer than 300 lines on purpose: one job walks every encrypted column, each by the same resumable batch loop,
 * and the differences between columns (bound to the row or to the column, bytes or text) are small branches of it.
 */
@Component
class Reencryption implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(Reencryption.class);

    private final EncryptedColumns columns;
    private final List<Backfill> backfills;
    private final FieldCipher cipher;
    private final KeyRing ring;
    private final KeyRegistry registry;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int textBatch;
    private final int binaryBatch;
    private final boolean onStart;

    private final ReentrantLock running = new ReentrantLock();
    private final AtomicReference<ReencryptionProgress> progress = new AtomicReference<>(ReencryptionProgress.idle());
    private volatile boolean stopping;
    private final RecurringJobs jobs;
    private final Duration interval;

    Reencryption(EncryptedColumns columns, List<Backfill> backfills, FieldCipher cipher, KeyRing ring,
                 KeyRegistry registry, JdbcTemplate jdbc, TransactionTemplate tx, AuditLog audit,
                 ApplicationEventPublisher events, Clock clock, @Lazy RecurringJobs jobs,
                 EncryptionSettings settings) {
        this.columns = columns;
        this.backfills = List.copyOf(backfills);
        this.cipher = cipher;
        this.ring = ring;
        this.registry = registry;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.textBatch = settings.batchSize();
        this.binaryBatch = settings.binaryBatchSize();
        this.onStart = settings.reencryptOnStart();
        this.jobs = jobs;
        this.interval = settings.reencryptInterval();
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        if (onStart) {
            start(AuditLog.SYSTEM);
        }
    }

    @Override
    public String name() {
        return "reencryption";
    }

    /** A run a day catches values a node wrote under the old key in the moments before it saw a rotation. */
    @Override
    public Duration period() {
        return interval;
    }

    @Override
    public Duration firstRunAfter() {
        return onStart ? Duration.ZERO : interval;
    }

    /** A run of the cluster-wide schedule, on the node that claimed it. */
    @Override
    public void run() {
        runNow(AuditLog.SYSTEM);
    }

    /** Where the job is, as far as this node ran it. */
    ReencryptionProgress progress() {
        return progress.get();
    }

    /**
     * Has the job run soon, on whichever node claims it first ({@link RecurringJobs}): once per cluster, not once per
     * node.
     *
     * @return false when a run is under way already (it picks up a new primary key by itself, and another run
     *         follows it at once)
     */
    boolean start(String actor) {
        if (stopping) {
            return false;
        }
        return jobs.runSoon(name());
    }

    /**
     * Runs the job in the calling thread, after a run under way on this node has finished (tests; the schedule's
     * runs come here too). The lock only keeps this node's runs apart; that one node runs at a time in the cluster
     * is the schedule's lease.
     */
    void runNow(String actor) {
        running.lock();
        try {
            run(actor);
        } finally {
            running.unlock();
        }
    }

    /** Lets a run stop between two batches when Parley stops (before the schedule waits for it); the next resumes. */
    @EventListener(ContextClosedEvent.class)
    void stop() {
        stopping = true;
    }

    /** How many values of each encrypted column are not under the primary key. */
    long notUnderPrimaryKey() {
        int primary = ring.primaryId();
        return columns.all().stream().mapToLong(column -> count(column, primary)).sum();
    }

    private void run(String actor) {
        List<ReencryptionProgress.Part> parts = new ArrayList<>();
        Instant started = clock.instant();
        try {
            int primary;
            do {
                primary = ring.primaryId();
                parts.clear();
                for (EncryptedColumns.Column column : columns.all()) {
                    parts.add(new ReencryptionProgress.Part(column.name(), count(column, primary), 0, 0));
                }
                for (Backfill backfill : backfills) {
                    long[] range = backfillRange(backfill);
                    parts.add(new ReencryptionProgress.Part(backfill.name(), backfill.count(range[0], range[1]), 0, 0));
                }
                long todo = parts.stream().mapToLong(ReencryptionProgress.Part::total).sum();
                if (todo == 0 && AuditLog.SYSTEM.equals(actor)) {
                    // Nothing to do: say nothing, leave no audit entry; open Encryption pages still see it finished
                    // (an admin's request runs here too, on whichever node claimed it).
                    publish(ReencryptionProgress.State.FINISHED, started, parts, null);
                    retireOlderKeysIfDone(primary, parts);
                    return;
                }
                log.info("Re-encryption under key {} started: {} row(s) to do", primary, todo);
                publish(ReencryptionProgress.State.RUNNING, started, parts, null);
                int index = 0;
                for (EncryptedColumns.Column column : columns.all()) {
                    reencrypt(column, index++, parts, started);
                }
                for (Backfill backfill : backfills) {
                    backfill(backfill, index++, parts, started);
                }
            } while (!stopping && ring.primaryId() != primary);
            if (stopping) {
                publish(ReencryptionProgress.State.STOPPED, started, parts, "Parley was stopped; the job resumes "
                        + "at the next start.");
                return;
            }
            ReencryptionProgress finished = publish(ReencryptionProgress.State.FINISHED, started, parts, null);
            retireOlderKeysIfDone(primary, parts);
            log.info("Re-encryption finished: {} row(s) done, {} could not be read", finished.done(),
                    finished.failed());
            if (finished.failed() > 0) {
                log.warn("{} encrypted value(s) could not be decrypted and were left as they are: {}",
                        finished.failed(), parts.stream().filter(p -> p.failed() > 0)
                                .map(ReencryptionProgress.Part::name).collect(Collectors.joining(", ")));
            }
            audit.record(AuditLog.SYSTEM, AuditAction.REENCRYPTION_FINISHED, "encryption_key", String.valueOf(primary),
                    finished.done() + " done, " + finished.failed() + " unreadable");
        } catch (RuntimeException e) {
            // The exception's message may quote a value (some drivers do): log its kind only.
            log.error("Re-encryption stopped by {}; it resumes at the next start or run", e.getClass().getName());
            publish(ReencryptionProgress.State.STOPPED, started, parts,
                    "Stopped by an error (" + e.getClass().getSimpleName() + "); run it again.");
        }
    }

    private void retireOlderKeysIfDone(int primary, List<ReencryptionProgress.Part> parts) {
        boolean clean = parts.stream().allMatch(p -> p.failed() == 0);
        if (clean && ring.primaryId() == primary && notUnderPrimaryKey() == 0) {
            registry.retireAllBut(primary);
        }
    }

    private ReencryptionProgress publish(ReencryptionProgress.State state, Instant started,
                                         List<ReencryptionProgress.Part> parts, String problem) {
        ReencryptionProgress now = new ReencryptionProgress(state, started,
                state == ReencryptionProgress.State.RUNNING ? null : clock.instant(), parts, problem);
        progress.set(now);
        events.publishEvent(now);
        return now;
    }

    // --- columns

    private void reencrypt(EncryptedColumns.Column column, int index, List<ReencryptionProgress.Part> parts,
                           Instant started) {
        Object[] after = null;
        while (!stopping && parts.get(index).total() > 0) {
            int primary = ring.primaryId();
            Object[] cursor = after;
            ColumnBatch batch = tx.execute(status -> reencryptBatch(column, primary, cursor));
            if (batch == null || batch.rows() == 0) {
                return;
            }
            after = batch.lastKeys();
            ReencryptionProgress.Part part = parts.get(index);
            parts.set(index, new ReencryptionProgress.Part(part.name(), part.total(), part.done() + batch.done(),
                    part.failed() + batch.failed()));
            publish(ReencryptionProgress.State.RUNNING, started, parts, null);
        }
    }

    private record ColumnBatch(int rows, int done, int failed, Object[] lastKeys) {
    }

    private ColumnBatch reencryptBatch(EncryptedColumns.Column column, int primary, Object[] after) {
        int keyCount = column.keyColumns().size();
        List<Object> arguments = new ArrayList<>();
        arguments.add(header(column, primary));
        String sql = "select " + String.join(", ", column.keyColumns()) + ", " + column.column()
                + " from " + column.table() + " where " + pending(column)
                + (after == null ? "" : " and (" + after(column.keyColumns(), after, arguments) + ")")
                + " order by " + String.join(", ", column.keyColumns())
                + " fetch first " + (column.binary() ? binaryBatch : textBatch) + " rows only";
        List<Object[]> rows = jdbc.query(sql, (rs, n) -> {
            Object[] row = new Object[keyCount + 1];
            for (int i = 0; i < keyCount; i++) {
                row[i] = rs.getObject(i + 1);
            }
            row[keyCount] = column.binary() ? rs.getBytes(keyCount + 1) : rs.getString(keyCount + 1);
            return row;
        }, arguments.toArray());
        String update = "update " + column.table() + " set " + column.column() + " = ? where "
                + column.keyColumns().stream().map(k -> k + " = ?").collect(Collectors.joining(" and "))
                + " and " + column.column() + " = ?";
        int done = 0;
        int failed = 0;
        for (Object[] row : rows) {
            Object stored = row[keyCount];
            Object reencrypted;
            try {
                RowBinding binding = column.binding(row);
                reencrypted = stored instanceof byte[] bytes ? cipher.encrypt(cipher.decrypt(bytes, binding), binding)
                        : cipher.encrypt(cipher.decrypt((String) stored, binding), binding);
            } catch (DecryptionFailedException e) {
                failed++;
                continue;
            }
            Object[] values = new Object[keyCount + 2];
            values[0] = reencrypted;
            System.arraycopy(row, 0, values, 1, keyCount);
            values[keyCount + 1] = stored;
            jdbc.update(update, values);
            // 0 rows: changed meanwhile, so already written under the primary key.
            done++;
        }
        Object[] last = rows.isEmpty() ? null : Arrays.copyOf(rows.getLast(), keyCount);
        return new ColumnBatch(rows.size(), done, failed, last);
    }

    private long count(EncryptedColumns.Column column, int primary) {
        Long count = jdbc.queryForObject("select count(*) from " + column.table() + " where " + pending(column),
                Long.class, header(column, primary));
        return count == null ? 0 : count;
    }

    /** Values not under the primary key: the header compared with a portable {@code substring}. */
    private static String pending(EncryptedColumns.Column column) {
        int length = column.binary() ? FieldCipher.BYTES_HEADER_LENGTH : FieldCipher.TEXT_HEADER_LENGTH;
        return column.column() + " is not null and substring(" + column.column() + " from 1 for " + length
                + ") <> ?";
    }

    private static Object header(EncryptedColumns.Column column, int primary) {
        // Every column binds its values (to the row, or to table and column): a format-1 value under the primary key
        // is still to do, it is upgraded to format 2.
        return column.binary() ? FieldCipher.boundBytesHeader(primary) : FieldCipher.boundTextHeader(primary);
    }

    /** Rows after {@code last} in key order: {@code (k1 > ?) or (k1 = ? and k2 > ?) ...}. */
    private static String after(List<String> keys, Object[] last, List<Object> arguments) {
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                terms.add(keys.get(j) + " = ?");
                arguments.add(last[j]);
            }
            terms.add(keys.get(i) + " > ?");
            arguments.add(last[i]);
            alternatives.add("(" + String.join(" and ", terms) + ")");
        }
        return String.join(" or ", alternatives);
    }

    // --- backfills

    /** Where a backfill got to and where it ends, recorded at its first run. */
    private long[] backfillRange(Backfill backfill) {
        long[] range = tx.execute(status -> {
            List<long[]> found = jdbc.query("select after_id, until_id from encryption_backfill where name = ?",
                    (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, backfill.name());
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            long until = backfill.highestId();
            jdbc.update("insert into encryption_backfill (name, after_id, until_id) values (?, ?, ?)",
                    backfill.name(), 0L, until);
            return new long[] {0L, until};
        });
        return range == null ? new long[] {0, 0} : range;
    }

    private void backfill(Backfill backfill, int index, List<ReencryptionProgress.Part> parts,
                          Instant started) {
        long[] range = backfillRange(backfill);
        long after = range[0];
        long until = range[1];
        while (!stopping && after < until) {
            long from = after;
            List<Long> ids = tx.execute(status -> backfill.ids(from, until, textBatch));
            if (ids == null || ids.isEmpty()) {
                bookmark(backfill, until);
                return;
            }
            int done = 0;
            int failed = 0;
            try {
                tx.executeWithoutResult(status -> {
                    ids.forEach(backfill::process);
                    bookmark(backfill, ids.getLast());
                });
                done = ids.size();
            } catch (RuntimeException batchFailed) {
                // One of them failed: do them one by one, so only that one is left undone.
                for (Long id : ids) {
                    try {
                        tx.executeWithoutResult(status -> {
                            backfill.process(id);
                            bookmark(backfill, id);
                        });
                        done++;
                    } catch (RuntimeException e) {
                        failed++;
                        tx.executeWithoutResult(status -> bookmark(backfill, id));
                    }
                }
            }
            after = ids.getLast();
            ReencryptionProgress.Part part = parts.get(index);
            parts.set(index, new ReencryptionProgress.Part(part.name(), part.total(), part.done() + done,
                    part.failed() + failed));
            publish(ReencryptionProgress.State.RUNNING, started, parts, null);
        }
    }

    private void bookmark(Backfill backfill, long afterId) {
        jdbc.update("update encryption_backfill set after_id = ? where name = ?", afterId, backfill.name());
    }
}
