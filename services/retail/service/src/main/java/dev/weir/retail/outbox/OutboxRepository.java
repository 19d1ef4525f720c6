package dev.weir.retail.outbox;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outbox rows, as the service's own transactions see them. */
@Repository
class OutboxRepository {

    static final String INSERT = "INSERT INTO retail.outbox (type, event_key, subject, data) VALUES (?, ?, ?, ?::json)";

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String type, String key, String subject, String data) {
        this.jdbc.sql(INSERT).params(type, key, subject, data).update();
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
