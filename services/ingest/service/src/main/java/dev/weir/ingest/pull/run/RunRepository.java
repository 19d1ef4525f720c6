package dev.weir.ingest.pull.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The runs of every connector ({@code ingest.run}), with their counts and reports. */
@Repository
class RunRepository {

    private static final String COLUMNS = """
            id, connector, sync_id, trigger, scheduled_for, refetch, status, host, started_at, finished_at,
            pages, pages_skipped, records, retries, rate_limited, dead_letters, error, report::text""";

    private final JdbcClient jdbc;

    RunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A run as stored. */
    record RunRow(UUID id, String connector, UUID syncId, String trigger, Instant scheduledFor, boolean refetch,
            RunStatus status, String host, Instant startedAt, Instant finishedAt, long pages, long pagesSkipped,
            long records, long retries, long rateLimited, long deadLetters, String error, String report) {
    }

    /**
     * Records a run's start.
     * @return false when a run for the same schedule fire time exists already
     */
    boolean start(UUID id, String connector, UUID syncId, RunRequest request, String host, Instant startedAt) {
        try {
            this.jdbc
                .sql("""
                        INSERT INTO ingest.run (id, connector, sync_id, trigger, scheduled_for, refetch, status, host, started_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?)
                        """)
                .param(id)
                .param(connector)
                .param(syncId)
                .param(request.trigger().label())
                .param((request.scheduledFor() != null) ? Timestamp.from(request.scheduledFor()) : null)
                .param(request.refetch())
                .param(host)
                .param(Timestamp.from(startedAt))
                .update();
            return true;
        }
        catch (DuplicateKeyException ex) {
            return false;
        }
    }

    /** The counts so far (within a page's transaction); counts only grow. */
    void count(UUID id, RunCounts counts) {
        this.jdbc.sql("""
                UPDATE ingest.run SET pages = GREATEST(pages, ?), pages_skipped = GREATEST(pages_skipped, ?),
                    records = GREATEST(records, ?), retries = GREATEST(retries, ?),
                    rate_limited = GREATEST(rate_limited, ?), dead_letters = GREATEST(dead_letters, ?)
                WHERE id = ?
                """)
            .param(counts.pages())
            .param(counts.pagesSkipped())
            .param(counts.records())
            .param(counts.retries())
            .param(counts.rateLimited())
            .param(counts.deadLetters())
            .param(id)
            .update();
    }

    void finish(UUID id, RunStatus status, String error, RunCounts counts, String report, Instant finishedAt) {
        count(id, counts);
        this.jdbc.sql("""
                UPDATE ingest.run SET status = ?, error = ?, report = CAST(? AS jsonb), finished_at = ? WHERE id = ?
                """)
            .param(status.label())
            .param(error)
            .param(report)
            .param(Timestamp.from(finishedAt))
            .param(id)
            .update();
    }

    /** Marks runs of a connector still 'running' as interrupted (their process died). */
    int interruptRunning(String connector, Instant now) {
        return this.jdbc.sql("""
                UPDATE ingest.run SET status = 'interrupted', finished_at = ?,
                    error = 'the run ended without finishing (its process stopped or was killed)'
                WHERE connector = ? AND status = 'running'
                """).param(Timestamp.from(now)).param(connector).update();
    }

    Optional<RunRow> latest(String connector) {
        return this.jdbc
            .sql("SELECT " + COLUMNS + " FROM ingest.run WHERE connector = ? ORDER BY started_at DESC LIMIT 1")
            .param(connector)
            .query(RunRepository::row)
            .optional();
    }

    List<RunRow> list(String connector, int limit) {
        return this.jdbc
            .sql("SELECT " + COLUMNS + " FROM ingest.run WHERE connector = ? ORDER BY started_at DESC LIMIT ?")
            .param(connector)
            .param(limit)
            .query(RunRepository::row)
            .list();
    }

    Optional<RunRow> find(UUID id) {
        return this.jdbc.sql("SELECT " + COLUMNS + " FROM ingest.run WHERE id = ?")
            .param(id)
            .query(RunRepository::row)
            .optional();
    }

    Optional<Instant> lastSuccess(String connector) {
        return this.jdbc.sql("SELECT max(finished_at) FROM ingest.run WHERE connector = ? AND status = 'succeeded'")
            .param(connector)
            .query((rs, row) -> instant(rs.getTimestamp(1)))
            .list()
            .stream()
            .filter(java.util.Objects::nonNull)
            .findFirst();
    }

    private static RunRow row(ResultSet rs, int row) throws SQLException {
        return new RunRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                instant(rs.getTimestamp(5)), rs.getBoolean(6), RunStatus.of(rs.getString(7)), rs.getString(8),
                instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)), rs.getLong(11), rs.getLong(12),
                rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getString(17), rs.getString(18));
    }

    private static Instant instant(Timestamp timestamp) {
        return (timestamp != null) ? timestamp.toInstant() : null;
    }

}
