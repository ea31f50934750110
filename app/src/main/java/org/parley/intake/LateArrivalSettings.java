package org.parley.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What intake keeps for later ({@code parley.intake.later.*}): media a webhook announced but Parley could not fetch,
 * fetched again in the background, and delivery statuses that arrived before their message was recorded. Checked at
 * start.
 *
 * @param pollInterval       how often each node looks for media due to be fetched again
 * @param lease              how long a node's claim on one fetch holds (above {@code parley.media.timeout})
 * @param firstRetry         the wait before the first new try; doubles each time
 * @param maxRetryDelay      the longest wait between tries
 * @param maxAttempts        tries before the placeholder says for good that the media could not be fetched
 * @param earlyStatusSweep   how often (once in the cluster) early statuses whose message is now known are applied
 * @param earlyStatusExpiry  how long an early status waits for its message before it is deleted
 */
@ConfigurationProperties("parley.intake.later")
record LateArrivalSettings(@DefaultValue("5s") Duration pollInterval,
                           @DefaultValue("2m") Duration lease,
                           @DefaultValue("30s") Duration firstRetry,
                           @DefaultValue("30m") Duration maxRetryDelay,
                           @DefaultValue("8") int maxAttempts,
                           @DefaultValue("30s") Duration earlyStatusSweep,
                           @DefaultValue("24h") Duration earlyStatusExpiry) {

    LateArrivalSettings {
        positive("poll-interval", pollInterval);
        positive("lease", lease);
        positive("first-retry", firstRetry);
        positive("early-status-sweep", earlyStatusSweep);
        positive("early-status-expiry", earlyStatusExpiry);
        if (maxRetryDelay.compareTo(firstRetry) < 0) {
            throw new IllegalStateException("parley.intake.later.max-retry-delay must not be shorter than first-retry");
        }
        if (maxAttempts < 1) {
            throw new IllegalStateException("parley.intake.later.max-attempts must be at least 1");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalStateException("parley.intake.later." + name + " must be longer than zero, e.g. 30s");
        }
    }
}
