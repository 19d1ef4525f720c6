package dev.weir.retail.outbox;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.weir.platform.kafka.Topic;

/** The topic the Retail service's events go to. */
@Configuration(proxyBeanMethods = false)
class OutboxTopic {

    /**
     * {@value OutboxRelay#TOPIC}: 6 partitions (a customer's or an invoice's events share
     * one, by key), kept 7 days.
     */
    @Bean
    Topic retailEvents() {
        return Topic.of(OutboxRelay.TOPIC, 6, Duration.ofDays(7));
    }

}
