package dev.weir.pipeline.load;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.weir.pipeline.clean.CleanRecords;
import dev.weir.pipeline.spi.Table;
import dev.weir.pipeline.system.Datasets;
import dev.weir.pipeline.system.PipelineTopics;
import dev.weir.platform.kafka.Envelope;

/**
 * One poll's records, sorted for the warehouse: rows per table (the last version of each
 * key, or the newest by the table's version column), dead letters, tallies, and where
 * each partition stands after the batch.
 */
final class LoadBatch {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final Map<Table, Map<String, StagedRow>> rows = new LinkedHashMap<>();

    final List<DeadLetterRow> deadLetters = new ArrayList<>();

    final Map<String, Map<String, Long>> counts = new LinkedHashMap<>();

    final Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();

    final Map<String, DatasetLoad> datasets = new LinkedHashMap<>();

    int records;

    /** Where the batch's time went (nanoseconds), for the loader's debug log. */
    long readNanos;

    long stageNanos;

    long upsertNanos;

    long commitNanos;

    static LoadBatch of(ConsumerRecords<byte[], byte[]> records, Datasets datasets) {
        long start = System.nanoTime();
        LoadBatch batch = new LoadBatch();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            batch.add(record, datasets);
            batch.nextOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            batch.records++;
        }
        batch.readNanos = System.nanoTime() - start;
        return batch;
    }

    private void add(ConsumerRecord<byte[], byte[]> record, Datasets datasets) {
        String topic = record.topic();
        if (topic.equals(PipelineTopics.TALLY)) {
            tally(record);
        }
        else if (topic.startsWith("weir.dlq.")) {
            this.deadLetters.add(DeadLetterRow.of(topic.substring("weir.dlq.".length()), record));
        }
        else if (topic.startsWith("weir.clean.")) {
            row(record, datasets);
        }
    }

    private void row(ConsumerRecord<byte[], byte[]> record, Datasets datasets) {
        CleanRow clean = CleanRow.read(record.value(), datasets::table);
        Table table = clean.table();
        String key = clean.key();
        String version = clean.version();
        StagedRow row = new StagedRow(clean.values(), clean.time(), version);
        Map<String, StagedRow> ofTable = this.rows.computeIfAbsent(table, (t) -> new LinkedHashMap<>());
        StagedRow earlier = ofTable.get(key);
        if (earlier == null || earlier.version() == null || version == null
                || !Instant.parse(version).isBefore(Instant.parse(earlier.version()))) {
            ofTable.remove(key);
            ofTable.put(key, row);
        }
        DatasetLoad load = this.datasets.computeIfAbsent(datasets.datasetOf(table), (d) -> new DatasetLoad());
        load.rows++;
        if (load.maxEventTime == null || clean.time().isAfter(load.maxEventTime)) {
            load.maxEventTime = clean.time();
        }
        load.eventTimes.add(clean.time());
    }

    private void tally(ConsumerRecord<byte[], byte[]> record) {
        JsonNode tally = JSON.readTree(record.value());
        String dataset = tally.path("dataset").asString();
        Map<String, Long> counts = this.counts.computeIfAbsent(dataset, (d) -> new LinkedHashMap<>());
        tally.path("counts")
            .properties()
            .forEach((entry) -> counts.merge(entry.getKey(), entry.getValue().asLong(), Long::sum));
    }

    void count(String dataset, String counter, long delta) {
        if (delta != 0) {
            this.counts.computeIfAbsent(dataset, (d) -> new LinkedHashMap<>()).merge(counter, delta, Long::sum);
        }
    }

    /** A row as COPY text values, with its event time and version. */
    record StagedRow(String[] values, Instant eventTime, String version) {
    }

    /** What a batch loads of one dataset. */
    static final class DatasetLoad {

        int rows;

        Instant maxEventTime;

        final List<Instant> eventTimes = new ArrayList<>();

    }

    /** A dead letter for {@code warehouse.dead_letter}. */
    record DeadLetterRow(String dataset, int partition, long offset, String stage, String rule, String reason,
            Instant deadAt, String originalTopic, Integer originalPartition, Long originalOffset, String originalKey,
            String originalHeaders, byte[] originalValue, String provenance, String replayOf) {

        static DeadLetterRow of(String dataset, ConsumerRecord<byte[], byte[]> record) {
            Instant at = Instant.ofEpochMilli(record.timestamp());
            String type = header(record, Envelope.EVENT_TYPE_HEADER);
            if (CleanRecords.DEAD_LETTER_TYPE.equals(type)) {
                Envelope envelope = Envelope.parse(record.value());
                JsonNode data = JSON.readTree(envelope.data());
                JsonNode original = data.path("original");
                String value = original.path("value_base64").isString() ? original.path("value_base64").asString()
                        : null;
                return new DeadLetterRow(dataset, record.partition(), record.offset(), "pipeline",
                        data.path("rule").asString(), data.path("reason").asString(), envelope.time(),
                        text(original, "topic"), original.path("partition").asInt(), original.path("offset").asLong(),
                        text(original, "key"), original.path("headers").toString(),
                        (value != null) ? Base64.getDecoder().decode(value) : null, data.path("provenance").toString(),
                        text(data, "replay_of"));
            }
            // the Ingest service's dead letters: a bad page or record, its reason in a
            // header
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(),
                        (header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : "");
            }
            String reason = headers.getOrDefault("weir-dlq-reason", "(no reason given)");
            Map<String, String> provenance = new LinkedHashMap<>();
            headers.forEach((name, value) -> {
                if (name.startsWith("weir-") && !name.startsWith("weir-dlq")) {
                    provenance.put(name.substring(5).replace('-', '_'), value);
                }
            });
            return new DeadLetterRow(dataset, record.partition(), record.offset(), "ingest", "ingest.bad_page", reason,
                    at, null, null, null,
                    (record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : null,
                    JSON.writeValueAsString(headers), record.value(), JSON.writeValueAsString(provenance), null);
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.path(field);
            return value.isString() ? value.asString() : null;
        }

        private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
            Header header = record.headers().lastHeader(name);
            return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8)
                    : null;
        }

    }

}
