package dev.weir.ingest.pull.run;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.weir.ingest.pull.spi.PageState;

/**
 * Requests whose pages are done, by fingerprint, until they expire
 * ({@code ingest.request_fingerprint}). Each remembers the pagination state after its
 * page, so a run can skip a page and still know the next one. Nothing is kept in memory:
 * expired rows are deleted in batches.
 */
@Repository
class FingerprintRepository {

    private final JdbcClient jdbc;

    FingerprintRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A page done recently.
     *
     * @param nextPage the pagination state after it, or null when it was the last
     */
    record DonePage(PageState nextPage) {
    }

    /** The unexpired fingerprint, if the request's page is done. */
    Optional<DonePage> find(String connector, RequestFingerprint fingerprint) {
        return this.jdbc.sql("""
                SELECT next_page::text FROM ingest.request_fingerprint
                WHERE connector = ? AND fingerprint = ? AND expires_at > now()
                """)
            .param(connector)
            .param(fingerprint.value())
            .query((rs, row) -> new DonePage(EngineJson.pageState(rs.getString(1))))
            .optional();
    }

    /**
     * Records a page done (within the caller's transaction), expiring {@code ttl} from
     * now by the database's clock.
     */
    void save(String connector, RequestFingerprint fingerprint, String stream, String url, PageState nextPage,
            int records, Instant fetchedAt, java.time.Duration ttl) {
        this.jdbc.sql("""
                INSERT INTO ingest.request_fingerprint
                    (connector, fingerprint, stream, url, next_page, records, fetched_at, expires_at)
                VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?, now() + make_interval(secs => ?))
                ON CONFLICT (connector, fingerprint) DO UPDATE SET stream = excluded.stream, url = excluded.url,
                    next_page = excluded.next_page, records = excluded.records, fetched_at = excluded.fetched_at,
                    expires_at = excluded.expires_at
                """)
            .param(connector)
            .param(fingerprint.value())
            .param(stream)
            .param(url)
            .param(EngineJson.pageState(nextPage))
            .param(records)
            .param(java.sql.Timestamp.from(fetchedAt))
            .param(ttl.toMillis() / 1000.0)
            .update();
    }

    /**
     * Deletes expired fingerprints, {@code batch} rows per statement, until none is left.
     * @return how many were deleted
     */
    long purgeExpired(int batch) {
        long deleted = 0;
        int last;
        do {
            last = this.jdbc.sql("""
                    DELETE FROM ingest.request_fingerprint WHERE ctid = ANY (ARRAY(
                        SELECT ctid FROM ingest.request_fingerprint WHERE expires_at <= now() LIMIT ?))
                    """).param(batch).update();
            deleted += last;
        }
        while (last >= batch);
        return deleted;
    }

}
