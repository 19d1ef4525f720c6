package dev.weir.ingest.pull.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import dev.weir.ingest.pull.spi.PageState;

/**
 * The checkpoints of every stream partition ({@code ingest.stream_checkpoint}), advanced
 * one page at a time in one transaction with the page's fingerprint, the child partitions
 * it lists and the run's counts. State belongs to a sync: a row of another sync is reset
 * when the current one first touches it, so starting a new sync costs nothing.
 */
@Repository
class CheckpointRepository {

    private final JdbcClient jdbc;

    private final JdbcTemplate batch;

    private final TransactionTemplate transactions;

    private final FingerprintRepository fingerprints;

    private final RunRepository history;

    private final ReceivedPageRepository received;

    CheckpointRepository(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transactions,
            FingerprintRepository fingerprints, RunRepository history, ReceivedPageRepository received) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transactions = transactions;
        this.fingerprints = fingerprints;
        this.history = history;
        this.received = received;
    }

    /** Pages read but not yet done, which a commit forgets. */
    ReceivedPageRepository received() {
        return this.received;
    }

    /** A partition to register: its key and what it is bound to. */
    record Partition(String stream, String key, String bindingsJson) {
    }

    /**
     * What a page done changes.
     *
     * @param nextPage the state of the next page, or null when the partition is done
     * @param cursor the incremental cursor to keep (promoted from {@code cursorMax} when
     * the partition is done)
     * @param cursorMax the greatest cursor value seen in this sync
     * @param fingerprint the page's fingerprint, or null to remember nothing (a
     * dead-lettered page)
     * @param ttl how long the fingerprint lives; zero remembers nothing
     * @param children partitions of child streams the page lists
     */
    record PageCommit(String connector, UUID syncId, UUID runId, String stream, String partitionKey, PageState nextPage,
            String cursor, String cursorMax, RequestFingerprint fingerprint, String url, int records, Instant fetchedAt,
            Duration ttl, List<Partition> children, RunCounts counts) {
    }

    /**
     * The checkpoint of a stream pulled once, in this sync (created, or reset if it
     * belongs to another sync).
     */
    StreamCheckpoint root(String connector, String stream, UUID syncId) {
        register(connector, syncId, null, List.of(new Partition(stream, "", null)));
        return find(connector, stream, "");
    }

    /** Registers partitions in this sync, resetting those of another sync. */
    void register(String connector, UUID syncId, RequestFingerprint parent, List<Partition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        this.batch.batchUpdate(
                """
                        INSERT INTO ingest.stream_checkpoint (connector, stream, partition_key, sync_id, bindings, parent_fingerprint)
                        VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?)
                        ON CONFLICT (connector, stream, partition_key) DO UPDATE SET sync_id = excluded.sync_id,
                            bindings = excluded.bindings, parent_fingerprint = excluded.parent_fingerprint, pagination = NULL,
                            done = false, cursor_max = NULL, pages = 0, updated_at = now()
                        WHERE stream_checkpoint.sync_id <> excluded.sync_id
                        """,
                partitions, 500, (ps, partition) -> {
                    ps.setString(1, connector);
                    ps.setString(2, partition.stream());
                    ps.setString(3, partition.key());
                    ps.setObject(4, syncId);
                    ps.setString(5, partition.bindingsJson());
                    ps.setString(6, (parent != null) ? parent.value() : null);
                });
    }

    StreamCheckpoint find(String connector, String stream, String partitionKey) {
        return this.jdbc.sql("""
                SELECT stream, partition_key, sync_id, bindings::text, pagination::text, done, cursor, cursor_max, pages
                FROM ingest.stream_checkpoint WHERE connector = ? AND stream = ? AND partition_key = ?
                """).param(connector).param(stream).param(partitionKey).query(CheckpointRepository::row).single();
    }

    /**
     * Where each stream of a connector stands, in the streams' order of first checkpoint.
     */
    List<CheckpointSummary> summary(String connector) {
        return this.jdbc.sql("""
                SELECT stream, count(*), count(*) FILTER (WHERE done), coalesce(sum(pages), 0), max(cursor),
                       max(updated_at)
                FROM ingest.stream_checkpoint WHERE connector = ?
                GROUP BY stream ORDER BY min(updated_at), stream
                """)
            .param(connector)
            .query((rs, row) -> new CheckpointSummary(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                    rs.getString(5), (rs.getTimestamp(6) != null) ? rs.getTimestamp(6).toInstant() : null))
            .list();
    }

    /**
     * Partitions of a stream not yet done in this sync, in key order after {@code after}.
     */
    List<StreamCheckpoint> pending(String connector, String stream, UUID syncId, String after, int limit) {
        return this.jdbc.sql("""
                SELECT stream, partition_key, sync_id, bindings::text, pagination::text, done, cursor, cursor_max, pages
                FROM ingest.stream_checkpoint
                WHERE connector = ? AND stream = ? AND sync_id = ? AND NOT done AND partition_key > ?
                ORDER BY partition_key LIMIT ?
                """)
            .param(connector)
            .param(stream)
            .param(syncId)
            .param(after)
            .param(limit)
            .query(CheckpointRepository::row)
            .list();
    }

    /**
     * Marks a page done: the partition's next state, the fingerprint, the child
     * partitions and the run's counts, in one transaction.
     * @throws LostCheckpointException when the partition no longer belongs to this sync
     * (another run took over)
     */
    void commit(PageCommit commit) {
        this.transactions.executeWithoutResult((status) -> {
            advance(commit.connector(), commit.syncId(), commit.stream(), commit.partitionKey(), commit.nextPage(),
                    commit.cursor(), commit.cursorMax());
            if (commit.fingerprint() != null && !commit.ttl().isZero()) {
                this.fingerprints.save(commit.connector(), commit.fingerprint(), commit.stream(), commit.url(),
                        commit.nextPage(), commit.records(), commit.fetchedAt(), commit.ttl());
            }
            register(commit.connector(), commit.syncId(), commit.fingerprint(), commit.children());
            if (commit.fingerprint() != null) {
                this.received.forget(commit.connector(), commit.fingerprint());
            }
            this.history.count(commit.runId(), commit.counts());
        });
    }

    /**
     * Skips a page done recently: the partition moves to the page after it, and the child
     * partitions that page listed join this sync.
     */
    void skip(String connector, UUID syncId, UUID runId, String stream, String partitionKey,
            RequestFingerprint fingerprint, PageState nextPage, String cursor, RunCounts counts) {
        this.transactions.executeWithoutResult((status) -> {
            advance(connector, syncId, stream, partitionKey, nextPage, cursor, null);
            this.jdbc.sql("""
                    UPDATE ingest.stream_checkpoint SET sync_id = ?, pagination = NULL, done = false,
                        cursor_max = NULL, pages = 0, updated_at = now()
                    WHERE connector = ? AND parent_fingerprint = ? AND sync_id <> ?
                    """).param(syncId).param(connector).param(fingerprint.value()).param(syncId).update();
            this.history.count(runId, counts);
        });
    }

    private void advance(String connector, UUID syncId, String stream, String partitionKey, PageState nextPage,
            String cursor, String cursorMax) {
        int updated = this.jdbc.sql("""
                UPDATE ingest.stream_checkpoint SET pagination = CAST(? AS jsonb), done = ?, cursor = ?,
                    cursor_max = ?, pages = pages + 1, updated_at = now()
                WHERE connector = ? AND stream = ? AND partition_key = ? AND sync_id = ?
                """)
            .param(EngineJson.pageState(nextPage))
            .param(nextPage == null)
            .param(cursor)
            .param(cursorMax)
            .param(connector)
            .param(stream)
            .param(partitionKey)
            .param(syncId)
            .update();
        if (updated != 1) {
            throw new LostCheckpointException(
                    "the checkpoint of " + stream + " '" + partitionKey + "' no longer belongs to sync " + syncId);
        }
    }

    private static StreamCheckpoint row(ResultSet rs, int row) throws SQLException {
        return new StreamCheckpoint(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class),
                EngineJson.tree(rs.getString(4)), EngineJson.pageState(rs.getString(5)), rs.getBoolean(6),
                rs.getString(7), rs.getString(8), rs.getLong(9));
    }

    /** A checkpoint taken over by another sync: this run must stop. */
    static final class LostCheckpointException extends RuntimeException {

        LostCheckpointException(String message) {
            super(message);
        }

    }

}
