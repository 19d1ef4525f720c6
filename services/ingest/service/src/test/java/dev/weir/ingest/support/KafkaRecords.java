package dev.weir.ingest.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import dev.weir.ingest.pull.run.IngestHeaders;
import dev.weir.platform.kafka.Envelope;
import dev.weir.testing.infra.TestKafka;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ingest's records on a topic of the test broker ({@link TestKafka#records}): those
 * of one run, their data (the JSON their {@link Envelope} carries) and their headers.
 */
public final class KafkaRecords {

    // floats as BigDecimal: a value compares equal to the source record it came from
    private static final JsonMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();

    private KafkaRecords() {
    }

    /** The records on {@code topic} now that run {@code runId} published. */
    public static List<ConsumerRecord<String, byte[]>> ofRun(String topic, UUID runId) {
        return TestKafka.records(topic)
            .stream()
            .filter((r) -> runId.toString().equals(header(r, IngestHeaders.RUN_ID)))
            .toList();
    }

    /** The record's data: the JSON the envelope carries. */
    public static JsonNode value(ConsumerRecord<String, byte[]> record) {
        return JSON.readTree(Envelope.from(record).data());
    }

    /** The envelope a record is written in. */
    public static Envelope envelope(ConsumerRecord<String, byte[]> record) {
        return Envelope.from(record);
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
    }

}
