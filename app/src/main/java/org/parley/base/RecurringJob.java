package org.parley.base;

import java.time.Duration;

/**
 * Work that must happen once per period in the whole cluster, not once per node (an expiry sweep, the re-encryption
 * job): a bean of this type is run by {@link RecurringJobs} on whichever node claims it first. A poll that only wakes
 * a node's own queue is not one of these (every node must poll its queue).
 */
public interface RecurringJob {

    /** The job's name in {@code recurring_job}: lower case and dashes, never changed once released. */
    String name();

    /** How long after a run ends the next one is due. */
    Duration period();

    /** When the first run is due after the job's row is created (the first start of a version that has the job). */
    default Duration firstRunAfter() {
        return Duration.ZERO;
    }

    /**
     * One run. Runs may be long (the lease is extended while it runs) and must be safe to repeat: a run a node did
     * not finish (it died) is run again by another node once the lease has run out.
     */
    void run();
}
