package dev.weir.analytics.pipeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The pipeline's bookkeeping in the warehouse: loaded batches, dead letters, counts, the
 * loader's offsets and the retail export's position.
 */
@Repository
class PipelineHealthRepository {

    private final JdbcClient jdbc;

    PipelineHealthRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The last batch of each dataset (through load_batch_dataset_idx). */
    Map<String, Object[]> lastBatches(List<String> datasets) {
        Map<String, Object[]> last = new LinkedHashMap<>();
        this.jdbc.sql("""
                SELECT d.dataset, b.loaded_at, b.max_event_time, b.max_freshness_ms,
                       (SELECT coalesce(sum(rows), 0) FROM warehouse.load_batch h
                        WHERE h.dataset = d.dataset AND h.loaded_at > now() - interval '1 hour')
                FROM unnest(CAST(:datasets AS text[])) AS d(dataset)
                LEFT JOIN LATERAL (SELECT * FROM warehouse.load_batch b WHERE b.dataset = d.dataset
                                   ORDER BY b.loaded_at DESC LIMIT 1) b ON true""")
            .param("datasets", datasets.toArray(String[]::new))
            .query((rs, n) -> last.put(rs.getString(1),
                    new Object[] { instant(rs, 2), instant(rs, 3), (Long) rs.getObject(4), rs.getLong(5) }))
            .list();
        return last;
    }

    /** Rows loaded per dataset and minute over the last 30 minutes. */
    Map<String, List<PipelineViews.MinuteRows>> perMinute() {
        Map<String, List<PipelineViews.MinuteRows>> rows = new LinkedHashMap<>();
        this.jdbc.sql("""
                SELECT dataset, date_trunc('minute', loaded_at), sum(rows) FROM warehouse.load_batch
                WHERE loaded_at > now() - interval '30 minutes' GROUP BY 1, 2 ORDER BY 1, 2""")
            .query((rs, n) -> rows.computeIfAbsent(rs.getString(1), (d) -> new ArrayList<>())
                .add(new PipelineViews.MinuteRows(instant(rs, 2), rs.getLong(3))))
            .list();
        return rows;
    }

    Map<String, PipelineViews.DeadLetters> deadLetters() {
        Map<String, List<PipelineViews.RuleCount>> byRule = new LinkedHashMap<>();
        Map<String, long[]> totals = new LinkedHashMap<>();
        this.jdbc.sql("""
                SELECT dataset, rule, count(*), count(*) FILTER (WHERE replayed_at IS NULL),
                       (array_agg(reason ORDER BY dead_at DESC))[1], max(dead_at)
                FROM warehouse.dead_letter GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2""").query((rs, n) -> {
            String dataset = rs.getString(1);
            byRule.computeIfAbsent(dataset, (d) -> new ArrayList<>())
                .add(new PipelineViews.RuleCount(rs.getString(2), rs.getLong(3), rs.getString(5), instant(rs, 6)));
            long[] total = totals.computeIfAbsent(dataset, (d) -> new long[2]);
            total[0] += rs.getLong(3);
            total[1] += rs.getLong(4);
            return null;
        }).list();
        Map<String, PipelineViews.DeadLetters> result = new LinkedHashMap<>();
        byRule.forEach((dataset, rules) -> result.put(dataset,
                new PipelineViews.DeadLetters(totals.get(dataset)[0], totals.get(dataset)[1], rules)));
        return result;
    }

    Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        this.jdbc.sql("SELECT dataset, counter, value FROM warehouse.pipeline_count ORDER BY 1, 2")
            .query((rs, n) -> counts.computeIfAbsent(rs.getString(1), (d) -> new LinkedHashMap<>())
                .put(rs.getString(2), rs.getLong(3)))
            .list();
        return counts;
    }

    /** The loader's next offset per topic and partition. */
    Map<String, Map<Integer, Long>> loaderOffsets() {
        Map<String, Map<Integer, Long>> offsets = new LinkedHashMap<>();
        this.jdbc.sql("SELECT topic, partition, next_offset FROM warehouse.loader_offset")
            .query((rs, n) -> offsets.computeIfAbsent(rs.getString(1), (t) -> new LinkedHashMap<>())
                .put(rs.getInt(2), rs.getLong(3)))
            .list();
        return offsets;
    }

    List<PipelineViews.ExportState> retailExport() {
        return this.jdbc.sql("SELECT * FROM warehouse.retail_export ORDER BY entity")
            .query((rs, n) -> new PipelineViews.ExportState(rs.getString("entity"), column(rs, "requested_at"),
                    column(rs, "started_at"), column(rs, "finished_at"), rs.getLong("rows_read")))
            .list();
    }

    /** A timestamp column that some versions of the table have and others not. */
    private static Instant column(ResultSet rs, String name) throws SQLException {
        try {
            rs.findColumn(name);
        }
        catch (SQLException ex) {
            return null;
        }
        Timestamp value = rs.getTimestamp(name);
        return (value != null) ? value.toInstant() : null;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return (value != null) ? value.toInstant() : null;
    }

}
