package dev.weir.retail.outbox;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.weir.platform.grpc.WeirGrpcServer;
import dev.weir.retail.api.v1.CreateCustomerRequest;
import dev.weir.retail.customer.CustomerService;
import dev.weir.retail.importer.ImportProgress;
import dev.weir.retail.importer.ImportReport;
import dev.weir.retail.importer.RetailImporter;
import dev.weir.retail.support.EventLog.Event;
import dev.weir.retail.support.EventLog;
import dev.weir.retail.support.Grpc;
import dev.weir.retail.support.RetailIT;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.TestKafka;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the Retail service publishes to {@code weir.events.retail} for each change, on the
 * shared test broker. Its own database (its own pool name gives it its own context: it
 * imports a file); the topic is shared with other tests, so each test uses ids no other
 * test does.
 */
@RetailIT
@TestPropertySource(properties = "spring.datasource.hikari.pool-name=retail-outbox")
class OutboxIT {

    static EventLog log;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CustomerService customers;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DataSource dataSource;

    @Autowired
    WeirGrpcServer grpcServer;

    Http http;

    @BeforeAll
    static void readTopic() {
        log = new EventLog(TestKafka.bootstrapServers());
    }

    @AfterAll
    static void stopReading() {
        log.close();
    }

    @BeforeEach
    void client() {
        this.http = new Http(this.port);
    }

    @Test
    void publishesOneCloudEventPerCustomerChangeWithTheResourceAsTheApiShowsIt() {
        String id = unique("C");
        var created = this.http.post("/customer", "{\"customer_id\": \"" + id + "\", \"country\": \"France\"}");
        assertThat(created.status()).isEqualTo(201);
        // a PUT that changes nothing has no event
        assertThat(this.http.put("/customer/" + id, "{\"country\": \"France\"}").status()).isEqualTo(200);
        var changed = this.http.put("/customer/" + id, "{\"country\": \"Germany\"}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(this.http.delete("/customer/" + id).status()).isEqualTo(204);

        List<Event> events = log.awaitAbout(3, id);
        assertThat(events).extracting(Event::type)
            .containsExactly("weir.retail.customer.created", "weir.retail.customer.updated",
                    "weir.retail.customer.deleted");
        assertThat(events.get(0).data()).isEqualTo(created.json());
        assertThat(events.get(1).data()).isEqualTo(changed.json());
        assertThat(events.get(2).data()).isEqualTo(changed.json());

        Event first = events.get(0);
        assertThat(first.key()).isEqualTo(id);
        assertThat(first.envelope().get("specversion").asString()).isEqualTo("1.0");
        assertThat(first.envelope().get("source").asString()).isEqualTo("/weir/retail");
        assertThat(first.envelope().get("subject").asString()).isEqualTo(id);
        assertThat(first.envelope().get("datacontenttype").asString()).isEqualTo("application/json");
        assertThat(first.envelope().get("time").asString()).isNotBlank();
        assertThat(events).extracting((event) -> UUID.fromString(event.id()))
            .as("every event has its own id, a UUID")
            .doesNotHaveDuplicates();
        assertThat(first.headers()).containsEntry("weir-event-id", first.id())
            .containsEntry("weir-event-type", "weir.retail.customer.created")
            .containsKey("weir-outbox-id")
            .containsEntry("content-type", "application/cloudevents+json");
        assertThat(this.jdbc.sql("SELECT event_id::text FROM retail.outbox WHERE id = ?")
            .param(Long.parseLong(first.headers().get("weir-outbox-id")))
            .query(String.class)
            .single()).isEqualTo(first.id());
        assertThat(events).extracting(Event::id).doesNotHaveDuplicates();
        assertThat(events).extracting(Event::partition).containsOnly(first.partition());
    }

    @Test
    void publishesInvoiceCreationAndEachAddedLineKeyedByTheInvoiceNumber() {
        String customer = unique("I");
        String invoiceNo = unique("9").toUpperCase(java.util.Locale.ROOT);
        String code = unique("T").toUpperCase(java.util.Locale.ROOT);
        this.http.post("/customer", "{\"customer_id\": \"" + customer + "\", \"country\": \"Spain\"}");
        this.http.post("/stockcode",
                "{\"stock_code\": \"" + code + "\", \"description\": \"TEA SET\", \"unit_price\": 3.5}");
        var invoice = this.http.post("/customer/" + customer + "/invoice",
                "{\"invoice_no\": \"" + invoiceNo + "\", \"invoice_date\": \"2011-01-02T10:00:00\"}");
        assertThat(invoice.status()).isEqualTo(201);
        var line = this.http.post("/invoice/" + invoiceNo + "/" + code, "{\"quantity\": 4}");
        assertThat(line.status()).isEqualTo(201);
        // a line that is there already: a conflict, no event
        assertThat(this.http.post("/invoice/" + invoiceNo + "/" + code, "{\"quantity\": 4}").status()).isEqualTo(409);

        List<Event> events = log.awaitAbout(2, invoiceNo);
        assertThat(events).extracting(Event::type)
            .containsExactly("weir.retail.invoice.created", "weir.retail.invoice.line_added");
        assertThat(events).extracting(Event::key).containsOnly(invoiceNo);
        assertThat(events.get(0).data()).isEqualTo(invoice.json());
        assertThat(events.get(1).data()).isEqualTo(line.json());
        JsonNode data = events.get(1).data();
        assertThat(data.get("unit_price").decimalValue()).isEqualByComparingTo("3.5");
    }

    @Test
    void publishesCatalogueChangesButNotAReplacementThatChangesNothing() {
        String code = unique("S").toUpperCase(java.util.Locale.ROOT);
        var created = this.http.post("/stockcode",
                "{\"stock_code\": \"" + code + "\", \"description\": \"MUG\", \"unit_price\": 2.5}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(this.http.put("/stockcode/" + code, "{\"description\": \"MUG\", \"unit_price\": 2.50}").status())
            .isEqualTo(200);
        var changed = this.http.put("/stockcode/" + code, "{\"description\": \"MUG\", \"unit_price\": 2.75}");
        assertThat(changed.status()).isEqualTo(200);

        List<Event> events = log.awaitAbout(2, code);
        assertThat(events).extracting(Event::type)
            .containsExactly("weir.retail.stockcode.created", "weir.retail.stockcode.updated");
        assertThat(events.get(0).data()).isEqualTo(created.json());
        assertThat(events.get(1).data()).isEqualTo(changed.json());
    }

    @Test
    void aRolledBackChangePublishesNothing() {
        String rolledBack = unique("R");
        String committed = unique("K");
        this.transactions.executeWithoutResult((status) -> {
            this.customers.create(rolledBack, "Norway");
            status.setRollbackOnly();
        });
        this.customers.create(committed, "Norway");

        log.awaitAbout(1, committed);
        assertThat(log.about(rolledBack)).isEmpty();
        assertThat(this.jdbc.sql("SELECT count(*) FROM retail.outbox WHERE subject = ?")
            .param(rolledBack)
            .query(Long.class)
            .single()).isZero();
    }

    @Test
    void publishesAChangeWhoseTransactionCommitsAfterALaterOneOnceAndTheLaterOneMeanwhile() throws Exception {
        String early = unique("E");
        String late = unique("L");
        CountDownLatch earlyWritten = new CountDownLatch(1);
        CountDownLatch commitEarly = new CountDownLatch(1);
        // the early change takes the lower outbox id and commits last
        CompletableFuture<Void> slow = CompletableFuture
            .runAsync(() -> this.transactions.executeWithoutResult((status) -> {
                this.customers.create(early, "Norway");
                earlyWritten.countDown();
                try {
                    assertThat(commitEarly.await(60, TimeUnit.SECONDS)).isTrue();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ex);
                }
            }));
        assertThat(earlyWritten.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(this.http.post("/customer", "{\"customer_id\": \"" + late + "\", \"country\": \"Norway\"}").status())
            .isEqualTo(201);
        List<Event> lateEvents = log.awaitAbout(1, late);
        assertThat(lateEvents).as("the later change is published while the earlier one is uncommitted").hasSize(1);
        assertThat(log.about(early)).isEmpty();

        commitEarly.countDown();
        slow.get(30, TimeUnit.SECONDS);
        List<Event> events = log.awaitAbout(2, early, late);
        assertThat(events).extracting(Event::subject)
            .as("each once, the earlier id not skipped")
            .containsExactlyInAnyOrder(early, late);
        long earlyId = Long.parseLong(log.about(early).get(0).headers().get("weir-outbox-id"));
        long lateId = Long.parseLong(lateEvents.get(0).headers().get("weir-outbox-id"));
        assertThat(earlyId).as("the early change's outbox id is the lower: commits finished out of id order")
            .isLessThan(lateId);
    }

    @Test
    void publishesAChangeMadeOverGrpcAndOneMadeByPatchAsThoseMadeByPostAndPut() {
        String id = unique("G");
        try (Grpc grpc = new Grpc(this.grpcServer.port())) {
            grpc.customers()
                .createCustomer(CreateCustomerRequest.newBuilder().setCustomerId(id).setCountry("Chile").build());
        }
        var patched = this.http.patch("/customer/" + id, "{\"country\": \"Peru\"}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);

        List<Event> events = log.awaitAbout(2, id);
        assertThat(events).extracting(Event::type)
            .containsExactly("weir.retail.customer.created", "weir.retail.customer.updated");
        assertThat(events.get(0).data().get("customer_id").asString()).isEqualTo(id);
        assertThat(events.get(0).data().get("country").asString()).isEqualTo("Chile");
        assertThat(events.get(1).data()).isEqualTo(patched.json());
    }

    @Test
    void deliversTwoHundredUpdatesOfOneCustomerInOrder() {
        String id = unique("O");
        this.http.post("/customer", "{\"customer_id\": \"" + id + "\", \"country\": \"Country 0\"}");
        for (int i = 1; i <= 200; i++) {
            assertThat(this.http.put("/customer/" + id, "{\"country\": \"Country " + i + "\"}").status())
                .isEqualTo(200);
        }

        List<Event> events = log.awaitAbout(201, id);
        assertThat(events).hasSize(201);
        for (int i = 0; i <= 200; i++) {
            assertThat(events.get(i).data().get("country").asString()).isEqualTo("Country " + i);
        }
    }

    @Test
    void anImportPublishesOneSummaryEventWithTheReportsCounts() throws URISyntaxException {
        Path file = Path.of(OutboxIT.class.getResource("/online-retail/online_retail_slice_uci.csv").toURI());
        long before = this.jdbc.sql("SELECT count(*) FROM retail.outbox").query(Long.class).single();

        ImportReport report = RetailImporter.importFile(this.dataSource, file, ImportProgress.NONE);

        assertThat(this.jdbc.sql("SELECT count(*) FROM retail.outbox").query(Long.class).single())
            .isEqualTo(before + 1);
        Event event = log
            .await((e) -> e.type().equals("weir.retail.import.finished")
                    && e.data().get("lines_read").asLong() == report.linesRead()
                    && e.data().get("lines_stored").asLong() == report.linesStored(), 1)
            .get(0);
        assertThat(event.key()).isEqualTo("import");
        assertThat(event.subject()).isEqualTo("online_retail_slice_uci.csv");
        JsonNode data = event.data();
        assertThat(data.get("format").asString()).isEqualTo("uci_export");
        assertThat(data.get("lines_already_present").asLong()).isEqualTo(report.linesAlreadyPresent());
        assertThat(data.get("lines_rejected").asLong()).isEqualTo(report.linesRejected());
        assertThat(data.get("customers").get("added").asLong()).isEqualTo(report.customers().added());
        assertThat(data.get("invoices").get("already_present").asLong()).isEqualTo(report.invoices().alreadyPresent());
    }

    @Test
    void showsBacklogLagAndTheRelayInHealthAndMetrics() {
        String id = unique("H");
        this.http.post("/customer", "{\"customer_id\": \"" + id + "\", \"country\": \"Italy\"}");
        log.awaitAbout(1, id);

        JsonNode outbox = this.http.get("/health").json().get("components").get("outbox");
        assertThat(outbox.get("status").asString()).isEqualTo("UP");
        assertThat(outbox.get("details").get("relay").asString()).isEqualTo("leading");
        assertThat(outbox.get("details").get("topic").asString()).isEqualTo("weir.events.retail");
        assertThat(outbox.get("details").has("backlog")).isTrue();
        assertThat(outbox.get("details").has("lag_seconds")).isTrue();
        assertThat(outbox.get("details").has("last_published_at")).isTrue();

        assertThat(metric("weir.outbox.published")).isPositive();
        // everything written is published: the gauges read the table (at most a second
        // old), not a constant
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(metric("weir.outbox.backlog")).isZero();
            assertThat(metric("weir.outbox.lag")).isZero();
        });
    }

    @Test
    void declaresItsTopicWithSixPartitionsKeptSevenDays() throws Exception {
        String id = unique("P");
        this.http.post("/customer", "{\"customer_id\": \"" + id + "\", \"country\": \"Malta\"}");
        log.awaitAbout(1, id);
        try (Admin admin = Admin
            .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(EventLog.TOPIC))
                .allTopicNames()
                .get()
                .get(EventLog.TOPIC)
                .partitions()).hasSize(6);
            var topic = new ConfigResource(ConfigResource.Type.TOPIC, EventLog.TOPIC);
            assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic).get("retention.ms").value())
                .isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
        }
    }

    private double metric(String name) {
        var response = this.http.get("/metrics/" + name);
        assertThat(response.status()).as(name).isEqualTo(200);
        return response.json().get("measurements").get(0).get("value").asDouble();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

}
