package dev.weir.retail.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.testing.infra.TestKafka;
import dev.weir.testing.infra.TestPostgres;
import dev.weir.retail.support.EventLog;
import dev.weir.retail.support.EventLog.Event;
import dev.weir.retail.support.RetailInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A relay that dies after Kafka acknowledged events and before it marked them leaves them
 * unmarked; the next relay finds them in Kafka and sends none of them again.
 */
class RelayCrashIT {

    @Test
    void eventsAcknowledgedButNotMarkedBeforeACrashAreNotPublishedAgain() throws Exception {
        String database = TestPostgres.newDatabase();
        String prefix = "X" + UUID.randomUUID().toString().substring(0, 8);
        List<String> customers = new ArrayList<>();
        try (EventLog log = new EventLog(TestKafka.bootstrapServers())) {
            try (RetailInstance first = RetailInstance.start(database, TestKafka.bootstrapServers())) {
                for (int i = 0; i < 30; i++) {
                    String id = prefix + "-" + i;
                    customers.add(id);
                    assertThat(first.http()
                        .post("/customer", "{\"customer_id\": \"" + id + "\", \"country\": \"Peru\"}")
                        .status()).isEqualTo(201);
                }
                log.awaitAbout(30, customers.toArray(String[]::new));
                await().atMost(Duration.ofSeconds(30)).until(() -> unpublished(database) == 0);
            }
            // what a crash between the acknowledgement and the marks leaves behind
            assertThat(sql(database,
                    "UPDATE retail.outbox SET published_at = NULL WHERE id > (SELECT max(id) - 20 FROM retail.outbox)"))
                .isEqualTo(20);

            try (RetailInstance second = RetailInstance.start(database, TestKafka.bootstrapServers())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> unpublished(database) == 0);
                String after = prefix + "-after";
                customers.add(after);
                second.http().post("/customer", "{\"customer_id\": \"" + after + "\", \"country\": \"Peru\"}");
                log.awaitAbout(1, after);

                await().atMost(Duration.ofSeconds(10)).until(() -> unpublished(database) == 0);
                assertThat(second.metric("weir.outbox.published")).as("events this relay sent").isEqualTo(1);
            }
            List<Event> events = log.about(customers.toArray(String[]::new));
            assertThat(events).hasSize(31);
            assertThat(events).extracting(Event::id).doesNotHaveDuplicates();
        }
    }

    static long unpublished(String database) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement
                    .executeQuery("SELECT count(*) FROM retail.outbox WHERE published_at IS NULL")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static int sql(String database, String update) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            return statement.executeUpdate(update);
        }
    }

    private static Connection connect(String database) throws SQLException {
        EmbeddedPostgres postgres = TestPostgres.server();
        return DriverManager.getConnection(database, postgres.username(), postgres.password());
    }

}
