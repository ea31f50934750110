package org.parley.base;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a queue's work on one thread at a time, from whichever thread asks (an event after a commit, a scheduled
 * poll): a request that arrives while the work runs makes the running thread look once more when it is done, so
 * nothing queued meanwhile waits for the next poll, and no two threads ever work the queue at once.
 */
public final class OneWorker {

    private final AtomicBoolean working = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    /** Runs {@code work} now, or has the thread already running it run it once more. */
    public void run(Runnable work) {
        again.set(true);
        while (again.get() && working.compareAndSet(false, true)) {
            try {
                again.set(false);
                work.run();
            } finally {
                working.set(false);
            }
        }
    }
}
