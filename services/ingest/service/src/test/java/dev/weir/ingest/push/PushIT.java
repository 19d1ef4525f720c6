package dev.weir.ingest.push;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.PushClient;
import dev.weir.platform.kafka.Envelope;
import dev.weir.testing.infra.TestKafka;
import dev.weir.testing.infra.TestTokens;
import tools.jackson.databind.JsonNode;

import static dev.weir.ingest.support.PushClient.body;
import static dev.weir.ingest.support.PushClient.ride;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /events/{stream}} over HTTP into the real broker: every format, the batch
 * rules, idempotency keys; what lands on {@code weir.raw.<stream>} is read back with the
 * CloudEvents SDK, an independent reader of the envelope.
 */
@IngestIT
class PushIT {

    @LocalServerPort
    int port;

    private PushClient client;

    @BeforeEach
    void client() {
        this.client = new PushClient(this.port);
    }

    @Test
    void acceptsAnArrayWith202AndTheIdsOnlyOnceKafkaHasEachEventInTheEnvelope() {
        String stream = declare("array");
        HttpResponse<String> response = this.client.json(stream,
                "[" + ride("bike-1", "r1", 1) + "," + ride("bike-2", "r2", 2) + "," + ride("bike-1", "r3", 3) + "]");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = body(response);
        assertThat(answer.get("stream").asString()).isEqualTo(stream);
        assertThat(answer.get("accepted").asInt()).isEqualTo(3);
        List<String> ids = new ArrayList<>();
        answer.get("ids").forEach((id) -> ids.add(id.asString()));
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();

        List<ConsumerRecord<String, byte[]>> records = TestKafka.records("weir.raw." + stream);
        assertThat(records).hasSize(3);
        Map<String, ConsumerRecord<String, byte[]>> byId = records.stream()
            .collect(Collectors.toMap((r) -> Envelope.header(r, Envelope.EVENT_ID_HEADER), (r) -> r));
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        ConsumerRecord<String, byte[]> first = byId.get(ids.get(0));
        CloudEvent event = EventFormatProvider.getInstance()
            .resolveFormat(JsonFormat.CONTENT_TYPE)
            .deserialize(first.value());
        assertThat(event.getId()).isEqualTo(ids.get(0));
        assertThat(event.getSource()).hasToString("/weir/ingest/push/" + stream);
        assertThat(event.getType()).isEqualTo("weir.push." + stream);
        assertThat(event.getSubject()).isEqualTo("bike-1");
        assertThat(event.getTime().toInstant()).isEqualTo(Instant.parse("2017-07-17T08:01:00Z"));
        assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8)).contains("\"ride_id\":\"r1\"");
        assertThat(first.key()).as("keyed by the bike").isEqualTo("bike-1");
        assertThat(Envelope.header(first, "weir-schema-version")).isEqualTo("1");
        assertThat(Envelope.header(first, Envelope.EVENT_TYPE_HEADER)).isEqualTo("weir.push." + stream);
    }

    @Test
    void acceptsNdjsonGzipAndEveryCloudEventsMode() {
        String stream = declare("formats");
        String ndjson = ride("b1", "n1", 1) + "\n\n" + ride("b2", "n2", 2) + "\r\n";
        assertThat(this.client.post("/events/" + stream, ndjson, "Content-Type", "application/x-ndjson").statusCode())
            .isEqualTo(202);
        HttpResponse<String> gzipped = this.client.post("/events/" + stream,
                PushClient.gzip(("[" + ride("b3", "g1", 3) + "]").getBytes(StandardCharsets.UTF_8)), "Content-Type",
                "application/json", "Content-Encoding", "gzip");
        assertThat(gzipped.statusCode()).as(gzipped.body()).isEqualTo(202);

        String structured = """
                {"specversion":"1.0","id":"ce-1","source":"/devices/b4","type":"com.ecowheels.ride",\
                "datacontenttype":"application/json","data":%s}""".formatted(ride("b4", "c1", 4));
        HttpResponse<String> one = this.client.post("/events/" + stream, structured, "Content-Type",
                "application/cloudevents+json");
        assertThat(one.statusCode()).as(one.body()).isEqualTo(202);
        assertThat(body(one).get("ids").get(0).asString()).as("the client's id").isEqualTo("ce-1");

        String batch = "[" + structured.replace("ce-1", "ce-2") + "," + structured.replace("ce-1", "ce-3") + "]";
        assertThat(this.client.post("/events/" + stream, batch, "Content-Type", "application/cloudevents-batch+json")
            .statusCode()).isEqualTo(202);

        HttpResponse<String> binary = this.client.post("/events/" + stream, ride("b5", "c4", 5), "Content-Type",
                "application/json", "ce-specversion", "1.0", "ce-id", "ce-4", "ce-source", "/devices/b5", "ce-type",
                "com.ecowheels.ride");
        assertThat(binary.statusCode()).as(binary.body()).isEqualTo(202);

        List<ConsumerRecord<String, byte[]>> records = TestKafka.records("weir.raw." + stream);
        assertThat(records).hasSize(7);
        Map<String, Envelope> byId = records.stream()
            .map(Envelope::from)
            .collect(Collectors.toMap(Envelope::id, (e) -> e));
        assertThat(byId).containsKeys("ce-1", "ce-2", "ce-3", "ce-4");
        assertThat(byId.get("ce-4").type()).isEqualTo("com.ecowheels.ride");
        assertThat(byId.get("ce-4").subject()).isEqualTo("b5");
    }

    @Test
    void rejectsABatchWithInvalidEventsWholeWith422ListingEveryBadEventAndWritesNothing() {
        String stream = declare("whole");
        String bad1 = ride("b1", "w1", 1).replace("\"station_id\":72", "\"station_id\":\"seventy-two\"");
        String bad2 = ride("b1", "w2", 2).replace("\"ride_id\":\"w2\",", "");
        HttpResponse<String> response = this.client.json(stream,
                "[" + ride("b1", "ok", 0) + "," + bad1 + "," + bad2 + ",42]");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.get("type").asString()).isEqualTo("https://weir.dev/problems/invalid-events");
        List<String> errors = new ArrayList<>();
        problem.get("errors")
            .forEach((e) -> errors
                .add(e.get("index").asInt() + " " + e.get("pointer").asString() + " " + e.get("message").asString()));
        assertThat(errors).anySatisfy((e) -> assertThat(e).startsWith("1 /station_id "))
            .anySatisfy((e) -> assertThat(e).startsWith("2 /ride_id "))
            .anySatisfy((e) -> assertThat(e).startsWith("3  must be a JSON object"))
            .noneSatisfy((e) -> assertThat(e).startsWith("0 "));
        assertThat(TestKafka.records("weir.raw." + stream)).isEmpty();
    }

    @Test
    void withPartialAcceptsTheValidEventsAndAnswersEachEventsOutcome() {
        String stream = declare("partial");
        String bad = ride("b1", "p2", 2).replace("\"event\":\"start\"", "\"event\":\"paused\"");
        HttpResponse<String> response = this.client.json(stream + "?partial=true",
                "[" + ride("b1", "p1", 1) + "," + bad + "," + ride("b2", "p3", 3) + "]");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = body(response);
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.get("rejected").asInt()).isEqualTo(1);
        JsonNode results = answer.get("results");
        assertThat(results.get(0).get("status").asString()).isEqualTo("accepted");
        assertThat(results.get(1).get("status").asString()).isEqualTo("rejected");
        assertThat(results.get(1).get("errors").get(0).get("pointer").asString()).isEqualTo("/event");
        assertThat(results.get(2).get("id").asString()).isEqualTo(answer.get("ids").get(1).asString());
        assertThat(TestKafka.records("weir.raw." + stream)).hasSize(2);
    }

    @Test
    void aBatchRetriedWithTheSameIdempotencyKeyGetsTheFirstAnswerAndIsProducedOnce() {
        String stream = declare("retried");
        String batch = "[" + ride("b1", "i1", 1) + "," + ride("b2", "i2", 2) + "]";
        HttpResponse<String> first = this.client.json(stream, batch, "Idempotency-Key", "batch-0001");
        HttpResponse<String> again = this.client.json(stream, batch, "Idempotency-Key", "batch-0001");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(body(again)).isEqualTo(body(first));
        assertThat(TestKafka.records("weir.raw." + stream)).hasSize(2);

        HttpResponse<String> other = this.client.json(stream, "[" + ride("b3", "i3", 3) + "]", "Idempotency-Key",
                "batch-0001");
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(body(other).get("type").asString()).isEqualTo("https://weir.dev/problems/idempotency-key-reused");
        assertThat(TestKafka.records("weir.raw." + stream)).hasSize(2);
    }

    @Test
    void anIdempotencyKeyIsEachCallersOwnSoTwoCallersWithTheSameKeyBothGetTheirEventsProduced() {
        // found by an outside fuzzer: keys were global, so a second caller reusing
        // another's key got the first caller's answer (same body) or a 422 (another
        // body)
        String stream = declare("callers");
        PushClient other = new PushClient(this.port, "Bearer "
                + TestTokens.token((claims) -> claims.subject("client:other").claim("scope", "events.write")));
        String batch = "[" + ride("b1", "k1", 1) + "]";

        HttpResponse<String> mine = this.client.json(stream, batch, "Idempotency-Key", "shared-key");
        HttpResponse<String> theirs = other.json(stream, batch, "Idempotency-Key", "shared-key");
        HttpResponse<String> theirsAnother = other.json(stream, "[" + ride("b2", "k2", 2) + "]", "Idempotency-Key",
                "another-shared-key");
        HttpResponse<String> mineAnother = this.client.json(stream, "[" + ride("b3", "k3", 3) + "]", "Idempotency-Key",
                "another-shared-key");

        assertThat(List.of(mine, theirs, theirsAnother, mineAnother)).allSatisfy((response) -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            assertThat(response.headers().firstValue("Idempotent-Replayed")).isEmpty();
        });
        assertThat(body(theirs).get("ids")).isNotEqualTo(body(mine).get("ids"));
        assertThat(TestKafka.records("weir.raw." + stream)).hasSize(4);
        HttpResponse<String> mineAgain = this.client.json(stream, batch, "Idempotency-Key", "shared-key");
        assertThat(mineAgain.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(body(mineAgain)).isEqualTo(body(mine));
        assertThat(TestKafka.records("weir.raw." + stream)).hasSize(4);
    }

    @Test
    void listsTheBuiltInStreamsWithTheirSchemasAndAnswers404ForAnUnknownStream() {
        JsonNode list = body(this.client.get("/events/streams"));
        List<String> names = new ArrayList<>();
        list.get("streams").forEach((s) -> names.add(s.get("name").asString()));
        assertThat(names).contains("rides", "telemetry");
        JsonNode rides = this.client.get("/events/streams/rides").statusCode() == 200
                ? body(this.client.get("/events/streams/rides")) : null;
        assertThat(rides.get("key").asString()).isEqualTo("bike_id");
        assertThat(rides.get("time").asString()).isEqualTo("at");
        assertThat(rides.get("schema").get("properties").has("station_id")).isTrue();

        HttpResponse<String> unknown = this.client.json("nope", ride("b", "r", 1));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(body(unknown).get("type").asString()).isEqualTo("https://weir.dev/problems/not-found");
    }

    @Test
    void aStreamDeclarationWithProblemsListsThemAllWith422() {
        HttpResponse<String> response = this.client.put("/events/streams/broken",
                "name: other\nversion: 0\nkey: nope\nschema: {type: array}\n", "application/yaml");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        body(response).get("errors").forEach((e) -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("name", "version", "schema.type", "key", "time");
    }

    /** Declares a stream shaped like rides under a name of this test's own. */
    private String declare(String suffix) {
        String name = "push-" + suffix;
        String rides = this.client.get("/events/streams/rides").body();
        JsonNode schema = body(this.client.get("/events/streams/rides")).get("schema");
        HttpResponse<String> response = this.client.put(
                "/events/streams/" + name, "{\"name\":\"" + name
                        + "\",\"version\":1,\"key\":\"bike_id\",\"time\":\"at\",\"schema\":" + schema + "}",
                "application/json");
        assertThat(response.statusCode()).as(rides + response.body()).isIn(200, 201);
        return name;
    }

}
