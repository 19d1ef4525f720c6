package dev.weir.ingest.lake;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import dev.weir.platform.kafka.Envelope;

import dev.weir.ingest.system.IngestProperties;

/**
 * One cycle of the lake writer (docs/design/lake-commits.md §3): the records read since
 * the last commit, in a DuckDB staging table, grouped into buckets — topic, partition,
 * dataset, event date and hour. {@link #write} turns each bucket into one complete
 * Parquet file named by its first offset and says which offsets may then be committed.
 */
final class Staging implements AutoCloseable {

    private static final String RAW_PREFIX = "weir.raw.";

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * The cycle's events, read from the records' values: a Weir envelope (CloudEvents
     * JSON, specversion 1.0) gives its id, time, source, type, subject and data; any
     * other value is bare data, with the record's {@code weir-event-id} header (or
     * topic-partition-offset), its key and timestamp. Events are grouped by the UTC hour
     * of their time.
     */
    private static final String EVENTS = """
            CREATE OR REPLACE TEMP TABLE events AS
            SELECT topic, "partition", "offset", received_at, envelope,
                CASE WHEN envelope THEN a[2] ELSE coalesce(header_id, topic || '-' || "partition" || '-' || "offset")
                    END AS event_id,
                coalesce(CASE WHEN envelope THEN try_cast(a[3] AS TIMESTAMPTZ) END, received_at) AS event_time,
                CASE WHEN envelope THEN a[4] END AS source,
                CASE WHEN envelope THEN a[5] ELSE header_type END AS type,
                CASE WHEN envelope THEN a[6] ELSE "key" END AS subject,
                CASE WHEN envelope THEN coalesce(try(json_extract(text, '$.data'))::VARCHAR, a[7]) ELSE text END
                    AS data,
                date_trunc('hour', event_time AT TIME ZONE 'UTC') AS hour_utc
            FROM (SELECT *, coalesce(a[1] = '1.0', false) AS envelope FROM (
                SELECT *, try(json_extract_string(text,
                    ['$.specversion', '$.id', '$.time', '$.source', '$.type', '$.subject', '$.data_base64'])) AS a
                FROM (SELECT *, decode("value", 'replace') AS text FROM staging)))""";

    private final DuckDBConnection duck;

    private final Function<String, List<DatasetColumns.Column>> columns;

    private final String compression;

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
                    CREATE TABLE staging (topic VARCHAR, "partition" INTEGER, "offset" BIGINT,
                        received_at TIMESTAMPTZ, header_id VARCHAR, header_type VARCHAR, "key" VARCHAR,
                        "value" BLOB)""");
        }
        this.appender = this.duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "staging");
    }

    /**
     * Adds a record to the cycle (a tombstone only moves the offset). Nothing of its
     * value is parsed here: DuckDB reads the envelopes when the cycle is written.
     */
    void add(ConsumerRecord<String, byte[]> record) throws SQLException {
        if (this.next.isEmpty()) {
            this.firstAt = System.nanoTime();
        }
        this.next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        if (record.value() == null) {
            return;
        }
        this.appender.beginRow()
            .append(record.topic())
            .append(record.partition())
            .append(record.offset())
            .appendEpochMicros(Math.multiplyExact(record.timestamp(), 1000L));
        text(header(record, Envelope.EVENT_ID_HEADER));
        text(header(record, Envelope.EVENT_TYPE_HEADER));
        text(record.key());
        this.appender.append(record.value()).endRow();
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
        try (Statement sql = this.duck.createStatement()) {
            sql.execute(EVENTS);
            List<Bucket> buckets = new ArrayList<>();
            try (ResultSet found = sql.executeQuery("""
                    SELECT topic, "partition", strftime(hour_utc, '%Y-%m-%d %H'), min("offset"), count(*)
                    FROM events GROUP BY ALL ORDER BY ALL""")) {
                while (found.next()) {
                    buckets.add(new Bucket(found.getString(1), found.getInt(2),
                            LocalDateTime.parse(found.getString(3) + ":00:00", HOUR), found.getLong(4),
                            found.getLong(5)));
                }
            }
            for (Bucket bucket : buckets) {
                String dataset = dataset(bucket.topic());
                String file = bucket.file(dataset);
                Path staged = storage.stage(file);
                sql.execute("COPY (" + select(dataset, bucket) + ") TO '" + literal(staged.toString())
                        + "' (FORMAT parquet, COMPRESSION " + this.compression + ")");
                storage.publish(file, staged, bucket.rows());
                files.add(file);
                rowsByDataset.merge(dataset, bucket.rows(), Long::sum);
            }
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

    private String select(String dataset, Bucket bucket) {
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
            // try(): a record DuckDB cannot read as JSON (a lone surrogate escape)
            // lands with null typed columns rather than failing the cycle, and with
            // it every stream's way to the lake
            select.append(", try(json_extract_string(data, [")
                .append(typed.stream().map((c) -> "'" + literal(c.path()) + "'").collect(Collectors.joining(", ")))
                .append("])) AS j");
        }
        return select.append(" FROM events WHERE topic = '")
            .append(literal(bucket.topic()))
            .append("' AND \"partition\" = ")
            .append(bucket.partition())
            .append(" AND hour_utc = TIMESTAMP '")
            .append(bucket.hour().format(HOUR))
            .append("')")
            .toString();
    }

    private void text(String value) throws SQLException {
        if (value != null) {
            this.appender.append(value);
        }
        else {
            this.appender.appendNull();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return Envelope.header(record, name);
    }

    private static String literal(String text) {
        return text.replace("'", "''");
    }

    /**
     * The rows of one file: one topic partition's records of one event hour in a cycle.
     *
     * @param first the smallest offset among them, which names the file
     */
    record Bucket(String topic, int partition, LocalDateTime hour, long first, long rows) {

        /**
         * {@code <dataset>/date=YYYY-MM-DD/hour=HH/<topic>-<partition>-<first offset>.parquet}
         */
        String file(String dataset) {
            return "%s/date=%s/hour=%02d/%s-%d-%d.parquet".formatted(dataset, this.hour.toLocalDate(),
                    this.hour.getHour(), this.topic, this.partition, this.first);
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
