package dev.weir.ingest.topic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Service;

import dev.weir.platform.error.WeirException;

/**
 * Weir's topics on the cluster this service writes to: every {@code weir.*} topic (the
 * raw layer's and the others'), with partitions, replication, retention, cleanup policy
 * and how many records each holds.
 */
@Service
public class KafkaTopics {

    private static final int TIMEOUT_SECONDS = 10;

    private final KafkaAdmin admin;

    KafkaTopics(KafkaAdmin admin) {
        this.admin = admin;
    }

    /**
     * The {@code weir.*} topics, by name.
     * @throws WeirException unavailable (503) when Kafka does not answer
     */
    public List<TopicView> list() {
        Map<String, Object> config = new HashMap<>(this.admin.getConfigurationProperties());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000);
        try (Admin kafka = Admin.create(config)) {
            List<String> names = kafka.listTopics()
                .names()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .stream()
                .filter((name) -> name.startsWith("weir."))
                .sorted()
                .toList();
            if (names.isEmpty()) {
                return List.of();
            }
            Map<String, TopicDescription> descriptions = kafka.describeTopics(names)
                .allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = kafka
                .describeConfigs(
                        names.stream().map((name) -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            descriptions.values().forEach((topic) -> topic.partitions().forEach((partition) -> {
                TopicPartition tp = new TopicPartition(topic.name(), partition.partition());
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
            }));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = kafka.listOffsets(earliest)
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = kafka.listOffsets(latest)
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return names.stream().map((name) -> {
                TopicDescription topic = descriptions.get(name);
                Config topicConfig = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
                long records = topic.partitions().stream().mapToLong((partition) -> {
                    TopicPartition tp = new TopicPartition(name, partition.partition());
                    return ends.get(tp).offset() - starts.get(tp).offset();
                }).sum();
                return new TopicView(name, topic.partitions().size(), topic.partitions().get(0).replicas().size(),
                        Long.parseLong(topicConfig.get("retention.ms").value()),
                        topicConfig.get("cleanup.policy").value(), records);
            }).toList();
        }
        catch (ExecutionException | TimeoutException | RuntimeException ex) {
            throw WeirException.unavailable("Kafka unavailable", "Kafka did not answer within " + TIMEOUT_SECONDS
                    + " s: " + NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw WeirException.unavailable("Service stopping", "Interrupted while asking Kafka for its topics.");
        }
    }

}
