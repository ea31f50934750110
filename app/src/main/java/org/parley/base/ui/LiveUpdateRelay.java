package org.parley.base.ui;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.parley.base.LiveUpdate;
import org.parley.base.NodeId;
import org.parley.base.RetryBackoff;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Brings every committed {@link LiveUpdate} to {@link LiveUpdates#dispatch} on every node that has screens open.
 *
 * <p><b>On PostgreSQL</b> (several nodes may share it) an update travels as a {@code NOTIFY} on the channel
 * {@value #CHANNEL}, and every node, the sender too, {@code LISTEN}s there on a connection of its own and dispatches
 * what arrives. The {@code NOTIFY} is issued inside the publishing transaction, on its connection, just before it
 * commits: PostgreSQL delivers it exactly when that commits and never for one rolled back, and the publisher needs no
 * second pool connection. The payload is ids only ({@link LiveUpdateWire}). The listening connection is opened with
 * the pool's settings but outside the pool (one extra connection per node, never taken from the pool), and worked by
 * a thread of its own that starts and stops with the application. When it drops, the thread opens it again with
 * back-off and then has every open screen refresh ({@link LiveUpdates.Resync}), because notifications sent meanwhile
 * were lost.
 *
 * <p><b>On H2</b> (embedded, one node) an update is dispatched in-process once the transaction commits. The choice
 * follows the database the data source reaches, not a setting.
 */
@Component
class LiveUpdateRelay implements SmartLifecycle {

    static final String CHANNEL = "parley_live_updates";
    /** How long one wait for notifications lasts; also bounds how long stopping takes. */
    private static final int WAIT_MILLIS = 500;

    private static final Logger log = LoggerFactory.getLogger(LiveUpdateRelay.class);

    private final LiveUpdates liveUpdates;
    private final LiveUpdateSettings settings;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final String applicationName;
    private final boolean postgres;
    private final LiveUpdateWire wire = new LiveUpdateWire();
    private volatile boolean running;
    private Thread listener;

    LiveUpdateRelay(LiveUpdates liveUpdates, LiveUpdateSettings settings, JdbcClient jdbc, DataSource dataSource,
                    NodeId node) throws MetaDataAccessException {
        this.liveUpdates = liveUpdates;
        this.settings = settings;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.applicationName = "parley-live-updates " + node.value();
        this.postgres = "PostgreSQL".equals(
                JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
    }

    /** In the publishing transaction, just before it commits (or at once without one): the NOTIFY, on PostgreSQL. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void beforeCommit(LiveUpdate update) {
        if (!postgres || update instanceof LiveUpdates.Resync) {
            return;
        }
        var payload = wire.encode(update);
        if (payload.isEmpty()) {
            // Not a kind that travels (or impossibly large): this node's screens still see it.
            log.warn("A live update of kind {} cannot travel to other nodes; only this node shows it",
                    update.getClass().getSimpleName());
            dispatchAfterCommit(update);
            return;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // A failure here fails the commit: PostgreSQL refuses a NOTIFY only when its 8 GB queue is full or the
            // connection is gone, and then the transaction could not commit anyway.
            notify(payload.get());
        } else {
            try {
                notify(payload.get());
            } catch (RuntimeException failed) {
                log.warn("A live update of kind {} could not be sent: {}", update.getClass().getSimpleName(),
                        failed.getClass().getName());
            }
        }
    }

    /** After commit: the in-process delivery, on H2. */
    @TransactionalEventListener(fallbackExecution = true)
    void afterCommit(LiveUpdate update) {
        if (!postgres) {
            liveUpdates.dispatch(update);
        }
    }

    private void notify(String payload) {
        jdbc.sql("select pg_notify(?, ?)").param(CHANNEL).param(payload).query().singleRow();
    }

    private void dispatchAfterCommit(LiveUpdate update) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            liveUpdates.dispatch(update);
                        }
                    });
        } else {
            liveUpdates.dispatch(update);
        }
    }

    @Override
    public void start() {
        running = true;
        if (postgres) {
            listener = Thread.ofPlatform().name("parley-live-updates-listener").daemon().start(this::listen);
        }
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(Duration.ofMillis(WAIT_MILLIS * 4L));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            listener = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        RetryBackoff backoff = new RetryBackoff(settings.reconnect(), settings.maxReconnect());
        int failures = 0;
        boolean missedSome = false;
        while (running) {
            try (Connection connection = open()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (missedSome) {
                    log.info("Listening for live updates again; open screens refresh to catch up");
                    liveUpdates.dispatch(new LiveUpdates.Resync());
                    missedSome = false;
                }
                failures = 0;
                receive(connection);
            } catch (SQLException | RuntimeException dropped) {
                if (!running) {
                    return;
                }
                missedSome = true;
                failures++;
                Duration wait = backoff.after(failures);
                // The exception's kind only: a driver's message may quote connection details.
                log.warn("The live update connection to PostgreSQL failed ({}); trying again in {}",
                        dropped.getClass().getName(), wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException stopping) {
                    return;
                }
            }
        }
    }

    /** Dispatches what arrives until stopped; throws when the connection is gone. */
    private void receive(Connection connection) throws SQLException {
        PGConnection notifications = connection.unwrap(PGConnection.class);
        long checkNanos = settings.checkEvery().toNanos();
        long lastHeard = System.nanoTime();
        while (running) {
            PGNotification[] arrived = notifications.getNotifications(WAIT_MILLIS);
            if (arrived != null && arrived.length > 0) {
                lastHeard = System.nanoTime();
                for (PGNotification notification : arrived) {
                    if (CHANNEL.equals(notification.getName())) {
                        take(notification.getParameter());
                    }
                }
            } else if (System.nanoTime() - lastHeard > checkNanos) {
                // A quiet connection may have died without a word (a network cut): a round trip tells.
                try (Statement statement = connection.createStatement()) {
                    statement.execute("select 1");
                }
                lastHeard = System.nanoTime();
            }
        }
    }

    private void take(String payload) {
        try {
            liveUpdates.dispatch(wire.decode(payload));
        } catch (IllegalArgumentException unreadable) {
            // From a node of another release, or not from Parley; the reason never quotes the payload.
            log.warn("A live update was ignored: {}", unreadable.getMessage());
        }
    }

    /** A connection of its own, with the pool's settings, so listening never takes one from the pool. */
    private Connection open() throws SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        Properties properties = new Properties();
        if (pool.getDataSourceProperties() != null) {
            properties.putAll(pool.getDataSourceProperties());
        }
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "10");
        Connection connection = DriverManager.getConnection(pool.getJdbcUrl(), properties);
        connection.setAutoCommit(true);
        return connection;
    }
}
