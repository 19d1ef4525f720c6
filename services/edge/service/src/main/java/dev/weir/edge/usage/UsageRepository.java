package dev.weir.edge.usage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Calls per caller in {@code edge.usage}, added to by every replica. */
@Repository
class UsageRepository {

    private final JdbcClient jdbc;

    UsageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(String subject, UsageView counts, Instant lastSeen) {
        this.jdbc.sql("""
                INSERT INTO edge.usage AS u (subject, requests, client_errors, server_errors, rate_limited, bytes_in,
                                        bytes_out, last_seen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (subject) DO UPDATE SET
                    requests = u.requests + EXCLUDED.requests,
                    client_errors = u.client_errors + EXCLUDED.client_errors,
                    server_errors = u.server_errors + EXCLUDED.server_errors,
                    rate_limited = u.rate_limited + EXCLUDED.rate_limited,
                    bytes_in = u.bytes_in + EXCLUDED.bytes_in,
                    bytes_out = u.bytes_out + EXCLUDED.bytes_out,
                    last_seen_at = GREATEST(u.last_seen_at, EXCLUDED.last_seen_at)
                """)
            .params(subject, counts.requests(), counts.clientErrors(), counts.serverErrors(), counts.rateLimited(),
                    counts.bytesIn(), counts.bytesOut(), Timestamp.from(lastSeen))
            .update();
    }

    List<UsageView> all() {
        return this.jdbc
            .sql("SELECT subject, requests, client_errors, server_errors, rate_limited, bytes_in, "
                    + "bytes_out, last_seen_at FROM edge.usage ORDER BY subject")
            .query((rs, n) -> new UsageView(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                    rs.getLong(6), rs.getLong(7), (rs.getTimestamp(8) != null) ? rs.getTimestamp(8).toInstant() : null))
            .list();
    }

}
