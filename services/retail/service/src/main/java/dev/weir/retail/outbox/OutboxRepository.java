package dev.weir.retail.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox rows as writers see them: one insert, run in the service's transactions or
 * on the connection of the bulk import's, and the backlog.
 */
@Repository
class OutboxRepository {

    /** The one statement that writes an event. */
    static final String INSERT = "INSERT INTO retail.outbox (type, event_key, subject, data) VALUES (?, ?, ?, ?::json)";

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes an event in the current (Spring) transaction. */
    void insert(RetailEvent event, String key, String subject, String data) {
        this.jdbc.sql(INSERT).params(event.type(), key, subject, data).update();
    }

    /** Writes an event on a connection in the transaction the caller owns. */
    static void insert(Connection connection, RetailEvent event, String key, String subject, String data)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, event.type());
            insert.setString(2, key);
            insert.setString(3, subject);
            insert.setString(4, data);
            insert.executeUpdate();
        }
    }

    /**
     * Has PostgreSQL wake the relay when the connection's transaction commits
     * ({@code NOTIFY} is delivered at the commit).
     */
    static void notifyRelay(Connection connection) throws SQLException {
        try (Statement notify = connection.createStatement()) {
            notify.execute("NOTIFY " + Outbox.CHANNEL);
        }
    }

    /**
     * How many events wait to be published, and how long the oldest of them has waited.
     */
    Backlog backlog() {
        return this.jdbc.sql("""
                SELECT (SELECT count(*) FROM retail.outbox WHERE published_at IS NULL),
                       (SELECT occurred_at FROM retail.outbox WHERE published_at IS NULL ORDER BY id LIMIT 1),
                       clock_timestamp()
                """).query((rs, row) -> {
            OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
            OffsetDateTime now = rs.getObject(3, OffsetDateTime.class);
            Duration lag = (oldest != null) ? Duration.between(oldest, now) : Duration.ZERO;
            return new Backlog(rs.getLong(1), lag.isNegative() ? Duration.ZERO : lag);
        }).single();
    }

    /**
     * @param events unpublished events
     * @param lag how long ago the oldest unpublished event was written; zero when there
     * is none
     */
    record Backlog(long events, Duration lag) {
    }

}
