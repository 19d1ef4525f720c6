package dev.weir.pipeline.dlq;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Dead letters as loaded into {@code warehouse.dead_letter}. */
@Repository
class DeadLetterRepository {

    private static final String COLUMNS = "dataset, dlq_partition, dlq_offset, stage, rule, reason, dead_at, "
            + "original_topic, original_partition, original_offset, original_key, original_headers::text, "
            + "original_value, provenance::text, replay_of, replayed_at, replay_count";

    private final JdbcClient jdbc;

    DeadLetterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts by dataset and rule. */
    List<Map.Entry<String, Map.Entry<String, Long>>> counts() {
        return this.jdbc
            .sql("SELECT dataset, rule, count(*) FROM warehouse.dead_letter GROUP BY dataset, rule "
                    + "ORDER BY dataset, rule")
            .query((rs, n) -> Map.entry(rs.getString(1), Map.entry(rs.getString(2), rs.getLong(3))))
            .list();
    }

    /** A page of a dataset's dead letters in DLQ order, after (partition, offset). */
    List<StoredDeadLetter> list(String dataset, String rule, int afterPartition, long afterOffset, int limit) {
        return this.jdbc
            .sql("SELECT " + COLUMNS + " FROM warehouse.dead_letter WHERE dataset = :dataset "
                    + "AND (:rule::text IS NULL OR rule = :rule) AND (dlq_partition, dlq_offset) > (:p, :o) "
                    + "ORDER BY dlq_partition, dlq_offset LIMIT :limit")
            .param("dataset", dataset)
            .param("rule", rule)
            .param("p", afterPartition)
            .param("o", afterOffset)
            .param("limit", limit)
            .query((rs, n) -> row(rs))
            .list();
    }

    Optional<StoredDeadLetter> get(String dataset, int partition, long offset) {
        return this.jdbc
            .sql("SELECT " + COLUMNS + " FROM warehouse.dead_letter WHERE dataset = ? "
                    + "AND dlq_partition = ? AND dlq_offset = ?")
            .params(dataset, partition, offset)
            .query((rs, n) -> row(rs))
            .optional();
    }

    /** Every dead letter of a dataset under a rule, or all of them (rule null). */
    List<StoredDeadLetter> byRule(String dataset, String rule) {
        return list(dataset, rule, -1, -1, 1_000_000);
    }

    void replayed(StoredDeadLetter letter) {
        this.jdbc
            .sql("UPDATE warehouse.dead_letter SET replayed_at = now(), replay_count = replay_count + 1 "
                    + "WHERE dataset = ? AND dlq_partition = ? AND dlq_offset = ?")
            .params(letter.dataset(), letter.partition(), letter.offset())
            .update();
    }

    private static StoredDeadLetter row(ResultSet rs) throws SQLException {
        java.sql.Timestamp replayed = rs.getTimestamp(16);
        return new StoredDeadLetter(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8), (Integer) rs.getObject(9),
                (Long) rs.getObject(10), rs.getString(11), rs.getString(12), rs.getBytes(13), rs.getString(14),
                rs.getString(15), (replayed != null) ? replayed.toInstant() : null, rs.getInt(17));
    }

    /** A dead letter as stored. */
    record StoredDeadLetter(String dataset, int partition, long offset, String stage, String rule, String reason,
            Instant deadAt, String originalTopic, Integer originalPartition, Long originalOffset, String originalKey,
            String originalHeaders, byte[] originalValue, String provenance, String replayOf, Instant replayedAt,
            int replayCount) {

        String id() {
            return this.partition + "-" + this.offset;
        }

    }

}
