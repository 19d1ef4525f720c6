package dev.weir.platform.kafka;

import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Turns every {@link Topic} bean into a topic that spring-kafka's {@link KafkaAdmin}
 * creates (with the configured replication). By default the admin creates them at
 * start-up; a broker that is down then does not stop the service, but holds its start for
 * the admin's timeouts (about 40 s) while the admin logs it. A service that must start at
 * once whatever Kafka's state sets {@code spring.kafka.admin.auto-create: false} and
 * calls {@link KafkaAdmin#initialize()} itself when it first reaches Kafka (the Retail
 * service's outbox relay does).
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(WeirKafkaProperties.class)
public class WeirKafkaAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics weirTopics(ObjectProvider<Topic> topics, WeirKafkaProperties properties) {
        List<NewTopic> declared = topics.orderedStream().map((topic) -> newTopic(topic, properties)).toList();
        return new KafkaAdmin.NewTopics(declared.toArray(NewTopic[]::new));
    }

    static NewTopic newTopic(Topic topic, WeirKafkaProperties properties) {
        Optional<Short> replicas = (properties.replicationFactor() > 0)
                ? Optional.of((short) properties.replicationFactor()) : Optional.empty();
        NewTopic newTopic = new NewTopic(topic.name(), Optional.of(topic.partitions()), replicas);
        newTopic.configs(java.util.Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()),
                TopicConfig.CLEANUP_POLICY_CONFIG,
                topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE));
        return newTopic;
    }

}
