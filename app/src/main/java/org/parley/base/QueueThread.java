package org.parley.base;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The thread a durable queue is worked on, apart from whoever adds to it: {@link #wake()} hands the work over and
 * returns at once (a request thread never waits for it, nor needs a connection for it), wakes that come while work
 * is waiting to start count once, and a {@link OneWorker} keeps the work to one thread at a time. The thread only
 * decides when to look: what is due, and who works it, the queue's table decides ({@link LeasedQueue}), so a lost
 * wake-up delays work until the next poll and loses nothing.
 */
public final class QueueThread {

    private static final Logger log = LoggerFactory.getLogger(QueueThread.class);

    private final String name;
    private final Runnable work;
    private final OneWorker worker = new OneWorker();
    private final AtomicBoolean handedOver = new AtomicBoolean();
    private final ExecutorService thread;
    private volatile boolean running;

    /** A stopped queue thread; {@code work} works every due row and returns. */
    public QueueThread(String name, Runnable work) {
        this.name = name;
        this.work = work;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts taking wake-ups, and looks once for work left from before. */
    public void start() {
        running = true;
        wake();
    }

    /**
     * Ignores wake-ups from now on, and waits up to {@code patience} for work the thread is doing to finish (what it
     * leaves is taken up again after its lease).
     */
    public void stop(Duration patience) {
        running = false;
        try {
            thread.submit(() -> { }).get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | RejectedExecutionException stillBusyOrClosed) {
            log.info("Queue {} stopped while its thread was still working", name);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        return running;
    }

    /** Has the queue's thread look for due work soon; returns at once. Ignored while stopped. */
    public void wake() {
        if (!running || !handedOver.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(() -> {
                handedOver.set(false);
                if (running) {
                    runHere();
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            handedOver.set(false);
        }
    }

    /** Wakes the queue once the caller's transaction has committed (at once without one); nothing on rollback. */
    public void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else {
            wake();
        }
    }

    /**
     * Works the queue in the calling thread, running or not, or, when another thread is working it, has that thread
     * look once more and returns at once. For tests that drive a stopped queue step by step.
     */
    public void runHere() {
        worker.run(() -> {
            try {
                work.run();
            } catch (RuntimeException failed) {
                // The rows stay in their table; the next wake-up or poll tries again.
                log.warn("Queue {} stopped this round: {}", name, failed.getClass().getName());
            }
        });
    }

    /** Stops the thread; work it is doing gets a few seconds to finish (what it leaves is taken up again). */
    public void close() {
        running = false;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
