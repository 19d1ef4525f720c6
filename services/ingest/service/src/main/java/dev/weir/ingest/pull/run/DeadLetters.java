package dev.weir.ingest.pull.run;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.weir.ingest.pull.definition.ConnectorConfig;

/**
 * Dead letters of a dataset, for {@code weir.dlq.<dataset>}: the raw bytes of a page or
 * record that could not be published, with the reason and where it came from. The value
 * is cut to the record size limit (the header {@code weir-truncated-from} then gives the
 * full size), so a huge bad page cannot block its own dead letter.
 */
final class DeadLetters {

    private final ConnectorConfig config;

    private final int maxBytes;

    DeadLetters(ConnectorConfig config, int maxBytes) {
        this.config = config;
        this.maxBytes = maxBytes;
    }

    /**
     * A dead letter keyed by the request's fingerprint (a page) or the record's key.
     */
    ProducerRecord<String, byte[]> of(String key, byte[] body, String reason, Integer httpStatus, Origin origin) {
        byte[] value = (body.length > this.maxBytes) ? Arrays.copyOf(body, this.maxBytes) : body;
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(this.config.deadLetterTopic(), null,
                origin.fetchedAt().toEpochMilli(), key, value);
        origin.addTo(record);
        header(record, IngestHeaders.DLQ_REASON, reason);
        if (httpStatus != null) {
            header(record, IngestHeaders.HTTP_STATUS, Integer.toString(httpStatus));
        }
        if (value.length < body.length) {
            header(record, IngestHeaders.TRUNCATED_FROM, Integer.toString(body.length));
        }
        return record;
    }

    static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Where a record or dead letter comes from: the headers every one carries. */
    record Origin(String connector, String stream, String runId, RequestFingerprint fingerprint, String sourceUrl,
            Instant fetchedAt) {

        void addTo(ProducerRecord<String, byte[]> record) {
            header(record, IngestHeaders.CONNECTOR, this.connector);
            header(record, IngestHeaders.STREAM, this.stream);
            header(record, IngestHeaders.RUN_ID, this.runId);
            header(record, IngestHeaders.FINGERPRINT, this.fingerprint.value());
            header(record, IngestHeaders.SOURCE_URL, this.sourceUrl);
            header(record, IngestHeaders.FETCHED_AT, this.fetchedAt.toString());
        }

    }

}
