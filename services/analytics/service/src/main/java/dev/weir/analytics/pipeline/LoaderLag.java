package dev.weir.analytics.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import dev.weir.analytics.system.AnalyticsProperties;

/**
 * The end offsets of the topics the warehouse loader reads ({@code weir.clean.<dataset>},
 * {@code weir.dlq.<dataset>}), as its transactional producers committed them: the lag is
 * those minus the offsets the loader stored with its rows.
 */
@Component
class LoaderLag implements DisposableBean {

    private final KafkaAdmin kafkaAdmin;

    private final AnalyticsProperties.Kafka settings;

    private Admin admin;

    LoaderLag(KafkaAdmin kafkaAdmin, AnalyticsProperties properties) {
        this.kafkaAdmin = kafkaAdmin;
        this.settings = properties.kafka();
    }

    static List<String> topics(String dataset) {
        return List.of("weir.clean." + dataset, "weir.dlq." + dataset);
    }

    /**
     * Records not yet loaded per topic; a topic that does not exist yet has none.
     * @param stored the loader's next offset per topic and partition
     * @throws Exception when Kafka does not answer in time
     */
    Map<String, Long> lag(List<String> topics, Map<String, Map<Integer, Long>> stored) throws Exception {
        Admin client = admin();
        // one deadline for the whole read, however many topics: a Kafka that does not
        // answer costs the
        // timeout once
        long deadline = System.nanoTime() + this.settings.timeout().toNanos();
        Map<String, TopicDescription> described = new HashMap<>();
        var descriptions = client.describeTopics(topics).topicNameValues();
        for (String topic : topics) {
            try {
                described.put(topic, descriptions.get(topic).get(remaining(deadline), TimeUnit.NANOSECONDS));
            }
            catch (java.util.concurrent.ExecutionException ex) {
                if (!(ex.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw ex;
                }
            }
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        described.forEach((topic, description) -> description.partitions().forEach((p) -> {
            TopicPartition partition = new TopicPartition(topic, p.partition());
            latest.put(partition, OffsetSpec.latest());
            earliest.put(partition, OffsetSpec.earliest());
        }));
        ListOffsetsOptions committed = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        var ends = client.listOffsets(latest, committed).all().get(remaining(deadline), TimeUnit.NANOSECONDS);
        var starts = client.listOffsets(earliest, committed).all().get(remaining(deadline), TimeUnit.NANOSECONDS);
        Map<String, Long> lag = new LinkedHashMap<>();
        topics.forEach((topic) -> lag.put(topic, 0L));
        ends.forEach((partition, end) -> {
            Long next = stored.getOrDefault(partition.topic(), Map.of()).get(partition.partition());
            long from = (next != null) ? next : starts.get(partition).offset();
            lag.merge(partition.topic(), Math.max(0, end.offset() - from), Long::sum);
        });
        return lag;
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private synchronized Admin admin() {
        if (this.admin == null) {
            Map<String, Object> config = new HashMap<>(this.kafkaAdmin.getConfigurationProperties());
            int timeout = (int) this.settings.timeout().toMillis();
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "weir-analytics-lag");
            this.admin = Admin.create(config);
        }
        return this.admin;
    }

    @Override
    public synchronized void destroy() {
        if (this.admin != null) {
            this.admin.close(java.time.Duration.ofSeconds(2));
        }
    }

    static List<String> allTopics(List<String> datasets) {
        List<String> all = new ArrayList<>();
        datasets.forEach((dataset) -> all.addAll(topics(dataset)));
        return all;
    }

}
