package dev.weir.platform.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A Kafka topic a service owns, declared in code: {@code weir.<kind>.<dataset>}, with its
 * partitions, retention and cleanup policy. Declared as a bean, it is created if missing
 * (partitions are raised and configurations updated if the declaration grew) by
 * spring-kafka's {@code KafkaAdmin}: at start-up, or, in a service that turns
 * {@code spring.kafka.admin.auto-create} off, when that service first reaches Kafka (see
 * {@link WeirKafkaAutoConfiguration}); and listed by {@code weir topics}.
 *
 * @param name {@code weir.<kind>.<dataset>}, kind one of events, raw, clean, dlq,
 * commands
 * @param partitions how many partitions; the key decides the partition, so order is kept
 * per key
 * @param retention how long records are kept
 * @param compacted whether only the latest record per key is kept (log compaction) rather
 * than deleting by age
 */
public record Topic(String name, int partitions, Duration retention, boolean compacted) {

    private static final Pattern NAME = Pattern.compile("weir\\.(events|raw|clean|dlq|commands)\\.[a-z0-9][a-z0-9_-]*");

    public Topic {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Topic '" + name
                    + "' is not named weir.<events|raw|clean|dlq|commands>.<dataset> (lower case, digits, _ and -)");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("Topic '" + name + "' needs at least one partition");
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("Topic '" + name + "' needs a positive retention");
        }
    }

    /** A topic whose records are deleted when older than {@code retention}. */
    public static Topic of(String name, int partitions, Duration retention) {
        return new Topic(name, partitions, retention, false);
    }

    /**
     * The topic for Kafka's admin client: its partitions, retention and cleanup policy.
     * @param replicationFactor replicas per partition; 0 for the broker's default
     */
    public NewTopic newTopic(int replicationFactor) {
        Optional<Short> replicas = (replicationFactor > 0) ? Optional.of((short) replicationFactor) : Optional.empty();
        NewTopic topic = new NewTopic(this.name, Optional.of(this.partitions), replicas);
        topic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(this.retention.toMillis()),
                TopicConfig.CLEANUP_POLICY_CONFIG,
                this.compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE));
        return topic;
    }

}
