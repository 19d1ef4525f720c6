package dev.weir.example.todo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.weir.example.todo.system.TodoTopics;
import dev.weir.example.todo.todo.TodoService;
import dev.weir.testing.infra.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@TodoIT
class TodoCommandsIT {

    @Autowired
    TodoService todos;

    @Test
    void appliesACommandOnceHoweverOftenItIsDelivered() throws Exception {
        String title = "Deduplicate " + UUID.randomUUID();
        String command = "{\"command_id\": \"c-" + UUID.randomUUID() + "\", \"action\": \"create\", \"title\": \""
                + title + "\"}";
        send(command);
        send(command);
        String marker = "Marker " + UUID.randomUUID();
        send("{\"command_id\": \"m-" + UUID.randomUUID() + "\", \"action\": \"create\", \"title\": \"" + marker
                + "\"}");
        await().atMost(Duration.ofSeconds(30))
            .until(() -> this.todos.list().stream().anyMatch((todo) -> todo.title().equals(marker)));
        assertThat(this.todos.list().stream().filter((todo) -> todo.title().equals(title))).hasSize(1);
    }

    @Test
    void sendsCommandsItCannotApplyToTheDeadLetterTopicWithTheReasonAndGoesOn() throws Exception {
        String run = UUID.randomUUID().toString();
        byte[] garbage = ("not json " + run).getBytes(StandardCharsets.UTF_8);
        send(garbage);
        send("{\"command_id\": \"u-" + run + "\", \"action\": \"explode\"}");
        send("{\"command_id\": \"n-" + run + "\", \"action\": \"complete\", \"id\": 999999999}");
        String after = "After the bad ones " + run;
        send("{\"command_id\": \"a-" + run + "\", \"action\": \"create\", \"title\": \"" + after + "\"}");

        await().atMost(Duration.ofSeconds(30))
            .until(() -> this.todos.list().stream().anyMatch((todo) -> todo.title().equals(after)));

        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(TodoTopics.DEAD_LETTERS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
                    if (new String(record.value(), StandardCharsets.UTF_8).contains(run)) {
                        dead.add(record);
                    }
                });
                return dead.size() >= 3;
            });
        }
        assertThat(dead).hasSize(3);
        assertThat(dead).anySatisfy((record) -> assertThat(record.value()).isEqualTo(garbage));
        List<String> reasons = dead.stream()
            .map((record) -> new String(record.headers().lastHeader("weir-dlq-reason").value(), StandardCharsets.UTF_8))
            .toList();
        assertThat(reasons).anySatisfy((reason) -> assertThat(reason).contains("not a TODO command"))
            .anySatisfy((reason) -> assertThat(reason).contains("must be one of create"))
            .anySatisfy((reason) -> assertThat(reason).startsWith("not-found"));
    }

    private static void send(String json) throws Exception {
        send(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(byte[] value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TodoTopics.COMMANDS, "todo", value)).get();
        }
    }

}
