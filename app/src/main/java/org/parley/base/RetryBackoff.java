package org.parley.base;

import java.time.Duration;

/**
 * Exponential back-off for a durable queue: the first retry after {@code first}, then twice as long each time, never
 * longer than {@code max}. Shared by the outbound message queue and the chart export queue.
 *
 * @param first the wait before the first retry
 * @param max   the longest wait
 */
public record RetryBackoff(Duration first, Duration max) {

    /** How long to wait after this many attempts (1 = the first one failed). */
    public Duration after(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration delay = first.multipliedBy(factor);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
