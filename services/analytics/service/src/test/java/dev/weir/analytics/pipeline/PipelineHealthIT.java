package dev.weir.analytics.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.weir.analytics.support.AnalyticsIT;
import dev.weir.analytics.support.LoadedWarehouse;
import dev.weir.analytics.support.TestClock;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.TestKafka;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline-health view: the warehouse's bookkeeping as the loader writes it, the
 * consumer lag from a real Kafka broker, and the connector runs of an Ingest service that
 * does not answer.
 */
@AnalyticsIT
class PipelineHealthIT {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    Http http;

    JdbcClient owner;

    @BeforeEach
    void setUp() {
        this.http = new Http(this.port, "analytics.read");
        this.owner = JdbcClient.create(LoadedWarehouse.get().database.owner());
    }

    @Test
    void healthShowsEachDatasetsLastLoadDeadLettersCountsAndLag() throws Exception {
        this.owner.sql("DELETE FROM warehouse.load_batch WHERE dataset = 'telemetry'").update();
        this.owner.sql("DELETE FROM warehouse.dead_letter WHERE dataset = 'telemetry'").update();
        this.owner.sql("DELETE FROM warehouse.pipeline_count WHERE dataset = 'telemetry'").update();
        this.owner.sql("""
                INSERT INTO warehouse.load_batch (dataset, loaded_at, rows, max_event_time, max_freshness_ms)
                VALUES ('telemetry', now() - interval '2 minutes', 300, now() - interval '3 minutes', 850),
                       ('telemetry', now() - interval '1 minute', 200, now() - interval '2 minutes', 420)""").update();
        for (int i = 0; i < 3; i++) {
            this.owner.sql("""
                    INSERT INTO warehouse.dead_letter (dataset, dlq_partition, dlq_offset, stage, rule, reason, dead_at)
                    VALUES ('telemetry', 0, :offset, 'pipeline', :rule, :reason, now())""")
                .param("offset", 1000 + i)
                .param("rule", (i < 2) ? "telemetry.coordinates_out_of_range" : "telemetry.no_vehicle")
                .param("reason", "reason " + i)
                .update();
        }
        this.owner.sql("""
                INSERT INTO warehouse.pipeline_count (dataset, counter, value)
                VALUES ('telemetry', 'raw.read', 503), ('telemetry', 'loaded.vehicle_telemetry.inserted', 500)""")
            .update();
        String topic = "weir.clean.telemetry";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
        }
        Properties producer = new Properties();
        producer.put("bootstrap.servers", TestKafka.bootstrapServers());
        producer.put("key.serializer", StringSerializer.class.getName());
        producer.put("value.serializer", StringSerializer.class.getName());
        long end;
        try (KafkaProducer<String, String> kafka = new KafkaProducer<>(producer)) {
            for (int i = 0; i < 5; i++) {
                kafka.send(new ProducerRecord<>(topic, 0, "k" + i, "{}")).get();
            }
            end = kafka.send(new ProducerRecord<>(topic, 0, "k5", "{}")).get().offset() + 1;
        }
        this.owner.sql("""
                INSERT INTO warehouse.loader_offset (topic, partition, next_offset) VALUES (:topic, 0, :next)
                ON CONFLICT (topic, partition) DO UPDATE SET next_offset = excluded.next_offset""")
            .param("topic", topic)
            .param("next", end - 4)
            .update();
        this.clock.advance(Duration.ofMinutes(1)); // past the last answer's max-age

        JsonNode telemetry = dataset(this.http.get("/pipeline/health").json(), "telemetry");
        JsonNode freshness = telemetry.get("freshness");
        assertThat(freshness.get("rows_last_hour").asLong()).isEqualTo(500);
        assertThat(freshness.get("last_batch_freshness_ms").asLong()).isEqualTo(420);
        assertThat(freshness.get("per_minute")).hasSize(2);
        assertThat(telemetry.get("dead_letters").get("total").asLong()).isEqualTo(3);
        JsonNode topRule = telemetry.get("dead_letters").get("by_rule").get(0);
        assertThat(topRule.get("rule").asString()).isEqualTo("telemetry.coordinates_out_of_range");
        assertThat(topRule.get("count").asLong()).isEqualTo(2);
        assertThat(telemetry.get("counts").get("raw.read").asLong()).isEqualTo(503);
        assertThat(telemetry.get("lag").get("available").asBoolean()).isTrue();
        assertThat(telemetry.get("lag").get("by_topic").get(topic).asLong()).isEqualTo(4);
        assertThat(telemetry.get("lag").get("records").asLong()).isEqualTo(4);
    }

    @Test
    void connectorRunsSayWhenTheIngestServiceDoesNotAnswer() {
        this.clock.advance(Duration.ofMinutes(1));
        JsonNode body = this.http.get("/pipeline/health").json();
        List<String> datasets = new ArrayList<>();
        body.get("datasets").forEach((d) -> datasets.add(d.get("dataset").asString()));
        assertThat(datasets).containsExactly("retail", "fhrs", "open-meteo", "rides", "telemetry");
        JsonNode runs = dataset(body, "fhrs").get("runs");
        assertThat(runs.get("connector").asString()).isEqualTo("fhrs");
        assertThat(runs.get("available").asBoolean()).isFalse();
        assertThat(runs.get("reason").asString()).startsWith("The Ingest service did not answer");
        assertThat(dataset(body, "rides").get("runs").isNull()).isTrue();
        Http.Response again = this.http.get("/pipeline/health");
        assertThat(again.header("Cache-Control")).isEqualTo("max-age=2, must-revalidate");
    }

    private static JsonNode dataset(JsonNode health, String name) {
        for (JsonNode dataset : health.get("datasets")) {
            if (dataset.get("dataset").asString().equals(name)) {
                return dataset;
            }
        }
        throw new AssertionError("no dataset " + name);
    }

}
