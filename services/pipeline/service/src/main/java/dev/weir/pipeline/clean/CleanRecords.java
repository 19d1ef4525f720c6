package dev.weir.pipeline.clean;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.header.Headers;
import tools.jackson.databind.json.JsonMapper;

import dev.weir.pipeline.spi.RawRecord;
import dev.weir.pipeline.spi.Row;
import dev.weir.platform.kafka.Envelope;

/**
 * The records the clean stage writes, all in the Weir envelope: cleaned rows
 * ({@code weir.clean.
 *
<table>
 * }) and dead letters ({@code weir.pipeline.dead_letter}).
 */
public final class CleanRecords {

    /** The type of a dead letter the pipeline wrote. */
    public static final String DEAD_LETTER_TYPE = "weir.pipeline.dead_letter";

    /** The type prefix of a cleaned row: the table's name follows. */
    public static final String CLEAN_TYPE_PREFIX = "weir.clean.";

    /**
     * Header of cleaned rows and dead letters: the raw record's topic/partition/offset.
     */
    public static final String RAW_HEADER = "weir-raw";

    /** Dead letters: the rule that rejected the record. */
    public static final String RULE_HEADER = "weir-dlq-rule";

    /** Dead letters: why. */
    public static final String REASON_HEADER = "weir-dlq-reason";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CleanRecords() {
    }

    /**
     * A cleaned row as an envelope: data is the row's columns, the id is derived from the
     * raw record's coordinates and the row's place in it (stable when the record is
     * cleaned again).
     */
    static Envelope row(String dataset, RawRecord raw, int index, Row row) {
        Map<String, Object> data = new LinkedHashMap<>();
        row.values().forEach((name, value) -> data.put(name, jsonValue(value)));
        String id = UUID.nameUUIDFromBytes((raw.coordinates() + "#" + index).getBytes(StandardCharsets.UTF_8))
            .toString();
        return new Envelope(id, URI.create("/weir/pipeline/" + dataset), CLEAN_TYPE_PREFIX + row.table().name(),
                row.key(), raw.eventTime(), Envelope.JSON, JSON.writeValueAsBytes(data));
    }

    /**
     * A dead letter: the original record whole, the rule, the reason and the provenance.
     */
    static Envelope deadLetter(String dataset, RawRecord raw, byte[] originalValue, String rule, String reason) {
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("topic", raw.topic());
        original.put("partition", raw.partition());
        original.put("offset", raw.offset());
        original.put("key", raw.key());
        original.put("timestamp", raw.timestamp().toString());
        original.put("headers", raw.headers());
        original.put("value_base64",
                (originalValue != null) ? Base64.getEncoder().encodeToString(originalValue) : null);
        Map<String, Object> provenance = new LinkedHashMap<>();
        for (String header : List.of("weir-connector", "weir-stream", "weir-run-id", "weir-fingerprint",
                "weir-source-url", "weir-fetched-at")) {
            String value = raw.headers().get(header);
            if (value != null) {
                provenance.put(header.substring("weir-".length()).replace('-', '_'), value);
            }
        }
        if (raw.eventId() != null) {
            provenance.put("event_id", raw.eventId());
        }
        if (raw.envelope() != null) {
            provenance.put("source", raw.envelope().source().toString());
            provenance.put("type", raw.envelope().type());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dataset", dataset);
        data.put("rule", rule);
        data.put("reason", reason);
        data.put("original", original);
        data.put("provenance", provenance);
        data.put("replay_of", raw.replayOf());
        String id = UUID.nameUUIDFromBytes(("dlq:" + raw.coordinates()).getBytes(StandardCharsets.UTF_8)).toString();
        return new Envelope(id, URI.create("/weir/pipeline/" + dataset), DEAD_LETTER_TYPE, raw.key(), Instant.now(),
                Envelope.JSON, JSON.writeValueAsBytes(data));
    }

    /**
     * The headers of a cleaned row or dead letter: the envelope's, and where it came
     * from.
     */
    static Headers headers(Envelope envelope, RawRecord raw) {
        Headers headers = envelope.headers();
        headers.add(RAW_HEADER, raw.coordinates().getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static Object jsonValue(Object value) {
        if (value instanceof Temporal || value instanceof Instant) {
            return value.toString();
        }
        return value;
    }

}
