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
 */
@ConfigurationProperties("parley.live-updates")
public record LiveUpdateSettings(@DefaultValue("200ms") Duration window, @DefaultValue("2") int concurrency,
                                 @DefaultValue("1s") Duration minInterval, @DefaultValue("10000") int maxPending,
                                 @DefaultValue("2s") Duration accessTimeout) {

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
    }
}
