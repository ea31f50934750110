package org.parley.base;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cluster-wide schedule: each {@link RecurringJob} has one row in {@code recurring_job}, worked with a
 * {@link LeasedQueue}. Every node polls; the node that claims a due row runs the job, renews the lease while it runs
 * (a heartbeat every third of the lease), then sets the next run a period after the end and releases the row. So a
 * job runs once per period however many nodes are up, and a run a dead node left is taken over after its lease.
 *
 * <p>{@link #runSoon} makes a job due now (an admin's request, a key rotation); asked while a run is under way, it
 * makes the next run follow at once, so the request is not lost.
 */
@Component
public class RecurringJobs extends PolledQueue {

    private static final Logger log = LoggerFactory.getLogger(RecurringJobs.class);
    static final String TABLE = "recurring_job";
    private static final int REMEMBERED_RUNS = 200;

    private final Map<String, RecurringJob> jobs = new HashMap<>();
    private final JdbcClient jdbc;
    private final Clock clock;
    private final RecurringJobSettings settings;
    private final LeasedQueue queue;
    private final ScheduledExecutorService heartbeat;
    private final Map<String, Deque<Instant>> runsHere = new HashMap<>();
    private volatile Map<Long, String> names = Map.of();

    RecurringJobs(List<RecurringJob> jobs, JdbcClient jdbc, TransactionTemplate tx, Clock clock, NodeId node,
                  RecurringJobSettings settings) {
        super("parley-jobs", settings.pollInterval());
        for (RecurringJob job : jobs) {
            if (!job.name().matches("[a-z]+(-[a-z]+)*") || job.name().length() > 60) {
                throw new IllegalStateException("A recurring job's name is lower case words with dashes: "
                        + job.name());
            }
            if (this.jobs.put(job.name(), job) != null) {
                throw new IllegalStateException("Two recurring jobs are named " + job.name());
            }
            runsHere.put(job.name(), new ArrayDeque<>());
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.queue = new LeasedQueue(jdbc, tx, TABLE, node.value(), clock, settings.lease());
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "parley-jobs-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds the rows of jobs the database does not know yet (first run due now), then starts polling. */
    @Override
    public void start() {
        Map<Long, String> found = new HashMap<>();
        for (String name : jobs.keySet()) {
            found.put(rowOf(name), name);
        }
        names = Map.copyOf(found);
        super.start();
    }

    private long rowOf(String name) {
        Optional<Long> id = jdbc.sql("select id from " + TABLE + " where name = ?").param(name).query(Long.class)
                .optional();
        if (id.isPresent()) {
            return id.get();
        }
        Timestamp first = LeasedQueue.timestamp(clock.instant().plus(jobs.get(name).firstRunAfter()));
        try {
            jdbc.sql("insert into " + TABLE + " (name, attempts, next_attempt_at) values (?, 0, ?)")
                    .params(name, first).update();
        } catch (DuplicateKeyException anotherNodeStartingToo) {
            // the unique name: another node added the row a moment ago
        }
        return jdbc.sql("select id from " + TABLE + " where name = ?").param(name).query(Long.class).single();
    }

    /**
     * Makes a job due now, on whichever node claims it first.
     *
     * @return false when a run is under way on some node: it runs once more right after that one
     */
    public boolean runSoon(String name) {
        if (!jobs.containsKey(name)) {
            throw new IllegalArgumentException("There is no recurring job " + name);
        }
        Instant now = clock.instant();
        Timestamp at = LeasedQueue.timestamp(now);
        boolean running = jdbc.sql("select count(*) from " + TABLE + " where name = ? and lease_until >= ?")
                .params(name, Timestamp.from(now)).query(Long.class).single() > 0;
        // Sets the time even while running: the run's end sees it moved and makes the next run due at once.
        jdbc.sql("update " + TABLE + " set next_attempt_at = ? where name = ?").params(at, name).update();
        thread.wake();
        return !running;
    }

    /** When this node started runs of the job (the last 200): for operations and tests. */
    public List<Instant> runsHere(String name) {
        Deque<Instant> runs = runsHere.get(name);
        synchronized (runs) {
            return List.copyOf(runs);
        }
    }

    /** Runs every due job in the calling thread (see {@link QueueThread#runHere()}): for tests. */
    public void runDueNow() {
        thread.runHere();
    }

    @Override
    protected void workDue() {
        for (long id : queue.due(names.size() + 10)) {
            String name = names.get(id);
            if (name != null) {
                queue.claim(id).ifPresent(lease -> run(jobs.get(name), lease));
            }
        }
    }

    private void run(RecurringJob job, LeasedQueue.Lease lease) {
        Instant claimedAt = clock.instant();
        Deque<Instant> runs = runsHere.get(job.name());
        synchronized (runs) {
            runs.addLast(claimedAt);
            if (runs.size() > REMEMBERED_RUNS) {
                runs.removeFirst();
            }
        }
        long every = Math.max(200, settings.lease().toMillis() / 3);
        ScheduledFuture<?> renewing = heartbeat.scheduleWithFixedDelay(() -> renew(job, lease), every, every,
                TimeUnit.MILLISECONDS);
        try {
            job.run();
        } catch (RuntimeException failed) {
            // The message may quote data: the kind only. The next period tries again.
            log.warn("Recurring job {} failed: {}", job.name(), failed.getClass().getName());
        } finally {
            renewing.cancel(false);
        }
        Instant end = clock.instant();
        Instant requested = jdbc.sql("select next_attempt_at from " + TABLE + " where id = ?").param(lease.id())
                .query(Timestamp.class).single().toInstant();
        // runSoon during the run moved next_attempt_at past the claim: run again at once.
        Instant next = requested.isAfter(claimedAt) ? end : end.plus(job.period());
        if (!queue.retryLater(lease, next)) {
            log.warn("Recurring job {} outlasted its lease; another node may have run it too", job.name());
        }
    }

    private void renew(RecurringJob job, LeasedQueue.Lease lease) {
        try {
            if (!queue.extend(lease)) {
                log.warn("Recurring job {} lost its lease while running", job.name());
            }
        } catch (RuntimeException e) {
            log.warn("Recurring job {}: its lease could not be renewed: {}", job.name(), e.getClass().getName());
        }
    }

    @Override
    void close() {
        heartbeat.shutdownNow();
        super.close();
    }
}
