package dev.apscheduler.spring.boot.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wake-ups across instances through PostgreSQL's {@code LISTEN}/{@code NOTIFY}: every add, replacement or
 * modification of a job sends a notification on the channel {@value #CHANNEL} in the same transaction (so it is
 * delivered on commit, and not at all after a rollback), carrying the schema of the store's table and the writing
 * store instance's id; one connection per data source listens for all the store instances on it, and wakes each
 * one's scheduler when another instance of a store on the same table changed something. Removals and acquire steps
 * make nothing due sooner and notify no one. On another database, or without PostgreSQL's JDBC driver, nothing is
 * sent or listened to, and {@code max-wait} bounds how late another instance's change is seen; so it does while the
 * listening connection is being opened again after a failure (every second).
 */
final class PostgresNotifications {

    /** The channel notifications go to. */
    static final String CHANNEL = "apscheduler_jobs";

    /** Sends a notification: the store's schema and the writing store instance's id. */
    private static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', current_schema() || '|' || ?)";

    private static final Logger logger = LoggerFactory.getLogger(PostgresNotifications.class);

    private static final Duration RETRY = Duration.ofSeconds(1);

    private static final int POLL_MILLIS = 500;

    /** One listening connection per data source, whatever the number of stores on it. */
    private static final Map<DataSource, PostgresNotifications> listeners = new HashMap<>();

    private final DataSource dataSource;

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    private final Thread thread;

    private volatile boolean running = true;

    private volatile State state = State.STARTING;

    private PostgresNotifications(DataSource dataSource) {
        this.dataSource = dataSource;
        this.thread = new Thread(this::run, "apscheduler-postgres-notifications");
        this.thread.setDaemon(true);
    }

    /**
     * Subscribes a store instance to the changes other instances make, through the listener of its data source,
     * started with the first subscription (in a thread of its own, which first checks that the database is
     * PostgreSQL) and stopped with the last.
     * @param dataSource the store's data source; one of its connections is held while anyone listens
     * @param origin the store instance's id, whose own notifications do not wake it
     * @param wakeup wakes the store instance's scheduler
     * @param store names the store in log messages
     * @return the subscription
     */
    static Subscription subscribe(DataSource dataSource, String origin, Runnable wakeup, Supplier<String> store) {
        synchronized (listeners) {
            PostgresNotifications listener = listeners.computeIfAbsent(dataSource, PostgresNotifications::new);
            Subscription subscription = listener.new Subscription(origin, wakeup, store);
            listener.subscriptions.add(subscription);
            if (listener.thread.getState() == Thread.State.NEW) {
                listener.thread.start();
            }
            return subscription;
        }
    }

    private void run() {
        while (this.running) {
            try (Connection connection = this.dataSource.getConnection()) {
                if (!isPostgres(connection)) {
                    this.state = State.UNSUPPORTED;
                    logger.debug("{}: the database is not PostgreSQL; changes made by other instances are seen "
                            + "within max-wait", describe());
                    return;
                }
                String schema = currentSchema(connection);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                this.state = State.LISTENING;
                logger.debug("{}: listening for changes of other instances on '{}'", describe(), CHANNEL);
                PGConnection postgres = connection.unwrap(PGConnection.class);
                String prefix = schema + "|";
                try {
                    while (this.running) {
                        PGNotification[] received = postgres.getNotifications(POLL_MILLIS);
                        if (received != null) {
                            dispatch(received, prefix);
                        }
                    }
                }
                finally {
                    unlisten(connection);
                }
            }
            catch (SQLException | RuntimeException ex) {
                if (this.running) {
                    this.state = State.RETRYING;
                    logger.debug("{}: listening for changes failed, trying again in {}: {}", describe(), RETRY,
                            ex.getMessage());
                    sleep();
                }
            }
        }
    }

    /**
     * Wakes every subscriber for which a notification of a store on the same table came from another instance, once
     * per batch.
     */
    private void dispatch(PGNotification[] received, String prefix) {
        for (Subscription subscription : this.subscriptions) {
            String own = prefix + subscription.origin;
            for (PGNotification notification : received) {
                String payload = notification.getParameter();
                if (payload != null && payload.startsWith(prefix) && !payload.equals(own)) {
                    subscription.wakeup.run();
                    break;
                }
            }
        }
    }

    private String describe() {
        return this.subscriptions.stream().findFirst().map((subscription) -> subscription.store.get())
            .orElse("jpa job store");
    }

    /**
     * Stops listening on a connection that goes back to its pool, so that it does not collect notifications there.
     */
    private static void unlisten(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN " + CHANNEL);
        }
        catch (SQLException ex) {
            logger.debug("Could not stop listening on '{}': {}", CHANNEL, ex.getMessage());
        }
    }

    private static boolean isPostgres(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).equals("postgresql")
                && connection.isWrapperFor(PGConnection.class);
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_schema()")) {
            result.next();
            return String.valueOf(result.getString(1));
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.running = false;
        }
    }

    private void stop() {
        this.running = false;
        this.thread.interrupt();
        try {
            this.thread.join(RETRY.toMillis() * 2);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A store instance's subscription to the changes other instances make.
     */
    final class Subscription {

        private final String origin;

        private final Runnable wakeup;

        private final Supplier<String> store;

        private Subscription(String origin, Runnable wakeup, Supplier<String> store) {
            this.origin = origin;
            this.wakeup = wakeup;
            this.store = store;
        }

        /**
         * Tells what the data source's listener does.
         */
        State state() {
            return PostgresNotifications.this.state;
        }

        /**
         * Sends the notification of a change, in the transaction of the entity manager given, once the listener
         * has found the database to be PostgreSQL: a plain statement on the transaction's connection, since a
         * native query costs Hibernate more than the database's work.
         * @param entityManager the change's entity manager
         */
        void announce(EntityManager entityManager) {
            State state = PostgresNotifications.this.state;
            if (state == State.LISTENING || state == State.RETRYING) {
                entityManager.unwrap(Session.class).doWork((connection) -> {
                    try (PreparedStatement notify = connection.prepareStatement(NOTIFY)) {
                        notify.setString(1, this.origin);
                        notify.executeQuery().close();
                    }
                });
            }
        }

        /**
         * Ends the subscription; the last one stops the listener and releases its connection.
         */
        void cancel() {
            PostgresNotifications listener = PostgresNotifications.this;
            boolean last;
            synchronized (listeners) {
                listener.subscriptions.remove(this);
                last = listener.subscriptions.isEmpty();
                if (last) {
                    listeners.remove(listener.dataSource, listener);
                }
            }
            if (last) {
                listener.stop();
            }
        }

    }

    /**
     * What a listener does.
     */
    enum State {

        /** Opening its connection for the first time. */
        STARTING,

        /** Listening on its connection. */
        LISTENING,

        /** Waiting to open its connection again after a failure. */
        RETRYING,

        /** Not listening: the database is not PostgreSQL. */
        UNSUPPORTED

    }

}
