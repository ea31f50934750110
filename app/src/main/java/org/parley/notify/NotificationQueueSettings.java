package org.parley.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notifications run ({@code parley.notify.*}): the durable queue, and the e-mails' quiet period and sender.
 * Checked at start.
 *
 * @param pollInterval  how often each worker looks for due rows besides being woken after each commit: what a lost
 *                      wake-up, or a row another node left, waits at most (after its lease)
 * @param lease         how long a node's claim on a row holds; a row of a node that died waits this long to be taken
 *                      over. Longer than one e-mail can take (the SMTP time-outs)
 * @param firstRetry    the wait before a failed e-mail (or notification) is tried again; doubles each time
 * @param maxRetryDelay the longest wait between tries
 * @param maxAttempts   tries before an e-mail (or notification) is given up (logged with ids)
 * @param emailQuietPeriod at most one e-mail per staff member, conversation and kind within this time (0: no limit)
 * @param emailFrom     the sender of notification e-mails; empty: {@code Parley <parley@host of the public base URL>}
 */
@ConfigurationProperties("parley.notify")
record NotificationQueueSettings(@DefaultValue("2s") Duration pollInterval,
                                 @DefaultValue("2m") Duration lease,
                                 @DefaultValue("10s") Duration firstRetry,
                                 @DefaultValue("10m") Duration maxRetryDelay,
                                 @DefaultValue("10") int maxAttempts,
                                 @DefaultValue("10m") Duration emailQuietPeriod,
                                 @DefaultValue("") String emailFrom) {

    NotificationQueueSettings {
        positive("parley.notify.poll-interval", pollInterval);
        positive("parley.notify.lease", lease);
        positive("parley.notify.first-retry", firstRetry);
        if (maxRetryDelay.compareTo(firstRetry) < 0) {
            throw new IllegalStateException("parley.notify.max-retry-delay must not be shorter than first-retry");
        }
        if (maxAttempts < 1) {
            throw new IllegalStateException("parley.notify.max-attempts must be at least 1");
        }
        if (emailQuietPeriod == null || emailQuietPeriod.isNegative()) {
            throw new IllegalStateException("parley.notify.email-quiet-period must not be negative, e.g. 10m");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalStateException(name + " must be longer than zero, e.g. 2s");
        }
    }
}
