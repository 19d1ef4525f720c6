package dev.weir.ingest.pull.run;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.weir.ingest.pull.definition.ConnectorConfig;
import dev.weir.platform.kafka.Envelope;
import dev.weir.platform.kafka.EventIds;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The records a connector writes, in Weir's one envelope ({@link Envelope}, CloudEvents
 * JSON): records on {@code weir.raw.<dataset>} (type {@value #RECORD}) and dead letters
 * on {@code weir.dlq.<dataset>} (type {@value #DEAD_LETTER}), both with source
 * {@code /weir/ingest/pull/<connector>/<stream>}, the record's key as subject, and an id
 * derived from the connector, the stream, the key and the content, so the same record
 * fetched again has the same id and a consumer drops the repeat. Each carries the
 * {@code weir-*} provenance headers of {@link IngestHeaders}; the Kafka timestamp is the
 * fetch time.
 */
final class RawRecords {

    /** The type of a record pulled from an API. */
    static final String RECORD = "weir.ingest.record";

    /** The type of a dead letter: a page or record that could not be published. */
    static final String DEAD_LETTER = "weir.ingest.dead_letter";

    /** The media type of a dead letter's data that is not JSON (carried base64). */
    static final String BYTES = "application/octet-stream";

    /** Room left in a value for the envelope's attributes. */
    private static final int ENVELOPE_ROOM = 1024;

    private static final JsonFactory JSON = new JsonFactory();

    private final ConnectorConfig config;

    private final int maxBytes;

    RawRecords(ConnectorConfig config, int maxBytes) {
        this.config = config;
        this.maxBytes = maxBytes;
    }

    /**
     * A record for {@code weir.raw.<dataset>}.
     * @param json the record (a JSON object)
     * @param time the record's own time, or null for the fetch time
     */
    ProducerRecord<String, byte[]> record(String key, byte[] json, Instant time, Origin origin) {
        Envelope event = new Envelope(EventIds.of(RECORD, origin.connector(), origin.stream(), key, sha256(json)),
                origin.source(), RECORD, key, (time != null) ? time : origin.fetchedAt(), Envelope.JSON, json);
        return origin.record(this.config.rawTopic(), key, event);
    }

    /**
     * A dead letter keyed by the request's fingerprint (a page) or the record's key (a
     * record), or null. Its data is the body as JSON when it is JSON and whole, otherwise
     * its bytes (base64 in the value), cut so that the value stays within the record size
     * limit (the header {@code weir-truncated-from} then gives the full size), so a huge
     * bad page cannot block its own dead letter.
     */
    ProducerRecord<String, byte[]> deadLetter(String key, byte[] body, String reason, Integer httpStatus,
            Origin origin) {
        boolean json = body.length <= this.maxBytes - ENVELOPE_ROOM && isJson(body);
        int limit = json ? body.length : Math.max(0, (this.maxBytes - ENVELOPE_ROOM) / 4 * 3);
        byte[] data = (body.length > limit) ? Arrays.copyOf(body, limit) : body;
        Envelope event = new Envelope(
                EventIds.of(DEAD_LETTER, origin.connector(), origin.stream(), (key != null) ? key : "", sha256(body),
                        reason),
                origin.source(), DEAD_LETTER, key, origin.fetchedAt(), json ? Envelope.JSON : BYTES, data);
        ProducerRecord<String, byte[]> record = origin.record(this.config.deadLetterTopic(), key, event);
        header(record, IngestHeaders.DLQ_REASON, reason);
        if (httpStatus != null) {
            header(record, IngestHeaders.HTTP_STATUS, Integer.toString(httpStatus));
        }
        if (data.length < body.length) {
            header(record, IngestHeaders.TRUNCATED_FROM, Integer.toString(body.length));
        }
        return record;
    }

    /** Where a record or dead letter comes from: the headers every one carries. */
    record Origin(String connector, String stream, String runId, RequestFingerprint fingerprint, String sourceUrl,
            Instant fetchedAt) {

        /** {@code /weir/ingest/pull/<connector>/<stream>}. */
        URI source() {
            return URI.create("/weir/ingest/pull/" + this.connector + "/" + this.stream);
        }

        ProducerRecord<String, byte[]> record(String topic, String key, Envelope event) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, this.fetchedAt.toEpochMilli(),
                    key, event.toValue(), event.headers());
            header(record, IngestHeaders.CONNECTOR, this.connector);
            header(record, IngestHeaders.STREAM, this.stream);
            header(record, IngestHeaders.RUN_ID, this.runId);
            header(record, IngestHeaders.FINGERPRINT, this.fingerprint.value());
            header(record, IngestHeaders.SOURCE_URL, this.sourceUrl);
            header(record, IngestHeaders.FETCHED_AT, this.fetchedAt.toString());
            return record;
        }

    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the bytes are one whole JSON value. */
    private static boolean isJson(byte[] body) {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        }
        catch (JacksonException ex) {
            return false;
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
        }
    }

}
