package dev.weir.platform.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.weir.testing.infra.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeclaredTopicsIT {

    @Test
    void createsDeclaredTopicsWithTheirPartitionsRetentionAndCleanupAtStartUp() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Declares.class)
            .web(org.springframework.boot.WebApplicationType.NONE)
            .run("--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers());
                Admin admin = Admin
                    .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            var description = admin.describeTopics(List.of("weir.events.declared", "weir.clean.compacted"))
                .allTopicNames()
                .get();
            assertThat(description.get("weir.events.declared").partitions()).hasSize(3);
            assertThat(description.get("weir.clean.compacted").partitions()).hasSize(1);
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, "weir.events.declared");
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("retention.ms").value()).isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
            var compacted = new ConfigResource(ConfigResource.Type.TOPIC, "weir.clean.compacted");
            assertThat(
                    admin.describeConfigs(List.of(compacted)).all().get().get(compacted).get("cleanup.policy").value())
                .isEqualTo("compact");
        }
    }

    @Test
    void refusesATopicNotNamedByTheConvention() {
        assertThatThrownBy(() -> Topic.of("orders", 1, Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("weir.<events|raw|clean|dlq|commands>.<dataset>");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Declares {

        @Bean
        Topic declared() {
            return Topic.of("weir.events.declared", 3, Duration.ofDays(7));
        }

        @Bean
        Topic compacted() {
            return new Topic("weir.clean.compacted", 1, Duration.ofDays(30), true);
        }

    }

}
