package dev.weir.pipeline.spi;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import dev.weir.platform.kafka.Envelope;

/**
 * A raw record as the clean stage read it: where it is, its key and headers, and its
 * data. Weir records are envelopes ({@link Envelope}); a bare JSON value (a producer that
 * does not write envelopes yet) is taken as the data itself, with the Kafka record's
 * metadata.
 *
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset
 * @param key the record's key (UTF-8), or null
 * @param timestamp the Kafka record's timestamp: when Weir received it
 * @param headers the record's headers (UTF-8 text; the last of a repeated name)
 * @param envelope the envelope, or null for a bare value
 * @param data the data: the envelope's, or the whole value
 * @param replayOf the dead letter this record replays ({@code topic/partition/offset}),
 * or null for a first delivery
 */
public record RawRecord(String topic, int partition, long offset, String key, Instant timestamp,
        Map<String, String> headers, Envelope envelope, byte[] data, String replayOf) {

    /** The header that marks a replayed dead letter, naming it. */
    public static final String REPLAY_OF_HEADER = "weir-replay-of";

    /** The event id: the envelope's, else the {@code weir-event-id} header, else null. */
    public String eventId() {
        if (this.envelope != null) {
            return this.envelope.id();
        }
        return this.headers.get(Envelope.EVENT_ID_HEADER);
    }

    /**
     * The event type: the envelope's, else the {@code weir-event-type} header, else null.
     */
    public String type() {
        if (this.envelope != null) {
            return this.envelope.type();
        }
        return this.headers.get(Envelope.EVENT_TYPE_HEADER);
    }

    /** When it happened: the envelope's time, else the Kafka timestamp. */
    public Instant eventTime() {
        return (this.envelope != null) ? this.envelope.time() : this.timestamp;
    }

    /**
     * The stream within a pulled dataset: the {@code weir-stream} header, else the last
     * segment of the envelope's source ({@code /weir/ingest/pull/<connector>/<stream>}).
     */
    public String stream() {
        String stream = this.headers.get("weir-stream");
        if (stream == null && this.envelope != null) {
            String path = this.envelope.source().getPath();
            if (path != null && path.startsWith("/weir/ingest/pull/")) {
                stream = path.substring(path.lastIndexOf('/') + 1);
            }
        }
        return stream;
    }

    /** The data as text. */
    public String dataText() {
        return new String(this.data, StandardCharsets.UTF_8);
    }

    /** Where it is: {@code topic/partition/offset}. */
    public String coordinates() {
        return this.topic + "/" + this.partition + "/" + this.offset;
    }

}
