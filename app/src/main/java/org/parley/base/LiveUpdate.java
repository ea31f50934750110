package org.parley.base;

/**
 * Marks an application event that open browsers should see without a reload. Published by a feature's
 * service; delivered to the UIs that subscribed, after the transaction that caused it commits.
 */
public interface LiveUpdate {
}
