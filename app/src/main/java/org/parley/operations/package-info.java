/**
 * What a practice's IT sees of Parley as a service: the probes and metrics, the start-up checks, and how it stops.
 *
 * <ul>
 *   <li>Liveness and readiness at {@code /actuator/health/liveness} and {@code /actuator/health/readiness} on the
 *       app's port, without login and with the status only ({@link org.parley.operations.OperationsSecurity});
 *       readiness includes the database, the plugin host ({@code provider}) and the key file ({@code encryption}).
 *       Health details and Prometheus metrics are on the management port ({@code management.server.port}, bound to
 *       127.0.0.1 by default), never on the app's port.</li>
 *   <li>Parley's own meters, all without PHI (line ids at most): webhooks by outcome
 *       ({@link org.parley.operations.WebhookGate}), messages sent by outcome with the provider's latency (the line
 *       feature's {@code LineGateway}), depth and age of the outbound and chart export queues
 *       ({@link org.parley.operations.QueueGauges}), open staff sessions
 *       ({@link org.parley.operations.StaffSessions}).</li>
 *   <li>Stopping: webhooks that arrive while Parley stops are answered 503, so providers retry
 *       ({@link org.parley.operations.WebhookGate}); the queues finish the item in hand (their {@code OneWorker}).</li>
 *   <li>Starting: a data folder Parley cannot write stops the start before anything is created, naming the folder
 *       ({@link org.parley.operations.DataFolderCheck}).</li>
 * </ul>
 *
 * <p>It observes the features from outside (HTTP, sessions, the queue tables through their status indexes) and no
 * feature depends on it.
 */
package org.parley.operations;
