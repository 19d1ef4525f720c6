package dev.weir.platform.kafka;

import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
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
        List<NewTopic> declared = topics.orderedStream()
            .map((topic) -> topic.newTopic(properties.replicationFactor()))
            .toList();
        return new KafkaAdmin.NewTopics(declared.toArray(NewTopic[]::new));
    }

}
