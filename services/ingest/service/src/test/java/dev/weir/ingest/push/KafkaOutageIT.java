package dev.weir.ingest.push;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

import dev.weir.ingest.IngestApplication;
import dev.weir.ingest.support.IngestTestInitializer;
import dev.weir.ingest.support.PushClient;
import dev.weir.platform.embedded.EmbeddedKafka;
import dev.weir.platform.kafka.Envelope;
import dev.weir.testing.infra.FreshDatabaseInitializer;
import dev.weir.testing.infra.TestPorts;
import dev.weir.testing.infra.TestTokensInitializer;

import static dev.weir.ingest.support.PushClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka made unreachable in the middle of a stream of pushes (its broker stopped), then
 * back: meanwhile every push is a quick 503 with {@code Retry-After}, never a 202 and
 * never a hung request; afterwards pushes are taken again and every event that got a 202
 * is on the topic, once.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + IngestApplication.NAME, "weir.ingest.schedules.enabled=false",
                "weir.ingest.lake.enabled=false", "weir.ingest.push.ack-timeout=3s",
                "logging.level.org.apache.kafka=ERROR", "logging.level.kafka=WARN",
                "logging.level.state.change.logger=WARN" })
@ContextConfiguration(initializers = { FreshDatabaseInitializer.class, IngestTestInitializer.class,
        TestTokensInitializer.class, KafkaOutageIT.OwnBroker.class })
class KafkaOutageIT {

    private static final String STREAM = "outage";

    static final Path HOME = home();

    static final int PORT = TestPorts.free();

    static final int CONTROLLER = TestPorts.free();

    static EmbeddedKafka broker = EmbeddedKafka.start(HOME, PORT, CONTROLLER);

    @LocalServerPort
    int port;

    private int ride;

    @AfterAll
    static void stopBroker() throws java.io.IOException {
        broker.close();
        org.springframework.util.FileSystemUtils.deleteRecursively(HOME);
    }

    @Test
    void pushesWhileKafkaIsAwayAre503sAndAfterItIsBackNothingAcceptedIsLost() {
        PushClient client = new PushClient(this.port);
        String schema = body(client.get("/events/streams/rides")).get("schema").toString();
        assertThat(client
            .put("/events/streams/" + STREAM,
                    "{\"name\":\"" + STREAM + "\",\"version\":1,\"key\":\"bike_id\",\"time\":\"at\",\"schema\":"
                            + schema + "}",
                    "application/json")
            .statusCode()).isIn(200, 201);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.addAll(acceptedIds(push(client)));
        }

        broker.close();
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            HttpResponse<String> refused = push(client);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(body(refused).get("type").asString()).isEqualTo("https://weir.dev/problems/events-not-stored");
            assertThat(took).as("answered, not hung").isLessThan(Duration.ofSeconds(30));
        }

        broker = EmbeddedKafka.start(HOME, PORT, CONTROLLER);
        await("pushes taken again").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            HttpResponse<String> response = push(client);
            if (response.statusCode() == 202) {
                accepted.addAll(acceptedIds(response));
                return true;
            }
            return false;
        });
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = push(client);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            accepted.addAll(acceptedIds(response));
        }

        Map<String, Integer> onTopic = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records("weir.raw." + STREAM)) {
            onTopic.merge(Envelope.from(record).id(), 1, Integer::sum);
        }
        assertThat(onTopic).containsKeys(accepted.toArray(String[]::new));
        assertThat(accepted).allSatisfy((id) -> assertThat(onTopic.get(id)).as(id).isEqualTo(1));
    }

    private HttpResponse<String> push(PushClient client) {
        StringBuilder events = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            int n = this.ride++;
            events.append((i > 0) ? "," : "").append(PushClient.ride("bike-" + (n % 20), "o" + n, n));
        }
        return client.json(STREAM, events.append(']').toString());
    }

    private static List<String> acceptedIds(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        List<String> ids = new ArrayList<>();
        body(response).get("ids").forEach((id) -> ids.add(id.asString()));
        return ids;
    }

    private static List<ConsumerRecord<String, byte[]>> records(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
                .stream()
                .map((p) -> new TopicPartition(topic, p.partition()))
                .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch((p) -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static Path home() {
        try {
            return Files.createTempDirectory("weir-test-outage-kafka");
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** Points the service at this test's own broker, which it stops and starts. */
    static class OwnBroker implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("own-broker",
                        Map.of("spring.kafka.bootstrap-servers", broker.bootstrapServers())));
        }

    }

}
