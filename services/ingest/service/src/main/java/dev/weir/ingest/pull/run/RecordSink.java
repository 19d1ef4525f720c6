package dev.weir.ingest.pull.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes a page's records (and dead letters) to Kafka and waits until every one is
 * acknowledged (the producer is idempotent, with {@code acks=all}). Only then may the
 * page's checkpoint be written.
 */
final class RecordSink {

    private final KafkaOperations<String, byte[]> kafka;

    private final Duration ackTimeout;

    RecordSink(KafkaOperations<String, byte[]> kafka, Duration ackTimeout) {
        this.kafka = kafka;
        this.ackTimeout = ackTimeout;
    }

    /**
     * Sends the records and waits for their acknowledgements.
     * @throws PublishFailedException when one is not acknowledged in time
     */
    void publish(List<ProducerRecord<String, byte[]>> records) throws InterruptedException {
        if (records.isEmpty()) {
            return;
        }
        List<CompletableFuture<SendResult<String, byte[]>>> acks = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<String, byte[]> record : records) {
                acks.add(this.kafka.send(record));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .get(this.ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException ex) {
            throw new PublishFailedException(rootMessage(ex.getCause()), ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new PublishFailedException("no acknowledgement within " + this.ackTimeout.toSeconds() + " s", ex);
        }
        catch (RuntimeException ex) {
            throw new PublishFailedException(rootMessage(ex), ex);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        return root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
    }

    /** Kafka did not take a page's records: the page is not done. */
    static final class PublishFailedException extends RuntimeException {

        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }

    }

}
