package dev.weir.retail.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.weir.platform.embedded.EmbeddedKafka;
import dev.weir.testing.infra.TestPorts;
import dev.weir.testing.infra.TestPostgres;
import dev.weir.retail.support.EventLog;
import dev.weir.retail.support.EventLog.Event;
import dev.weir.retail.support.RetailInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka down, at start-up and later: the service starts and takes writes, the outbox
 * grows, and when the broker is back every event is published once, in order per key.
 */
class KafkaDownIT {

    @TempDir
    Path brokerHome;

    @Test
    void startsAndTakesWritesWhileKafkaIsDownThenPublishesTheBacklogOnceInOrder() throws Exception {
        int port = TestPorts.free();
        int controllerPort = TestPorts.free();
        String bootstrap = "127.0.0.1:" + port;
        String prefix = "Z" + UUID.randomUUID().toString().substring(0, 8);
        List<String> customers = new ArrayList<>();
        try (RetailInstance retail = RetailInstance.start(TestPostgres.newDatabase(), bootstrap,
                "weir.retail.outbox.retry-backoff-max=1s")) {
            for (int i = 0; i < 20; i++) {
                String id = prefix + "-" + i;
                customers.add(id);
                assertThat(retail.http()
                    .post("/customer", "{\"customer_id\": \"" + id + "\", \"country\": \"Country 0\"}")
                    .status()).isEqualTo(201);
                assertThat(retail.http().put("/customer/" + id, "{\"country\": \"Country 1\"}").status())
                    .isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> retail.metric("weir.outbox.backlog") == 40);
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox(retail).has("last_error"));
            JsonNode outbox = outbox(retail);
            assertThat(retail.http().get("/health").json().get("status").asString()).isEqualTo("UP");
            assertThat(outbox.get("backlog").asLong()).isEqualTo(40);
            assertThat(retail.metric("weir.outbox.lag")).isPositive();

            try (EmbeddedKafka broker = EmbeddedKafka.start(this.brokerHome, port, controllerPort)) {
                try (EventLog log = new EventLog(bootstrap)) {
                    assertInOrderOnce(log.awaitAbout(40, customers.toArray(String[]::new)), customers, 2);
                }
            }
            // down again, while the service runs
            for (String id : customers) {
                assertThat(retail.http().put("/customer/" + id, "{\"country\": \"Country 2\"}").status())
                    .isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> retail.metric("weir.outbox.backlog") == 20);
            try (EmbeddedKafka broker = EmbeddedKafka.start(this.brokerHome, port, controllerPort);
                    EventLog log = new EventLog(bootstrap)) {
                assertInOrderOnce(log.awaitAbout(60, customers.toArray(String[]::new)), customers, 3);
                await().atMost(Duration.ofSeconds(10)).until(() -> retail.metric("weir.outbox.backlog") == 0);
            }
        }
    }

    private static void assertInOrderOnce(List<Event> events, List<String> customers, int perCustomer) {
        assertThat(events).hasSize(customers.size() * perCustomer);
        assertThat(events).extracting(Event::id).doesNotHaveDuplicates();
        for (String id : customers) {
            List<String> countries = events.stream()
                .filter((event) -> event.subject().equals(id))
                .map((event) -> event.data().get("country").asString())
                .toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < perCustomer; i++) {
                expected.add("Country " + i);
            }
            assertThat(countries).as(id).isEqualTo(expected);
        }
    }

    private static JsonNode outbox(RetailInstance retail) {
        return retail.http().get("/health").json().get("components").get("outbox").get("details");
    }

}
