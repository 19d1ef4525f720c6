package dev.weir.ingest.pull.run;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import dev.weir.ingest.pull.http.Upstream;
import tools.jackson.core.type.TypeReference;

/**
 * Pages received and read but not yet done ({@code ingest.page_received}): kept from the
 * moment a page is read until its checkpoint commit deletes it, so a run stopped before
 * Kafka acknowledged the page's records (a {@code kill -9}, Kafka down) leaves the page
 * to the next run, which publishes it without fetching it again. Only the requests in
 * flight when a run stops are then fetched again.
 */
@Repository
class ReceivedPageRepository {

    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    ReceivedPageRepository(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Keeps a page. Committed without waiting for the WAL flush: the copy only has to
     * outlive this process (a {@code kill -9}), not the database server, and the page's
     * next request waits for this; a copy lost with the server means a page fetched
     * again.
     */
    void keep(String connector, RequestFingerprint fingerprint, Upstream.Response response) {
        this.transactions.executeWithoutResult((status) -> {
            this.jdbc.sql("SET LOCAL synchronous_commit = off").update();
            insert(connector, fingerprint, response);
        });
    }

    private void insert(String connector, RequestFingerprint fingerprint, Upstream.Response response) {
        this.jdbc.sql("""
                INSERT INTO ingest.page_received (connector, fingerprint, status, headers, body)
                VALUES (?, ?, ?, CAST(? AS jsonb), ?)
                ON CONFLICT (connector, fingerprint) DO UPDATE
                SET status = EXCLUDED.status, headers = EXCLUDED.headers, body = EXCLUDED.body, received_at = now()
                """)
            .param(connector)
            .param(fingerprint.value())
            .param(response.status())
            .param(EngineJson.write(response.headers().map()))
            .param(response.body())
            .update();
    }

    /** A page kept within {@code maxAge} (the connector's fingerprint lifetime). */
    Optional<Upstream.Response> find(String connector, RequestFingerprint fingerprint, Duration maxAge) {
        if (maxAge.isZero()) {
            return Optional.empty();
        }
        return this.jdbc.sql("""
                SELECT status, headers::text, body FROM ingest.page_received
                WHERE connector = ? AND fingerprint = ? AND received_at > now() - CAST(? AS interval)
                """)
            .param(connector)
            .param(fingerprint.value())
            .param(maxAge.toSeconds() + " seconds")
            .query((rs, row) -> new Upstream.Response(rs.getInt(1),
                    HttpHeaders.of(EngineJson.STATE.readValue(rs.getString(2), HEADERS), (name, value) -> true),
                    rs.getBytes(3)))
            .optional();
    }

    /** Forgets a page (it is done, or a new sync fetches it again). */
    void forget(String connector, RequestFingerprint fingerprint) {
        this.jdbc.sql("DELETE FROM ingest.page_received WHERE connector = ? AND fingerprint = ?")
            .param(connector)
            .param(fingerprint.value())
            .update();
    }

    /** Deletes pages older than {@code age}: left by syncs that will not resume. */
    int purgeOlderThan(Duration age) {
        return this.jdbc.sql("DELETE FROM ingest.page_received WHERE received_at < now() - CAST(? AS interval)")
            .param(age.toSeconds() + " seconds")
            .update();
    }

}
