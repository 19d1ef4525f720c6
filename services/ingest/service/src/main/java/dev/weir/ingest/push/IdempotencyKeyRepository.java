package dev.weir.ingest.push;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Idempotency keys of pushed batches ({@code ingest.idempotency_key}). */
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
    boolean claim(String stream, String key, String hash, Duration ttl) {
        return !this.jdbc.sql("""
                INSERT INTO ingest.idempotency_key (stream, key, request_hash, state, expires_at)
                VALUES (?, ?, ?, 'pending', now() + make_interval(secs => ?))
                ON CONFLICT (stream, key) DO UPDATE SET request_hash = excluded.request_hash, state = 'pending',
                    status = NULL, answer = NULL, created_at = now(), expires_at = excluded.expires_at
                WHERE idempotency_key.expires_at < now()
                RETURNING 1
                """).param(stream).param(key).param(hash).param(ttl.toSeconds()).query(Integer.class).list().isEmpty();
    }

    Optional<Row> find(String stream, String key) {
        return this.jdbc.sql("""
                SELECT request_hash, state, status, answer, created_at FROM ingest.idempotency_key
                WHERE stream = ? AND key = ?
                """).param(stream).param(key).query(Row.class).optional();
    }

    /**
     * Takes over a pending key whose holder took longer than the lease; false if another
     * did.
     */
    boolean takeOver(String stream, String key, Instant createdAt) {
        return this.jdbc.sql("""
                UPDATE ingest.idempotency_key SET created_at = now()
                WHERE stream = ? AND key = ? AND state = 'pending' AND created_at = ?
                """).param(stream).param(key).param(java.sql.Timestamp.from(createdAt)).update() == 1;
    }

    void complete(String stream, String key, int status, String answer) {
        this.jdbc.sql(
                "UPDATE ingest.idempotency_key SET state = 'done', status = ?, answer = ? WHERE stream = ? AND key = ?")
            .param(status)
            .param(answer)
            .param(stream)
            .param(key)
            .update();
    }

    void release(String stream, String key) {
        this.jdbc.sql("DELETE FROM ingest.idempotency_key WHERE stream = ? AND key = ? AND state = 'pending'")
            .param(stream)
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
