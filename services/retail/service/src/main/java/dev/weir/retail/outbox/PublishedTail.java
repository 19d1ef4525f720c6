package dev.weir.retail.outbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.weir.platform.kafka.Envelope;

/**
 * Reads the newest records of every partition of the topic, and the outbox row each one
 * came from ({@code weir-outbox-id} and {@code weir-event-id} headers): what a relay
 * published before it could mark it.
 * <p>
 * How far back: a relay marks each batch before it sends the next, so at most one batch
 * (at most {@code batch-size} ≤ 5,000 records, perhaps all in one partition) can be in
 * Kafka without its marks. Reading the last {@link #WINDOW} records of each partition
 * covers that twice over, even with records of other producers interleaved.
 */
final class PublishedTail {

    static final String OUTBOX_ID = "weir-outbox-id";

    static final String EVENT_ID = Envelope.EVENT_ID_HEADER;

    /** Records read back per partition. */
    static final int WINDOW = 10_000;

    private PublishedTail() {
    }

    /**
     * The outbox rows found in the last {@link #WINDOW} records of each partition of
     * {@code topic}; empty when the topic does not exist.
     * @param consumerConfig connection settings; group and deserializers are set here
     * @throws org.apache.kafka.common.errors.TimeoutException when Kafka does not answer
     * within the timeout
     */
    static Optional<List<Found>> read(Map<String, Object> consumerConfig, String topic, Duration timeout) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "weir-retail-outbox-tail");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        List<Found> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            // answers only when a broker does (partitionsFor would wait for a missing
            // topic)
            List<PartitionInfo> described = consumer.listTopics(timeout).get(topic);
            if (described == null) {
                return Optional.empty();
            }
            if (described.stream()
                .anyMatch((partition) -> partition.leader() == null || partition.leader().isEmpty())) {
                // a topic just created, or a leader being elected: sending now can fail
                // in odd ways (seen: a new partition that answered NOT_LEADER, then
                // OUT_OF_ORDER_SEQUENCE until the batch expired)
                throw new LeaderNotAvailableException("Not every partition of " + topic + " has a leader yet");
            }
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo partition : described) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, timeout);
            List<TopicPartition> toRead = partitions.stream()
                .filter((partition) -> ends.get(partition) > starts.get(partition))
                .toList();
            consumer.assign(toRead);
            for (TopicPartition partition : toRead) {
                consumer.seek(partition, Math.max(starts.get(partition), ends.get(partition) - WINDOW));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!caughtUp(consumer, toRead, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new org.apache.kafka.common.errors.TimeoutException(
                            "Could not read the last records of " + topic + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        Found row = Found.of(record);
                        if (row != null) {
                            found.add(row);
                        }
                    }
                }
            }
        }
        return Optional.of(found);
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> ends) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < ends.get(partition)) {
                return false;
            }
        }
        return true;
    }

    /** An outbox row found in Kafka. */
    record Found(long id, UUID eventId) {

        static Found of(ConsumerRecord<?, ?> record) {
            Header id = record.headers().lastHeader(OUTBOX_ID);
            Header eventId = record.headers().lastHeader(EVENT_ID);
            if (id == null || eventId == null) {
                return null;
            }
            try {
                return new Found(Long.parseLong(text(id)), UUID.fromString(text(eventId)));
            }
            catch (IllegalArgumentException ex) {
                // not written by a Weir relay
                return null;
            }
        }

        private static String text(Header header) {
            return StandardCharsets.UTF_8.decode(ByteBuffer.wrap(header.value())).toString();
        }

    }

}
