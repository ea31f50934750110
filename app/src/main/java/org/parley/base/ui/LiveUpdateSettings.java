package org.parley.base.ui;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How changes reach open screens ({@code parley.live-updates.*}).
 *
 * @param window        updates arriving within this time are delivered together, those of one conversation as one
 * @param concurrency   how many screens refresh at the same time (each refresh reads the database)
 * @param minInterval   a screen refreshes at most this often; what arrives meanwhile is merged into its next refresh,
 *                      so a screen costs the database the same whether one text a minute arrives or a hundred a second
 * @param maxPending    updates waiting for the dispatcher before new ones are dropped (only when it is stuck)
 * @param accessTimeout how long a delivery waits for a screen held by a long request before it moves on (the
 *                      refresh still runs when the screen is free)
 * @param reconnect     on PostgreSQL: the wait before the listening connection is opened again after it dropped; it
 *                      doubles with each failed try
 * @param maxReconnect  on PostgreSQL: the longest wait between tries to open the listening connection again
 * @param checkEvery    on PostgreSQL: how often a quiet listening connection is checked, so one that died silently
 *                      (a network cut) is noticed and replaced
 */
@ConfigurationProperties("parley.live-updates")
public record LiveUpdateSettings(@DefaultValue("200ms") Duration window, @DefaultValue("2") int concurrency,
                                 @DefaultValue("1s") Duration minInterval, @DefaultValue("10000") int maxPending,
                                 @DefaultValue("2s") Duration accessTimeout, @DefaultValue("1s") Duration reconnect,
                                 @DefaultValue("30s") Duration maxReconnect, @DefaultValue("30s") Duration checkEvery) {

    public LiveUpdateSettings {
        if (window.isNegative()) {
            throw new IllegalArgumentException("parley.live-updates.window must not be negative");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("parley.live-updates.concurrency must be at least 1, not " + concurrency);
        }
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("parley.live-updates.min-interval must not be negative");
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("parley.live-updates.max-pending must be at least 1, not " + maxPending);
        }
        if (!reconnect.isPositive() || maxReconnect.compareTo(reconnect) < 0) {
            throw new IllegalArgumentException("parley.live-updates.reconnect must be positive and at most "
                    + "parley.live-updates.max-reconnect");
        }
        if (!checkEvery.isPositive()) {
            throw new IllegalArgumentException("parley.live-updates.check-every must be positive");
        }
    }
}
