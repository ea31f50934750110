package org.parley.base;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the cluster-wide schedule of recurring jobs runs ({@code parley.jobs.*}; each job's period is the job's own
 * setting). Checked at start.
 *
 * @param pollInterval how often each node looks for a job that is due: how late a job may start at most
 * @param lease        how long a node's claim on a run holds without being renewed; the node renews it every third of
 *                     that while the job runs, so a job of a node that died is run elsewhere after at most this long
 */
@ConfigurationProperties("parley.jobs")
public record RecurringJobSettings(@DefaultValue("10s") Duration pollInterval,
                                   @DefaultValue("2m") Duration lease) {

    public RecurringJobSettings {
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalStateException("parley.jobs.poll-interval must be longer than zero, e.g. 10s");
        }
        if (lease == null || lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalStateException("parley.jobs.lease must be at least 1s, e.g. 2m");
        }
    }
}
