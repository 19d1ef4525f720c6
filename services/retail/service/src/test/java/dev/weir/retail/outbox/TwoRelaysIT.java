package dev.weir.retail.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.weir.testing.infra.TestKafka;
import dev.weir.testing.infra.TestPostgres;
import dev.weir.retail.support.EventLog;
import dev.weir.retail.support.EventLog.Event;
import dev.weir.retail.support.RetailInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Retail processes on one database: one relay publishes, the other stands by and
 * takes over when the first stops.
 */
class TwoRelaysIT {

    @Test
    void oneRelayPublishesWhatBothProcessesWriteAndTheOtherTakesOverWhenItStops() throws Exception {
        String database = TestPostgres.newDatabase();
        String prefix = "Y" + UUID.randomUUID().toString().substring(0, 8);
        List<String> customers = new ArrayList<>();
        try (EventLog log = new EventLog(TestKafka.bootstrapServers());
                RetailInstance a = RetailInstance.start(database, TestKafka.bootstrapServers());
                RetailInstance b = RetailInstance.start(database, TestKafka.bootstrapServers())) {
            await().atMost(Duration.ofSeconds(10))
                .until(() -> List.of(a.relay(), b.relay()).containsAll(List.of("leading", "standby")));
            RetailInstance leader = a.relay().equals("leading") ? a : b;
            RetailInstance standby = (leader == a) ? b : a;

            for (int i = 0; i < 10; i++) {
                for (RetailInstance instance : List.of(a, b)) {
                    String id = prefix + "-" + customers.size();
                    customers.add(id);
                    assertThat(instance.http()
                        .post("/customer", "{\"customer_id\": \"" + id + "\", \"country\": \"Chile\"}")
                        .status()).isEqualTo(201);
                }
            }
            log.awaitAbout(20, customers.toArray(String[]::new));
            // marked (and counted) just after Kafka acknowledged them
            await().atMost(Duration.ofSeconds(10)).until(() -> leader.metric("weir.outbox.published") == 20);
            assertThat(standby.metric("weir.outbox.published")).isZero();
            assertThat(standby.relay()).isEqualTo("standby");

            leader.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> standby.relay().equals("leading"));
            for (int i = 0; i < 10; i++) {
                String id = prefix + "-" + customers.size();
                customers.add(id);
                standby.http().post("/customer", "{\"customer_id\": \"" + id + "\", \"country\": \"Chile\"}");
            }
            List<Event> events = log.awaitAbout(30, customers.toArray(String[]::new));
            assertThat(events).hasSize(30);
            assertThat(events).extracting(Event::id).doesNotHaveDuplicates();
            await().atMost(Duration.ofSeconds(10)).until(() -> standby.metric("weir.outbox.published") == 10);
        }
    }

}
