package dev.weir.testing.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.weir.platform.embedded.EmbeddedKafka;

/**
 * One throw-away embedded Kafka broker per test JVM, stopped and deleted when the JVM
 * exits.
 */
public final class TestKafka {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private static EmbeddedKafka broker;

    private TestKafka() {
    }

    public static synchronized EmbeddedKafka broker() {
        if (broker == null) {
            try {
                Path home = Files.createTempDirectory("weir-test-kafka");
                broker = EmbeddedKafka.start(home, TestPorts.free(), TestPorts.free());
                ThrowAwayHome.deleteOnExit(home, broker::close, "test-kafka-stop");
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return broker;
    }

    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /**
     * The records of {@code topic} on the test broker, from its beginning to its end as
     * it is at the call (what is published meanwhile may be missing), in offset order
     * within each partition; none if there is no such topic. Fails if the end is not
     * reached within 30 seconds.
     */
    public static List<ConsumerRecord<String, byte[]>> records(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> info = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (info == null || info.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> partitions = info.stream()
                .map((p) -> new TopicPartition(topic, p.partition()))
                .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch((p) -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Could not read " + topic + " to its end within " + READ_TIMEOUT.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

}
