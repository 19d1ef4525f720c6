package dev.weir.platform.kafka;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Kafka settings every Weir service shares ({@code weir.kafka.*}); the connection itself
 * is Spring Boot's {@code spring.kafka.bootstrap-servers} (env
 * {@code WEIR_KAFKA_BOOTSTRAP} in the services' files).
 *
 * @param replicationFactor replicas of each declared topic; {@code 0} uses the broker's
 * default ({@code default.replication.factor}: 1 on the embedded broker, typically 3 on a
 * cluster)
 */
@ConfigurationProperties("weir.kafka")
@Validated
public record WeirKafkaProperties(@DefaultValue("0") @Min(0) @Max(32) int replicationFactor) {
}
