/**
 * What every feature shares: the entity base class, the clock, the public base URL, live updates to
 * open browsers, and the pieces of the durable queues: one worker at a time ({@link org.parley.base.OneWorker}),
 * the back-off ({@link org.parley.base.RetryBackoff}), a queue table worked under leases
 * ({@link org.parley.base.LeasedQueue}) by a node named {@link org.parley.base.NodeId}, and a queue's own
 * wake-up thread ({@link org.parley.base.QueueThread}), started and stopped with the application and woken by a poll
 * ({@link org.parley.base.PolledQueue}).
 */
package org.parley.base;
