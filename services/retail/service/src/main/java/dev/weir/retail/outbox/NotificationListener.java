package dev.weir.retail.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Listens on channel {@link Outbox#CHANNEL} on a connection of its own, while its relay
 * leads, and wakes the relay when another process committed events (or an import did). A
 * connection that breaks is opened again after a pause; meanwhile the relay still polls.
 */
final class NotificationListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final JdbcConnectionDetails database;

    private final Runnable wake;

    private final Duration pause;

    private final Thread thread;

    private volatile boolean open = true;

    private volatile Connection connection;

    NotificationListener(JdbcConnectionDetails database, Runnable wake, Duration pause) {
        this.database = database;
        this.wake = wake;
        this.pause = pause;
        this.thread = Thread.ofPlatform().daemon().name("retail-outbox-listen").start(this::listen);
    }

    private void listen() {
        while (this.open) {
            try (Connection listening = LeaderConnection.connect(this.database, "outbox-listen")) {
                this.connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + Outbox.CHANNEL);
                }
                // events committed before LISTEN took effect are the relay's to poll for
                this.wake.run();
                PGConnection notifications = listening.unwrap(PGConnection.class);
                while (this.open) {
                    PGNotification[] received = notifications.getNotifications(1000);
                    if (received != null && received.length > 0) {
                        this.wake.run();
                    }
                }
            }
            catch (SQLException ex) {
                if (this.open) {
                    log.debug("Outbox notifications interrupted; polling until they are back", ex);
                    sleep(this.pause);
                }
            }
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.open = false;
        }
    }

    @Override
    public void close() {
        this.open = false;
        this.thread.interrupt();
        Connection listening = this.connection;
        if (listening != null) {
            try {
                listening.close();
            }
            catch (SQLException ex) {
                // it was broken already
            }
        }
        try {
            this.thread.join(Duration.ofSeconds(5));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
