package dev.weir.ingest.push;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Idempotency keys of pushed batches ({@code ingest.idempotency_key}), each its caller's
 * own.
 */
@Repository
class IdempotencyKeyRepository {

    private final JdbcClient jdbc;

    IdempotencyKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(String requestHash, String state, Integer status, String answer, Instant createdAt) {
    }

    /**
     * Claims a key for a request: inserts it pending, or replaces an expired one. False
     * if a live one exists.
     */
    boolean claim(String stream, String caller, String key, String hash, Duration ttl) {
        return !this.jdbc.sql("""
                INSERT INTO ingest.idempotency_key (stream, caller, key, request_hash, state, expires_at)
                VALUES (?, ?, ?, ?, 'pending', now() + make_interval(secs => ?))
                ON CONFLICT (stream, caller, key) DO UPDATE SET request_hash = excluded.request_hash, state = 'pending',
                    status = NULL, answer = NULL, created_at = now(), expires_at = excluded.expires_at
                WHERE idempotency_key.expires_at < now()
                RETURNING 1
                """)
            .param(stream)
            .param(caller)
            .param(key)
            .param(hash)
            .param(ttl.toSeconds())
            .query(Integer.class)
            .list()
            .isEmpty();
    }

    Optional<Row> find(String stream, String caller, String key) {
        return this.jdbc.sql("""
                SELECT request_hash, state, status, answer, created_at FROM ingest.idempotency_key
                WHERE stream = ? AND caller = ? AND key = ?
                """).param(stream).param(caller).param(key).query(Row.class).optional();
    }

    /**
     * Takes over a pending key whose holder took longer than the lease; false if another
     * did.
     */
    boolean takeOver(String stream, String caller, String key, Instant createdAt) {
        return this.jdbc.sql("""
                UPDATE ingest.idempotency_key SET created_at = now()
                WHERE stream = ? AND caller = ? AND key = ? AND state = 'pending' AND created_at = ?
                """).param(stream).param(caller).param(key).param(java.sql.Timestamp.from(createdAt)).update() == 1;
    }

    void complete(String stream, String caller, String key, int status, String answer) {
        this.jdbc.sql(
                "UPDATE ingest.idempotency_key SET state = 'done', status = ?, answer = ? WHERE stream = ? AND caller = ? AND key = ?")
            .param(status)
            .param(answer)
            .param(stream)
            .param(caller)
            .param(key)
            .update();
    }

    void release(String stream, String caller, String key) {
        this.jdbc
            .sql("DELETE FROM ingest.idempotency_key WHERE stream = ? AND caller = ? AND key = ? AND state = 'pending'")
            .param(stream)
            .param(caller)
            .param(key)
            .update();
    }

    int purge(int batch) {
        return this.jdbc.sql("""
                DELETE FROM ingest.idempotency_key WHERE ctid IN (
                    SELECT ctid FROM ingest.idempotency_key WHERE expires_at < now() LIMIT ?)
                """).param(batch).update();
    }

}
