package org.parley.outbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbound queue runs ({@code parley.outbound.*}). Checked at start.
 *
 * @param pollInterval             how often each node looks for due messages besides being woken after each commit:
 *                                 what a lost wake-up, or a message a dead node left, waits at most (after its lease)
 * @param lease                    how long a node's claim on a message holds. Not extended while sending: it must be
 *                                 comfortably longer than the longest a send can take (a provider lookup plus a send,
 *                                 each bounded by the plugin's HTTP time-outs, 15-30 s, plus the wait for the line's
 *                                 pace). A message of a node that died waits this long before another node checks it
 *                                 with its provider and finishes it
 * @param firstRetry               the wait before a temporarily failed message is tried again; doubles each time
 * @param maxRetryDelay            the longest wait between tries
 * @param maxAttempts              tries before a message is given up (failed, with the last reason)
 * @param messagesPerSecondPerLine each line's pace for the whole cluster (carriers throttle a US long code to about
 *                                 one a second)
 */
@ConfigurationProperties("parley.outbound")
record OutboundSettings(@DefaultValue("2s") Duration pollInterval,
                        @DefaultValue("2m") Duration lease,
                        @DefaultValue("5s") Duration firstRetry,
                        @DefaultValue("10m") Duration maxRetryDelay,
                        @DefaultValue("10") int maxAttempts,
                        @DefaultValue("1") double messagesPerSecondPerLine) {

    OutboundSettings {
        positive("parley.outbound.poll-interval", pollInterval);
        positive("parley.outbound.lease", lease);
        positive("parley.outbound.first-retry", firstRetry);
        if (maxRetryDelay == null || maxRetryDelay.compareTo(firstRetry) < 0) {
            throw new IllegalStateException("parley.outbound.max-retry-delay must not be shorter than first-retry");
        }
        if (maxAttempts < 1) {
            throw new IllegalStateException("parley.outbound.max-attempts must be at least 1");
        }
        if (!(messagesPerSecondPerLine > 0) || messagesPerSecondPerLine > 1000) {
            throw new IllegalStateException(
                    "parley.outbound.messages-per-second-per-line must be more than 0 and at most 1000, e.g. 1");
        }
    }

    /** The time between two messages of one line. */
    Duration paceInterval() {
        return Duration.ofNanos((long) (1_000_000_000L / messagesPerSecondPerLine));
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalStateException(name + " must be longer than zero, e.g. 2s");
        }
    }
}
