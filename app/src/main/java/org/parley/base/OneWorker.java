package org.parley.base;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a queue's work on one thread at a time, from whichever thread asks (an event after a commit, a scheduled
 * poll): a request that arrives while the work runs makes the running thread look once more when it is done, so
 * nothing queued meanwhile waits for the next poll, and no two threads ever work the queue at once.
 *
 * <p>When Parley stops, {@link #stop(Duration)} lets the item in hand finish (its result is recorded while the
 * database is still there) and starts nothing new: a work loop asks {@link #stopping()} before it takes the next
 * item, and {@link #run(Runnable)} does nothing any more.
 */
public final class OneWorker {

    private final AtomicBoolean working = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;

    /** Runs {@code work} now, or has the thread already running it run it once more; nothing once stopping. */
    public void run(Runnable work) {
        again.set(true);
        while (again.get() && working.compareAndSet(false, true)) {
            try {
                // read after taking the turn: stop() sets the flag before it looks whether work is running
                if (stopping) {
                    return;
                }
                again.set(false);
                work.run();
            } finally {
                working.set(false);
                synchronized (this) {
                    notifyAll();
                }
            }
        }
    }

    /** Whether the work should stop after the item in hand instead of taking the next one. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Starts no more work and waits, at most {@code timeout}, for the item in hand to be finished.
     *
     * @return whether the work had finished in time
     */
    public boolean stop(Duration timeout) {
        stopping = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (working.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return !working.get();
                }
            }
        }
        return true;
    }
}
