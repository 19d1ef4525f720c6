package dev.weir.ingest.lake;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import dev.weir.ingest.system.IngestProperties;

/**
 * One cycle of the lake writer (docs/design/lake-commits.md §3): the records read since
 * the last commit, in a DuckDB staging table, grouped into buckets — topic, partition,
 * dataset, event date and hour. {@link #write} turns each bucket into one complete
 * Parquet file named by its first offset and says which offsets may then be committed.
 */
final class Staging implements AutoCloseable {

    private static final String RAW_PREFIX = "weir.raw.";

    private final DuckDBConnection duck;

    private final Function<String, List<DatasetColumns.Column>> columns;

    private final String compression;

    private final Map<BucketKey, Bucket> buckets = new LinkedHashMap<>();

    private final Map<TopicPartition, Long> next = new HashMap<>();

    private DuckDBAppender appender;

    private long rows;

    private long bytes;

    private long firstAt;

    /**
     * @param columns the typed columns of a dataset (empty: the data as one JSON column)
     */
    Staging(IngestProperties.Lake settings, Path spill, Function<String, List<DatasetColumns.Column>> columns)
            throws SQLException {
        this.duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        this.columns = columns;
        this.compression = settings.compression();
        try (Statement sql = this.duck.createStatement()) {
            sql.execute("SET threads = " + settings.threads());
            sql.execute("SET memory_limit = '" + settings.memoryLimit().toMegabytes() + "MB'");
            sql.execute("SET temp_directory = '" + literal(spill.toString()) + "'");
            sql.execute("""
                    CREATE TABLE staging (bucket INTEGER, topic VARCHAR, "partition" INTEGER, "offset" BIGINT,
                        received_at TIMESTAMPTZ, event_id VARCHAR, event_time TIMESTAMPTZ, source VARCHAR,
                        type VARCHAR, subject VARCHAR, data VARCHAR)""");
        }
        this.appender = this.duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "staging");
    }

    /** Adds a record to its bucket (a tombstone only moves the offset). */
    void add(ConsumerRecord<String, byte[]> record) throws SQLException {
        if (this.next.isEmpty()) {
            this.firstAt = System.nanoTime();
        }
        this.next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        if (record.value() == null) {
            return;
        }
        LakeRecord event = LakeRecord.of(record);
        LocalDateTime hour = LocalDateTime.ofInstant(event.time(), ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        BucketKey key = new BucketKey(record.topic(), record.partition(), dataset(record.topic()), hour);
        Bucket bucket = this.buckets.computeIfAbsent(key, (k) -> new Bucket(this.buckets.size(), record.offset()));
        bucket.rows++;
        this.appender.beginRow()
            .append(bucket.id)
            .append(record.topic())
            .append(record.partition())
            .append(record.offset())
            .appendEpochMicros(Math.multiplyExact(record.timestamp(), 1000L))
            .append(event.id())
            .appendEpochMicros(micros(event.time()));
        text(event.source());
        text(event.type());
        text(event.subject());
        this.appender.append(event.data()).endRow();
        this.rows++;
        this.bytes += record.value().length;
    }

    /** Records in this cycle. */
    long rows() {
        return this.rows;
    }

    /** Bytes of their values. */
    long bytes() {
        return this.bytes;
    }

    /** Nanoseconds since the cycle's first record was added (0 when empty). */
    long age() {
        return this.next.isEmpty() ? 0 : System.nanoTime() - this.firstAt;
    }

    /** Whether anything was read since the last write (records or tombstones). */
    boolean isEmpty() {
        return this.next.isEmpty();
    }

    /**
     * Writes every bucket as a complete file, then forgets the cycle.
     * @return the offsets that may now be committed, and what was written
     */
    Written write(LakeStorage storage) throws SQLException, IOException {
        this.appender.flush();
        List<String> files = new ArrayList<>();
        Map<String, Long> rowsByDataset = new HashMap<>();
        for (Map.Entry<BucketKey, Bucket> entry : this.buckets.entrySet()) {
            BucketKey key = entry.getKey();
            Bucket bucket = entry.getValue();
            String file = key.file(bucket.firstOffset);
            Path staged = storage.stage(file);
            try (Statement sql = this.duck.createStatement()) {
                sql.execute("COPY (" + select(key.dataset(), bucket.id) + ") TO '" + literal(staged.toString())
                        + "' (FORMAT parquet, COMPRESSION " + this.compression + ")");
            }
            storage.publish(file, staged, bucket.rows);
            files.add(file);
            rowsByDataset.merge(key.dataset(), bucket.rows, Long::sum);
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = this.next.entrySet()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, (e) -> new OffsetAndMetadata(e.getValue())));
        Written written = new Written(offsets, files, rowsByDataset, this.rows);
        discard();
        return written;
    }

    /** Forgets the cycle without writing it (its records will be read again). */
    void discard() throws SQLException {
        this.appender.close();
        this.appender = null;
        try (Statement sql = this.duck.createStatement()) {
            sql.execute("TRUNCATE staging");
        }
        this.appender = this.duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "staging");
        this.buckets.clear();
        this.next.clear();
        this.rows = 0;
        this.bytes = 0;
    }

    @Override
    public void close() throws SQLException {
        try {
            if (this.appender != null) {
                this.appender.close();
            }
        }
        finally {
            this.duck.close();
        }
    }

    /** The dataset of a topic: {@code weir.raw.<dataset>}, or the topic itself. */
    static String dataset(String topic) {
        return topic.startsWith(RAW_PREFIX) ? topic.substring(RAW_PREFIX.length()) : topic;
    }

    private String select(String dataset, int bucket) {
        List<DatasetColumns.Column> typed = this.columns.apply(dataset);
        StringBuilder select = new StringBuilder("SELECT ");
        if (typed.isEmpty()) {
            select.append("data, ");
        }
        for (int i = 0; i < typed.size(); i++) {
            DatasetColumns.Column column = typed.get(i);
            String value = "j[" + (i + 1) + "]";
            select.append(column.type().equals("VARCHAR") ? value : "TRY_CAST(" + value + " AS " + column.type() + ")")
                .append(" AS \"")
                .append(column.name())
                .append("\", ");
        }
        select.append("event_id AS _event_id, event_time AS _event_time, source AS _source, type AS _type, ")
            .append("subject AS _subject, topic AS _topic, \"partition\" AS _partition, \"offset\" AS _offset, ")
            .append("received_at AS _received_at FROM (SELECT *");
        if (!typed.isEmpty()) {
            select.append(", json_extract_string(data, [")
                .append(typed.stream().map((c) -> "'" + literal(c.path()) + "'").collect(Collectors.joining(", ")))
                .append("]) AS j");
        }
        return select.append(" FROM staging WHERE bucket = ").append(bucket).append(")").toString();
    }

    private void text(String value) throws SQLException {
        if (value != null) {
            this.appender.append(value);
        }
        else {
            this.appender.appendNull();
        }
    }

    private static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1000);
    }

    private static String literal(String text) {
        return text.replace("'", "''");
    }

    /** Where a record's row goes: one file per key and cycle. */
    record BucketKey(String topic, int partition, String dataset, LocalDateTime hour) {

        /**
         * {@code <dataset>/date=YYYY-MM-DD/hour=HH/<topic>-<partition>-<first offset>.parquet}
         */
        String file(long firstOffset) {
            return "%s/date=%s/hour=%02d/%s-%d-%d.parquet".formatted(this.dataset, this.hour.toLocalDate(),
                    this.hour.getHour(), this.topic, this.partition, firstOffset);
        }

    }

    private static final class Bucket {

        private final int id;

        private final long firstOffset;

        private long rows;

        Bucket(int id, long firstOffset) {
            this.id = id;
            this.firstOffset = firstOffset;
        }

    }

    /**
     * A cycle written.
     *
     * @param offsets what to commit
     * @param files the files written (keys)
     * @param rowsByDataset rows written per dataset
     * @param records records read (rows plus tombstones)
     */
    record Written(Map<TopicPartition, OffsetAndMetadata> offsets, List<String> files, Map<String, Long> rowsByDataset,
            long records) {
    }

}
