package dev.weir.pipeline.dlq;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import dev.weir.pipeline.spi.Cleaner;
import dev.weir.pipeline.spi.Cleaning;
import dev.weir.pipeline.spi.Column;
import dev.weir.pipeline.spi.Dataset;
import dev.weir.pipeline.spi.Dataset.Repeats;
import dev.weir.pipeline.spi.Dataset.SourceTopic;
import dev.weir.pipeline.spi.JsonValues;
import dev.weir.pipeline.spi.Row;
import dev.weir.pipeline.spi.Rule;
import dev.weir.pipeline.spi.Table;
import dev.weir.pipeline.support.PipelineIT;
import dev.weir.pipeline.support.RawProducer;
import dev.weir.pipeline.support.Warehouse;
import dev.weir.testing.infra.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dead letters through the admin API: listed, shown with their original record and
 * provenance, replayed. A replay that fails again becomes a new dead letter; once the
 * rule is fixed a replay is cleaned, and a dead letter replayed again is not cleaned
 * twice. A dataset of the test's own (the SPI) has a rule the test can fix.
 */
@PipelineIT
@Import(DeadLetterReplayIT.ProbeDataset.class)
class DeadLetterReplayIT {

    static final AtomicBoolean FIXED = new AtomicBoolean();

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @LocalServerPort
    int port;

    @Test
    void replaysDeadLettersOnceTheRuleIsFixedAndCleansEachOnlyOnce() throws Exception {
        this.jdbc
            .sql("CREATE TABLE warehouse.probe_row (id text PRIMARY KEY, value text, received_at timestamptz, "
                    + "loaded_at timestamptz NOT NULL DEFAULT now())")
            .update();
        Warehouse warehouse = new Warehouse(this.jdbc);
        try (RawProducer producer = new RawProducer(this.bootstrap)) {
            producer.send(List.of(producer.pushed("probe", "p-1", "ok1", java.time.Instant.now(), json("ok1", "fine")),
                    producer.pushed("probe", "p-2", "bad1", java.time.Instant.now(), json("bad1", "bad")),
                    producer.pushed("probe", "p-3", "bad2", java.time.Instant.now(), json("bad2", "bad"))));
        }
        Warehouse.await("one row and two dead letters", Duration.ofSeconds(90),
                () -> warehouse.count("probe_row") == 1 && warehouse.count("dead_letter") == 2);

        JsonNode page = get("/dlq/probe");
        assertThat(page.path("items")).hasSize(2);
        String first = page.path("items").get(0).path("id").asString();
        JsonNode letter = get("/dlq/probe/" + first);
        assertThat(letter.path("summary").path("rule").asString()).isEqualTo("probe.bad_value");
        assertThat(letter.path("summary").path("original").path("topic").asString()).isEqualTo("weir.raw.probe");
        assertThat(letter.path("original_value").asString()).contains("\"value\":\"bad\"");
        assertThat(letter.path("provenance").path("event_id").asString()).startsWith("p-");
        assertThat(get("/dlq").path("datasets").path("probe").path("probe.bad_value").asLong()).isEqualTo(2);

        // replayed before the fix: it fails again, as a new dead letter that names the
        // first
        assertThat(post("/dlq/probe/replay", "{\"ids\": [\"" + first + "\"]}").path("replayed").asInt()).isEqualTo(1);
        Warehouse.await("the replay is dead-lettered again", Duration.ofSeconds(60),
                () -> warehouse.count("dead_letter") == 3);
        assertThat(this.jdbc.sql("SELECT count(*) FROM warehouse.dead_letter WHERE replay_of LIKE 'weir.dlq.probe/%'")
            .query(Long.class)
            .single()).isEqualTo(1);

        FIXED.set(true);
        assertThat(post("/dlq/probe/replay", "{\"rule\": \"probe.bad_value\"}").path("replayed").asInt()).isEqualTo(3);
        Warehouse.await("the fixed records are loaded", Duration.ofSeconds(60),
                () -> warehouse.count("probe_row") == 3 && warehouse.counter("probe", "replayed") == 4);
        // the same dead letters replayed again are not cleaned again
        post("/dlq/probe/replay", "{\"rule\": \"probe.bad_value\"}");
        Warehouse.await("the second replay is read", Duration.ofSeconds(60),
                () -> warehouse.counter("probe", "replayed") == 7);
        assertThat(warehouse.count("probe_row")).isEqualTo(3);
        assertThat(warehouse.count("dead_letter")).isEqualTo(3);
        assertThat(warehouse.counter("probe", "loaded.probe_row.inserted")).isEqualTo(3);
        assertThat(warehouse.counter("probe", "raw")).isEqualTo(3 + 7);
        assertThat(warehouse.counter("probe", "cleaned")).isEqualTo(3);
        assertThat(warehouse.counter("probe", "duplicate")).isEqualTo(4);
    }

    @Test
    void answersProblemsForAnUnknownDatasetAndABadId() throws Exception {
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/dlq/nope")).GET());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(send(HttpRequest.newBuilder(uri("/dlq/probe/not-an-id")).GET()).statusCode()).isEqualTo(422);
        assertThat(send(HttpRequest.newBuilder(uri("/dlq/probe/0-999999")).GET()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/reconcile/nope")).GET()).statusCode()).isEqualTo(404);
    }

    private static byte[] json(String id, String value) {
        return ("{\"id\":\"" + id + "\",\"value\":\"" + value + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode get(String path) throws Exception {
        return JsonValues.parse(send(HttpRequest.newBuilder(uri(path)).GET()).body().getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonValues.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient()
            .send(request.header("Authorization", TestTokens.bearer("admin")).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
    }

    /** A dataset whose one rule rejects "bad" values until the test fixes it. */
    @TestConfiguration
    static class ProbeDataset {

        static final Table TABLE = new Table("probe_row",
                List.of(Column.text("id"), Column.text("value"), Column.timestamptz("received_at")), List.of("id"),
                null);

        @Bean
        Dataset probe() {
            Cleaner cleaner = (raw) -> {
                JsonNode json = JsonValues.parse(raw.data());
                String value = JsonValues.text(json, "value");
                if ("bad".equals(value) && !FIXED.get()) {
                    return Cleaning.reject("probe.bad_value", "value is 'bad'");
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", JsonValues.text(json, "id"));
                row.put("value", value);
                row.put("received_at", raw.timestamp());
                return Cleaning.rows(List.of(new Row(TABLE, row)), List.of());
            };
            return new Dataset("probe", List.of(new SourceTopic("weir.raw.probe", 3, true)), List.of(TABLE),
                    List.of(new Rule("probe.bad_value", Rule.Action.DEAD_LETTER, "rejects 'bad' until fixed")),
                    Repeats.EVENT_ID, cleaner);
        }

    }

}
