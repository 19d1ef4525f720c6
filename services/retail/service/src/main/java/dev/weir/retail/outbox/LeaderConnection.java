package dev.weir.retail.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The relay's own connection to PostgreSQL, outside the pool: it holds the session
 * advisory lock that makes its holder the one relay of the cluster, and it is the one
 * connection the relay reads and marks rows on. When it breaks, the lock is gone with it,
 * and so is every later mark: a relay that lost its connection cannot mark anything.
 */
final class LeaderConnection implements AutoCloseable {

    /** The advisory lock of the relay: "weir" and 1. */
    static final long LOCK = 0x7765697200000001L;

    private final Connection connection;

    private LeaderConnection(Connection connection) {
        this.connection = connection;
    }

    static LeaderConnection open(JdbcConnectionDetails database, String purpose) throws SQLException {
        Connection connection = connect(database, purpose);
        try (var statement = connection.createStatement()) {
            // The marks need not wait for the WAL flush: marks lost in a PostgreSQL crash
            // leave rows that are in Kafka unmarked, and the relay that leads next finds
            // them there (PublishedTail) before it sends anything.
            statement.execute("SET synchronous_commit = off");
        }
        catch (SQLException ex) {
            connection.close();
            throw ex;
        }
        return new LeaderConnection(connection);
    }

    /**
     * A connection of its own, named in {@code pg_stat_activity}, with TCP keepalives so
     * a dead peer is noticed, and a socket timeout so a hung server is.
     */
    static Connection connect(JdbcConnectionDetails database, String purpose) throws SQLException {
        Properties properties = new Properties();
        if (database.getUsername() != null) {
            properties.setProperty("user", database.getUsername());
        }
        if (database.getPassword() != null) {
            properties.setProperty("password", database.getPassword());
        }
        properties.setProperty("ApplicationName", "weir-retail-" + purpose);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("socketTimeout", "60");
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(database.getJdbcUrl(), properties);
    }

    /** Takes the relay's lock if no other session holds it; true if this one does now. */
    boolean tryLead() throws SQLException {
        try (PreparedStatement lock = this.connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The oldest unpublished events, in id order. */
    List<OutboxRow> unpublished(int limit) throws SQLException {
        try (PreparedStatement select = this.connection.prepareStatement("""
                SELECT id, event_id, type, event_key, subject, data::text, occurred_at
                FROM retail.outbox WHERE published_at IS NULL ORDER BY id LIMIT ?
                """)) {
            select.setInt(1, limit);
            List<OutboxRow> rows = new ArrayList<>(Math.min(limit, 1024));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)));
                }
            }
            return rows;
        }
    }

    /** Marks events published that Kafka acknowledged. */
    void markPublished(Collection<OutboxRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement mark = this.connection.prepareStatement(
                "UPDATE retail.outbox SET published_at = clock_timestamp() WHERE id = ANY(?) AND published_at IS NULL")) {
            mark.setArray(1, ids(rows.stream().map(OutboxRow::id).toList()));
            mark.executeUpdate();
        }
    }

    /**
     * Marks published the unpublished events found in Kafka: a row counts only if both
     * its id and its event id match a record's headers, so records of another database
     * (whose ids also start at 1) never mark anything. Returns how many rows it marked.
     */
    int markFoundInKafka(Collection<PublishedTail.Found> found) throws SQLException {
        if (found.isEmpty()) {
            return 0;
        }
        try (PreparedStatement mark = this.connection.prepareStatement("""
                UPDATE retail.outbox o SET published_at = clock_timestamp()
                FROM unnest(?::bigint[], ?::uuid[]) AS k(id, event_id)
                WHERE o.id = k.id AND o.event_id = k.event_id AND o.published_at IS NULL
                """)) {
            mark.setArray(1, ids(found.stream().map(PublishedTail.Found::id).toList()));
            mark.setArray(2,
                    this.connection.createArrayOf("uuid", found.stream().map(PublishedTail.Found::eventId).toArray()));
            return mark.executeUpdate();
        }
    }

    /**
     * Deletes the events among the {@code limit} oldest rows that were published longer
     * than {@code retention} ago; returns how many it deleted. It looks at the oldest
     * rows only (by id, through the primary key), so it never scans the table: rows are
     * published in about id order, and one that is not yet published keeps its place and
     * is deleted on a later round.
     */
    int deletePublished(Duration retention, int limit) throws SQLException {
        try (PreparedStatement delete = this.connection.prepareStatement("""
                DELETE FROM retail.outbox WHERE id IN (
                    SELECT id FROM (SELECT id, published_at FROM retail.outbox ORDER BY id LIMIT ?) oldest
                    WHERE published_at < clock_timestamp() - ? * interval '1 millisecond')
                """)) {
            delete.setInt(1, limit);
            delete.setLong(2, retention.toMillis());
            return delete.executeUpdate();
        }
    }

    private Array ids(List<Long> ids) throws SQLException {
        return this.connection.createArrayOf("bigint", ids.toArray());
    }

    @Override
    public void close() {
        try {
            this.connection.close();
        }
        catch (SQLException ex) {
            // closing a broken connection: the server ends the session, and the lock
        }
    }

}
