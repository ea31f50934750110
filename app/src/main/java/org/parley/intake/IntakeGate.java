package org.parley.intake;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Back-pressure for webhook intake: at most {@code parley.intake.max-concurrent} webhooks are stored at once, and one
 * that cannot start within {@code parley.intake.max-wait} is turned away (the controller answers 503, which providers
 * retry). This protects one node's connection pool and threads; it decides nothing about correctness, so it is local
 * to the node by design (each node of a cluster has its own pool to protect).
 */
@Component
class IntakeGate {

    private final Semaphore permits;
    private final long maxWaitNanos;

    IntakeGate(IntakeSettings settings) {
        this.permits = new Semaphore(settings.maxConcurrent(), true);
        this.maxWaitNanos = settings.maxWait().toNanos();
    }

    /** Waits at most the configured time for a turn; {@code false} when the node is too busy. */
    boolean enter() {
        try {
            return permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void leave() {
        permits.release();
    }
}
