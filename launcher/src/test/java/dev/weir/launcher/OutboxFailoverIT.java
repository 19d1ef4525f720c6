package dev.weir.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.platform.kafka.Envelope;
import dev.weir.testing.infra.TestKafka;
import dev.weir.testing.infra.TestPostgres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox's promise across a crash of the process that relays it: two Weirs on one
 * database and one Kafka cluster, each a process; the one whose relay leads is killed
 * with SIGKILL while customers are created and changed (by POST and by PATCH) through the
 * other; the other's relay takes over, and the topic, read to its end, holds every change
 * exactly once, in order per customer.
 */
class OutboxFailoverIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final int CUSTOMERS = 100;

    private static final int CHANGES = 5;

    @TempDir
    Path dataDirs;

    private final List<WeirProcess> started = new CopyOnWriteArrayList<>();

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        this.started.forEach(WeirProcess::kill);
    }

    @Test
    void theStandbyRelayTakesOverFromALeaderKilledMidBatchAndEveryEventIsOnTheTopicOnceInOrderPerKey()
            throws Exception {
        String database = TestPostgres.newDatabase();
        WeirProcess.Ports firstPorts = WeirProcess.Ports.free();
        WeirProcess first = up("first", firstPorts, database);
        WeirProcess.Ports secondPorts = WeirProcess.Ports.free();
        WeirProcess second = up("second", secondPorts, database);
        assertThat(relay(firstPorts)).as("the first started leads").isEqualTo("leading");
        assertThat(relay(secondPorts)).isEqualTo("standby");

        // customers created and changed through the second, while the first relays
        String prefix = "F" + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
            for (int c = 0; c < CUSTOMERS; c++) {
                String id = prefix + "-" + c;
                assertThat(send(secondPorts, "POST", "/customer", "application/json",
                        "{\"customer_id\": \"" + id + "\", \"country\": \"Country 0\"}"))
                    .isEqualTo(201);
                written.incrementAndGet();
                for (int change = 1; change <= CHANGES; change++) {
                    assertThat(send(secondPorts, "PATCH", "/customer/" + id, "application/merge-patch+json",
                            "{\"country\": \"Country " + change + "\"}"))
                        .isEqualTo(200);
                    written.incrementAndGet();
                }
            }
        });
        // kill the leader once it has relayed some of them, while writes go on
        await().atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> eventsAbout(prefix).size() >= CUSTOMERS);
        assertThat(writes).as("killed mid-way through the writes").isNotDone();
        first.process.destroyForcibly();
        first.process.waitFor();

        writes.get();
        int expected = written.get();
        assertThat(expected).isEqualTo(CUSTOMERS * (1 + CHANGES));
        await("the standby to lead and publish everything").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> "leading".equals(relay(secondPorts)) && backlog(secondPorts) == 0);

        // the topic read to its end: per customer, its creation then its changes, each
        // once
        Map<String, List<String>> countries = new LinkedHashMap<>();
        Map<String, List<String>> types = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : eventsAbout(prefix)) {
            Envelope event = Envelope.from(record);
            JsonNode data = JSON.readTree(event.data());
            countries.computeIfAbsent(record.key(), (k) -> new ArrayList<>()).add(data.path("country").asString());
            types.computeIfAbsent(record.key(), (k) -> new ArrayList<>()).add(event.type());
        }
        assertThat(countries).hasSize(CUSTOMERS);
        List<String> inOrder = new ArrayList<>();
        List<String> typesInOrder = new ArrayList<>(List.of("weir.retail.customer.created"));
        for (int change = 0; change <= CHANGES; change++) {
            inOrder.add("Country " + change);
            if (change > 0) {
                typesInOrder.add("weir.retail.customer.updated");
            }
        }
        countries.forEach((key, values) -> assertThat(values).as("the events of %s, in offset order", key)
            .containsExactlyElementsOf(inOrder));
        types.forEach((key, values) -> assertThat(values).as(key).containsExactlyElementsOf(typesInOrder));
        second.terminate();
    }

    private List<ConsumerRecord<String, byte[]>> eventsAbout(String prefix) {
        return TestKafka.records("weir.events.retail")
            .stream()
            .filter((record) -> record.key() != null && record.key().startsWith(prefix + "-"))
            .toList();
    }

    /**
     * The admin key of both Weirs (they share a database: the second would not write out
     * the key the first made); writes go through the edge with it.
     */
    private static final String ADMIN_KEY = "outbox-failover-admin-key-0123456789abcdef";

    private WeirProcess up(String name, WeirProcess.Ports ports, String database) throws Exception {
        EmbeddedPostgres postgres = TestPostgres.server();
        WeirProcess weir = WeirProcess.up(this.dataDirs.resolve(name), ports,
                Map.of("WEIR_DB_URL", database, "WEIR_DB_USER", postgres.username(), "WEIR_DB_PASSWORD",
                        postgres.password(), "WEIR_KAFKA_BOOTSTRAP", TestKafka.bootstrapServers(), "WEIR_ADMIN_KEY",
                        ADMIN_KEY));
        this.started.add(weir);
        weir.awaitUp();
        return weir;
    }

    private String relay(WeirProcess.Ports ports) throws Exception {
        return outbox(ports).path("details").path("relay").asString();
    }

    private long backlog(WeirProcess.Ports ports) throws Exception {
        return outbox(ports).path("details").path("backlog").asLong(-1);
    }

    private JsonNode outbox(WeirProcess.Ports ports) throws Exception {
        HttpResponse<String> health = this.http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.retail() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(health.body()).path("components").path("outbox");
    }

    private int send(WeirProcess.Ports ports, String method, String path, String type, String json) {
        try {
            return this.http
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.edge() + path))
                    .header("X-API-Key", ADMIN_KEY)
                    .header("Content-Type", type)
                    .method(method, HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        }
        catch (Exception ex) {
            throw new IllegalStateException(method + " " + path + " failed", ex);
        }
    }

}
