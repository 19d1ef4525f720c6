package dev.weir.ingest.push;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

import dev.weir.ingest.system.IngestProperties;

/**
 * The one Kafka producer of every push, shared by all requests so that their records are
 * batched together: idempotent, {@code acks=all}. A request hands over all its records
 * and then waits once, on one future, for the last acknowledgement.
 */
@Component
class PushProducer implements DisposableBean {

    private final Producer<String, byte[]> producer;

    PushProducer(KafkaProperties kafka, IngestProperties properties) {
        this.producer = new KafkaProducer<>(configuration(kafka, properties.push()), new StringSerializer(),
                new ByteArraySerializer());
    }

    static Map<String, Object> configuration(KafkaProperties kafka, IngestProperties.Push push) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, "134217728");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        config.putAll(push.producer());
        // a send blocks at most this long for metadata or buffer space, so a request
        // never
        // hangs on a broker that is away
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG,
                Long.toString(Math.max(100, Math.min(push.ackTimeout().toMillis(), 2000))));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "weir-ingest-push");
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return config;
    }

    /**
     * Sends the records and waits until Kafka acknowledged every one.
     * @throws NotStoredException when one failed or the time ran out (some may have been
     * written)
     */
    void sendAll(List<ProducerRecord<String, byte[]>> records, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Acks acks = new Acks(records.size());
        try {
            for (ProducerRecord<String, byte[]> record : records) {
                if (acks.done.isDone()) {
                    break;
                }
                this.producer.send(record, acks);
            }
        }
        catch (RuntimeException ex) {
            // no room in the buffer, no metadata: the rest is not sent
            throw new NotStoredException(rootMessage(ex), ex);
        }
        try {
            acks.done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (ExecutionException ex) {
            throw new NotStoredException(rootMessage(ex.getCause()), ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new NotStoredException("no acknowledgement within " + timeout.toMillis() + " ms", ex);
        }
    }

    @Override
    public void destroy() {
        this.producer.close(Duration.ofSeconds(10));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        return root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
    }

    /**
     * Counts a request's acknowledgements; done at the last one, or at the first failure.
     */
    private static final class Acks implements Callback {

        private final AtomicInteger remaining;

        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Acks(int records) {
            this.remaining = new AtomicInteger(records);
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception failure) {
            if (failure != null) {
                this.done.completeExceptionally(failure);
            }
            else if (this.remaining.decrementAndGet() == 0) {
                this.done.complete(null);
            }
        }

    }

    /** Kafka did not take every record of a request. */
    static final class NotStoredException extends RuntimeException {

        NotStoredException(String message, Throwable cause) {
            super(message, cause);
        }

    }

}
