package dev.weir.platform.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.weir.testing.infra.TestPorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedKafkaIT {

    @TempDir
    Path home;

    @Test
    void keepsMessagesAcrossARestartOfTheBroker() throws Exception {
        int port = TestPorts.free();
        int controller = TestPorts.free();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(this.home, port, controller)) {
            try (Admin admin = Admin
                .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("weir.test.kept", 2, (short) 1))).all().get();
            }
            try (var producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("weir.test.kept", "k", "survives")).get();
            }
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(this.home, port, controller);
                var consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                        new StringDeserializer())) {
            consumer.subscribe(Set.of("weir.test.kept"));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach((record) -> values.add(record.value()));
            }
            assertThat(values).containsExactly("survives");
        }
    }

    @Test
    void createsNoTopicOnFirstUse() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(this.home, TestPorts.free(), TestPorts.free());
                var producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                                ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000"),
                        new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("weir.undeclared", "v")).get())
                .hasMessageContaining("not present in metadata");
            try (Admin admin = Admin
                .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).doesNotContain("weir.undeclared");
            }
        }
    }

}
