package dev.weir.retail.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

/**
 * Sends outbox rows to Kafka in Weir's record {@link Envelope} (CloudEvents 1.0,
 * structured mode): its key is the aggregate's id, and besides the envelope's headers
 * (event id and type) a {@link PublishedTail#OUTBOX_ID} header names the outbox row.
 * <p>
 * The producer is idempotent with {@code acks=all} and one request in flight, so Kafka
 * keeps the records of a partition in the order they were sent, without duplicates from
 * its own retries.
 */
final class EventPublisher implements AutoCloseable {

    static final URI SOURCE = URI.create("/weir/retail");

    private final KafkaProducer<String, byte[]> producer;

    private final String topic;

    EventPublisher(Map<String, Object> producerConfig, String topic) {
        this.producer = new KafkaProducer<>(config(producerConfig), new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    static Map<String, Object> config(Map<String, Object> connection) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "weir-retail-outbox");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // One request in flight: the relay waits for each batch anyway, and a batch fits
        // one request per broker (batch.size). With more, a new partition that answered
        // NOT_LEADER to a first request and took a second left the producer retrying
        // OUT_OF_ORDER_SEQUENCE until the batch expired (seen here, and in ingest).
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20);
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        // the relay flushes each batch itself: no waiting for more records
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // a broker that is down fails a batch within these, and the relay tries again
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return config;
    }

    /** The event of an outbox row. */
    static Envelope event(OutboxRow row) {
        return new Envelope(row.eventId().toString(), SOURCE, row.type(), row.subject(), row.occurredAt().toInstant(),
                Envelope.JSON, row.data().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends the rows in order and waits until Kafka has answered for each.
     * @return the rows Kafka acknowledged and the first failure, if any; after a failure
     * the rows not acknowledged may or may not be in Kafka
     */
    Sent send(List<OutboxRow> rows) throws InterruptedException {
        List<Future<RecordMetadata>> futures = new ArrayList<>(rows.size());
        Exception failure = null;
        for (OutboxRow row : rows) {
            try {
                Future<RecordMetadata> future = this.producer.send(record(row));
                futures.add(future);
                if (future.isDone() && failed(future)) {
                    // no metadata (broker down): the rest would wait as long, each
                    break;
                }
            }
            catch (RuntimeException ex) {
                failure = ex;
                break;
            }
        }
        this.producer.flush();
        List<OutboxRow> acknowledged = new ArrayList<>(futures.size());
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get();
                acknowledged.add(rows.get(i));
            }
            catch (ExecutionException ex) {
                if (failure == null) {
                    failure = (ex.getCause() instanceof Exception cause) ? cause : ex;
                }
            }
        }
        return new Sent(acknowledged, failure);
    }

    private ProducerRecord<String, byte[]> record(OutboxRow row) {
        ProducerRecord<String, byte[]> record = event(row).toRecord(this.topic, row.key());
        record.headers().add(PublishedTail.OUTBOX_ID, Long.toString(row.id()).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static boolean failed(Future<?> future) throws InterruptedException {
        try {
            future.get();
            return false;
        }
        catch (ExecutionException ex) {
            return true;
        }
    }

    @Override
    public void close() {
        // records not yet sent are given up: their rows are not marked and go again
        try {
            this.producer.close(Duration.ZERO);
        }
        catch (org.apache.kafka.common.errors.InterruptException ex) {
            // stopping: closed anyway
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What a send did.
     *
     * @param acknowledged the rows Kafka acknowledged, in order
     * @param failure the first failure, or null when every row was acknowledged
     */
    record Sent(List<OutboxRow> acknowledged, Exception failure) {
    }

}
