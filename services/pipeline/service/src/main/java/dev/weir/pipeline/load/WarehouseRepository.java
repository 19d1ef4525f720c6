package dev.weir.pipeline.load;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.kafka.common.TopicPartition;
import org.postgresql.PGConnection;
import org.springframework.stereotype.Repository;

import dev.weir.pipeline.spi.Table;

/**
 * Writes a {@link LoadBatch} into schema {@code warehouse} in one transaction: rows (COPY
 * into a staging table, one upsert per table), dead letters, counts, the batch's log
 * line, and the loader's offsets, moved only from where this loader believes they are.
 * Plain JDBC on one connection, because COPY needs the driver's API and the whole batch
 * must be one transaction.
 */
@Repository
class WarehouseRepository {

    private final DataSource dataSource;

    private final Map<String, String> upserts = new HashMap<>();

    WarehouseRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The stored next offset of each partition that has one.
     */
    Map<TopicPartition, Long> offsets(List<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        if (partitions.isEmpty()) {
            return offsets;
        }
        try (Connection connection = this.dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT next_offset FROM warehouse.loader_offset WHERE topic = ? AND partition = ?")) {
            for (TopicPartition partition : partitions) {
                select.setString(1, partition.topic());
                select.setInt(2, partition.partition());
                try (ResultSet result = select.executeQuery()) {
                    if (result.next()) {
                        offsets.put(partition, result.getLong(1));
                    }
                }
            }
        }
        return offsets;
    }

    /**
     * Loads the batch.
     * @param expected where this loader believes each partition of the batch stands (null
     * for a partition never loaded)
     * @param datasetOf the dataset of a table, to count its rows under
     * @return per table: rows inserted, updated and unchanged (same content, or older)
     * @throws OffsetMovedException when another loader moved an offset meanwhile (nothing
     * was written)
     */
    Map<Table, int[]> write(LoadBatch batch, Map<TopicPartition, Long> expected,
            java.util.function.Function<Table, String> datasetOf) throws SQLException {
        try (Connection connection = this.dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<Table, int[]> written = new LinkedHashMap<>();
                for (Map.Entry<Table, Map<String, LoadBatch.StagedRow>> table : batch.rows.entrySet()) {
                    written.put(table.getKey(), upsert(connection, batch, table.getKey(), table.getValue().values()));
                }
                long rest = System.nanoTime();
                written.forEach((table, counts) -> {
                    String dataset = datasetOf.apply(table);
                    batch.count(dataset, "loaded." + table.name() + ".inserted", counts[0]);
                    batch.count(dataset, "loaded." + table.name() + ".updated", counts[1]);
                    batch.count(dataset, "loaded." + table.name() + ".unchanged", counts[2]);
                });
                batch.deadLetters.forEach((letter) -> batch.count(letter.dataset(), "loaded.dead_letter", 1));
                deadLetters(connection, batch.deadLetters);
                counts(connection, batch.counts);
                batches(connection, batch);
                moveOffsets(connection, batch.nextOffsets, expected);
                connection.commit();
                batch.commitNanos = System.nanoTime() - rest;
                return written;
            }
            catch (SQLException | RuntimeException ex) {
                connection.rollback();
                throw ex;
            }
        }
    }

    private int[] upsert(Connection connection, LoadBatch batch, Table table,
            java.util.Collection<LoadBatch.StagedRow> rows) throws SQLException {
        long start = System.nanoTime();
        String stage = "stage_" + table.name();
        String columns = String.join(", ", table.columnNames());
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage + " (LIKE warehouse." + table.name()
                    + " INCLUDING DEFAULTS) ON COMMIT DELETE ROWS");
        }
        StringBuilder text = new StringBuilder(rows.size() * 128);
        for (LoadBatch.StagedRow row : rows) {
            text.append(String.join("\t", row.values())).append('\n');
        }
        try (Reader reader = new StringReader(text.toString())) {
            connection.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY " + stage + " (" + columns + ") FROM STDIN", reader);
        }
        catch (IOException ex) {
            throw new SQLException("COPY into " + stage + " failed", ex);
        }
        long staged = System.nanoTime();
        batch.stageNanos += staged - start;
        int inserted;
        int updated;
        try (Statement statement = connection.createStatement();
                ResultSet result = statement
                    .executeQuery(this.upserts.computeIfAbsent(table.name(), (t) -> upsertSql(table)))) {
            result.next();
            inserted = result.getInt(1);
            updated = result.getInt(2);
        }
        batch.upsertNanos += System.nanoTime() - staged;
        return new int[] { inserted, updated, rows.size() - inserted - updated };
    }

    /**
     * {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE} that changes a row only when
     * its content differs, and never with an older version; it answers one row: how many
     * rows it inserted and how many it updated (counted in the database, not sent back
     * one by one).
     */
    static String upsertSql(Table table) {
        String columns = String.join(", ", table.columnNames());
        List<String> content = table.columnNames()
            .stream()
            .filter((c) -> !table.key().contains(c) && !c.equals("received_at") && !c.equals(table.versionColumn()))
            .toList();
        List<String> updatable = table.columnNames().stream().filter((c) -> !table.key().contains(c)).toList();
        String set = updatable.stream().map((c) -> c + " = excluded." + c).collect(Collectors.joining(", "))
                + ", loaded_at = now()";
        String differs = content.isEmpty() ? "false"
                : "(" + content.stream().map((c) -> "t." + c).collect(Collectors.joining(", ")) + ") IS DISTINCT FROM ("
                        + content.stream().map((c) -> "excluded." + c).collect(Collectors.joining(", ")) + ")";
        String newer = (table.versionColumn() != null)
                ? " AND excluded." + table.versionColumn() + " >= t." + table.versionColumn() : "";
        return "WITH upserted AS (INSERT INTO warehouse." + table.name() + " AS t (" + columns + ") SELECT " + columns
                + " FROM stage_" + table.name() + " ON CONFLICT (" + String.join(", ", table.key()) + ") DO UPDATE SET "
                + set + " WHERE " + differs + newer + " RETURNING (xmax = 0) AS inserted) "
                + "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM upserted";
    }

    private void deadLetters(Connection connection, List<LoadBatch.DeadLetterRow> letters) throws SQLException {
        if (letters.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO warehouse.dead_letter (dataset, dlq_partition, dlq_offset, stage, rule, reason, dead_at,
                    original_topic, original_partition, original_offset, original_key, original_headers,
                    original_value, provenance, replay_of)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?)
                ON CONFLICT DO NOTHING""")) {
            for (LoadBatch.DeadLetterRow letter : letters) {
                insert.setString(1, letter.dataset());
                insert.setInt(2, letter.partition());
                insert.setLong(3, letter.offset());
                insert.setString(4, letter.stage());
                insert.setString(5, letter.rule());
                insert.setString(6, letter.reason());
                insert.setTimestamp(7, Timestamp.from(letter.deadAt()));
                insert.setString(8, letter.originalTopic());
                insert.setObject(9, letter.originalPartition());
                insert.setObject(10, letter.originalOffset());
                insert.setString(11, letter.originalKey());
                insert.setString(12, letter.originalHeaders());
                insert.setBytes(13, letter.originalValue());
                insert.setString(14, letter.provenance());
                insert.setString(15, letter.replayOf());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void counts(Connection connection, Map<String, Map<String, Long>> counts) throws SQLException {
        if (counts.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO warehouse.pipeline_count (dataset, counter, value) VALUES (?, ?, ?)
                ON CONFLICT (dataset, counter) DO UPDATE SET value = pipeline_count.value + excluded.value""")) {
            for (Map.Entry<String, Map<String, Long>> dataset : counts.entrySet()) {
                for (Map.Entry<String, Long> counter : dataset.getValue().entrySet()) {
                    upsert.setString(1, dataset.getKey());
                    upsert.setString(2, counter.getKey());
                    upsert.setLong(3, counter.getValue());
                    upsert.addBatch();
                }
            }
            upsert.executeBatch();
        }
    }

    private void batches(Connection connection, LoadBatch batch) throws SQLException {
        if (batch.datasets.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO warehouse.load_batch (dataset, rows, max_event_time, max_freshness_ms) VALUES (?, ?, ?, "
                        + "(extract(epoch FROM clock_timestamp() - ?::timestamptz) * 1000)::bigint)")) {
            for (Map.Entry<String, LoadBatch.DatasetLoad> dataset : batch.datasets.entrySet()) {
                java.time.Instant oldest = dataset.getValue().eventTimes.stream()
                    .min(java.util.Comparator.naturalOrder())
                    .orElse(dataset.getValue().maxEventTime);
                insert.setString(1, dataset.getKey());
                insert.setInt(2, dataset.getValue().rows);
                insert.setTimestamp(3, Timestamp.from(dataset.getValue().maxEventTime));
                insert.setTimestamp(4, Timestamp.from(oldest));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void moveOffsets(Connection connection, Map<TopicPartition, Long> next, Map<TopicPartition, Long> expected)
            throws SQLException {
        List<TopicPartition> moved = new ArrayList<>();
        try (PreparedStatement update = connection
            .prepareStatement("UPDATE warehouse.loader_offset SET next_offset = ?, updated_at = now() "
                    + "WHERE topic = ? AND partition = ? AND next_offset = ?");
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO warehouse.loader_offset (topic, partition, next_offset) VALUES (?, ?, ?) "
                                + "ON CONFLICT DO NOTHING")) {
            for (Map.Entry<TopicPartition, Long> partition : next.entrySet()) {
                TopicPartition tp = partition.getKey();
                Long from = expected.get(tp);
                int changed;
                if (from == null) {
                    insert.setString(1, tp.topic());
                    insert.setInt(2, tp.partition());
                    insert.setLong(3, partition.getValue());
                    changed = insert.executeUpdate();
                }
                else {
                    update.setLong(1, partition.getValue());
                    update.setString(2, tp.topic());
                    update.setInt(3, tp.partition());
                    update.setLong(4, from);
                    changed = update.executeUpdate();
                }
                if (changed != 1) {
                    moved.add(tp);
                }
            }
        }
        if (!moved.isEmpty()) {
            throw new OffsetMovedException(moved);
        }
    }

    /** Another loader moved these partitions' offsets: the batch must not be written. */
    static final class OffsetMovedException extends RuntimeException {

        OffsetMovedException(List<TopicPartition> partitions) {
            super("another loader moved the offsets of " + partitions);
        }

    }

}
