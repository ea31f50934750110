package org.parley.base;

/**
 * Marks an application event that open browsers should see without a reload. Published by a feature's
 * service; delivered to the UIs that subscribed, after the transaction that caused it commits. Carries ids only.
 *
 * <p>Updates that arrive close together are delivered together, and two updates with the same
 * {@link #coalescingKey()} become one ({@link #coalesceWith}): ten texts in one conversation within the
 * dispatcher's window refresh each open screen once.
 */
public interface LiveUpdate {

    /** Updates with equal keys within one window are merged; by default only equal updates are. */
    default Object coalescingKey() {
        return this;
    }

    /** This update merged with a later one of the same key; by default the later one wins. */
    default LiveUpdate coalesceWith(LiveUpdate later) {
        return later;
    }
}
