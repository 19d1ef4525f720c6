package dev.weir.pipeline.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.weir.platform.kafka.Envelope;
import dev.weir.platform.kafka.EventIds;

/**
 * Writes raw records the way the services that own them do: pulled records and pushed
 * events in the Weir envelope (with the connector's provenance headers), or bare JSON as
 * producers wrote before the envelope.
 */
public final class RawProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public RawProducer(String bootstrapServers) {
        this.producer = new KafkaProducer<>(
                // one request in flight per connection: on a partition the broker has
                // just created,
                // a retried first batch behind later ones fails with
                // OUT_OF_ORDER_SEQUENCE for good
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.MAX_BLOCK_MS_CONFIG, 15000,
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A pulled record: envelope with source
     * {@code /weir/ingest/pull/<connector>/<stream>}, subject the key, an id stable for
     * the content, and the connector's headers.
     */
    public ProducerRecord<String, byte[]> pulled(String connector, String stream, String key, byte[] json,
            String runId) {
        String id = java.util.UUID.nameUUIDFromBytes(json).toString();
        Envelope envelope = new Envelope(id, URI.create("/weir/ingest/pull/" + connector + "/" + stream),
                "weir.ingest.pulled", key, Instant.now(), Envelope.JSON, json);
        ProducerRecord<String, byte[]> record = envelope.toRecord("weir.raw." + connector, key);
        header(record, "weir-connector", connector);
        header(record, "weir-stream", stream);
        header(record, "weir-run-id", runId);
        header(record, "weir-fingerprint", "test-fingerprint");
        return record;
    }

    /** A pushed event: envelope with the given id (or a new one), subject the device. */
    public ProducerRecord<String, byte[]> pushed(String stream, String id, String device, Instant time, byte[] json) {
        Envelope envelope = new Envelope((id != null) ? id : EventIds.next(), URI.create("/weir/ingest/push/" + stream),
                "weir.push." + stream, device, time, Envelope.JSON, json);
        return envelope.toRecord("weir.raw." + stream, device);
    }

    /** A bare value (no envelope), as a producer that does not write envelopes. */
    public ProducerRecord<String, byte[]> bare(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> header(record, name, text));
        return record;
    }

    /** Sends and waits until every record is acknowledged. */
    public void send(List<ProducerRecord<String, byte[]>> records) {
        List<Future<RecordMetadata>> acks = records.stream().map(this.producer::send).toList();
        this.producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            catch (ExecutionException ex) {
                throw new IllegalStateException("A record was not acknowledged", ex.getCause());
            }
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        this.producer.close();
    }

}
