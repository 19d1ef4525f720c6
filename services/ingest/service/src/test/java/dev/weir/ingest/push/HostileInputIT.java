package dev.weir.ingest.push;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.PushClient;
import dev.weir.testing.infra.TestKafka;
import dev.weir.testing.infra.TestTokens;

import static dev.weir.ingest.support.PushClient.body;
import static dev.weir.ingest.support.PushClient.ride;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hostile-input corpus: every request is answered with its precise 4xx problem, never a
 * 500, HTML or a hang, and nothing reaches the topic.
 */
@IngestIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final String STREAM = "hostile";

    @LocalServerPort
    int port;

    private PushClient client;

    @BeforeAll
    void declare() {
        this.client = new PushClient(this.port);
        String schema = body(this.client.get("/events/streams/rides")).get("schema").toString();
        assertThat(this.client
            .put("/events/streams/" + STREAM,
                    "{\"name\":\"" + STREAM + "\",\"version\":1,\"key\":\"bike_id\",\"time\":\"at\",\"schema\":"
                            + schema + "}",
                    "application/json")
            .statusCode()).isIn(200, 201);
    }

    @AfterAll
    void nothingReachedTheTopic() {
        assertThat(TestKafka.records("weir.raw." + STREAM)).isEmpty();
    }

    record Case(String name, byte[] body, List<String> headers, int status, String type) {

        @Override
        public String toString() {
            return this.name;
        }

    }

    static Stream<Case> corpus() {
        String json = "application/json";
        return Stream.of(hostile("malformed JSON", "[{\"ride_id\": ", json, 400, "malformed-request"),
                hostile("an empty body", "", json, 400, "malformed-request"),
                hostile("an empty array", "[]", json, 400, "malformed-request"),
                hostile("a key twice", "{\"ride_id\":\"a\",\"ride_id\":\"b\"}", json, 400, "malformed-request"),
                hostile("wrong types", ride("b", "r", 1).replace("\"station_id\":72", "\"station_id\":\"72\""), json,
                        422, "invalid-events"),
                hostile("a huge number", ride("b", "r", 1).replace("\"station_id\":72", "\"station_id\":1e400"), json,
                        422, "invalid-events"),
                hostile("a huge integer",
                        ride("b", "r", 1).replace("\"station_id\":72", "\"station_id\":123456789012345678901234567890"),
                        json, 422, "invalid-events"),
                hostile("a number of 5,000 digits",
                        ride("b", "r", 1).replace("\"station_id\":72", "\"station_id\":" + "9".repeat(5000)), json, 400,
                        "malformed-request"),
                hostile("deep nesting", "[".repeat(100_000) + "]".repeat(100_000), json, 400, "malformed-request"),
                hostile("deep nesting inside an event",
                        ride("b", "r", 1).replace("\"member\":true", "\"member\":" + "[".repeat(40) + "]".repeat(40)),
                        json, 400, "malformed-request"),
                new Case("invalid UTF-8", invalidUtf8(), List.of("Content-Type", json), 400, "malformed-request"),
                new Case("a gzip bomb (1 GB of zeros)", gzipBomb(),
                        List.of("Content-Type", json, "Content-Encoding", "gzip"), 413, "payload-too-large"),
                new Case("gzip that is not gzip", ride("b", "r", 1).getBytes(StandardCharsets.UTF_8),
                        List.of("Content-Type", json, "Content-Encoding", "gzip"), 400, "malformed-request"),
                hostile("NDJSON sent as JSON", ride("b", "r", 1) + "\n" + ride("b", "r", 2), json, 400,
                        "malformed-request"),
                hostile("XML sent as NDJSON", "<ride id=\"1\"/>", "application/x-ndjson", 400, "malformed-request"),
                hostile("an array sent as one CloudEvent", "[" + ride("b", "r", 1) + "]",
                        "application/cloudevents+json", 400, "malformed-request"),
                hostile("an object sent as a CloudEvents batch", ride("b", "r", 1),
                        "application/cloudevents-batch+json", 400, "malformed-request"),
                hostile("a CloudEvent without an id",
                        "{\"specversion\":\"1.0\",\"source\":\"/x\",\"type\":\"t\",\"data\":" + ride("b", "r", 1) + "}",
                        "application/cloudevents+json", 422, "invalid-events"),
                hostile("XML", "<ride/>", "application/xml", 415, "unsupported-media-type"),
                hostile("a multipart form",
                        "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.json\"\r\n"
                                + "Content-Type: application/json\r\n\r\n" + ride("b", "r", 1) + "\r\n--b0undary--\r\n",
                        "multipart/form-data; boundary=b0undary", 415, "unsupported-media-type"),
                hostile("a URL-encoded form", "event=" + ride("b", "r", 1), "application/x-www-form-urlencoded", 415,
                        "unsupported-media-type"),
                new Case("no Content-Type", ride("b", "r", 1).getBytes(StandardCharsets.UTF_8), List.of(), 415,
                        "unsupported-media-type"),
                new Case("a content encoding not supported", ride("b", "r", 1).getBytes(StandardCharsets.UTF_8),
                        List.of("Content-Type", json, "Content-Encoding", "br"), 415, "unsupported-content-encoding"),
                hostile("10,001 events", "[" + "{},".repeat(10_000) + "{}]", json, 413, "too-many-events"),
                hostile("an event of 300 KB", ride("b", "r", 1).replace("W 52 St & 11 Ave", "x".repeat(300_000)), json,
                        413, "event-too-large"),
                new Case("an Idempotency-Key of 1,000 characters", ride("b", "r", 1).getBytes(StandardCharsets.UTF_8),
                        List.of("Content-Type", json, "Idempotency-Key", "k".repeat(1000)), 422, "validation"),
                // found by an outside fuzzer: each was a 500, or (lone
                // surrogates) accepted
                new Case("a UTF-16 body declared so", ride("b", "r", 1).getBytes(StandardCharsets.UTF_16),
                        List.of("Content-Type", "application/json; charset=utf-16"), 415, "unsupported-media-type"),
                new Case("a UTF-16 body declared as JSON", ride("b", "r", 1).getBytes(StandardCharsets.UTF_16LE),
                        List.of("Content-Type", json), 400, "malformed-request"),
                hostile("a Content-Type that is not a media type", ride("b", "r", 1), ";;;/", 415,
                        "unsupported-media-type"),
                hostile("a CloudEvent with an empty id",
                        "{\"specversion\":\"1.0\",\"id\":\"\",\"source\":\"/x\",\"type\":\"t\",\"data\":"
                                + ride("b", "r", 1) + "}",
                        "application/cloudevents+json", 422, "invalid-events"),
                new Case("a binary CloudEvent without a body", new byte[0],
                        List.of("Content-Type", json, "ce-specversion", "1.0", "ce-id", "ce-1", "ce-source", "/x",
                                "ce-type", "t"),
                        400, "malformed-request"),
                new Case("a binary CloudEvent with an empty ce-id", ride("b", "r", 1).getBytes(StandardCharsets.UTF_8),
                        List.of("Content-Type", json, "ce-specversion", "1.0", "ce-id", "", "ce-source", "/x",
                                "ce-type", "t"),
                        422, "invalid-events"),
                hostile("a lone high surrogate", LONE_HIGH, json, 400, "malformed-request"),
                hostile("a lone low surrogate", LONE_HIGH.replace("\\ud800", "\\udc00"), json, 400,
                        "malformed-request"),
                hostile("a high surrogate before another escape", LONE_HIGH.replace("\\ud800", "\\ud800\\u0041"), json,
                        400, "malformed-request"),
                hostile("a lone surrogate in a key", ride("b", "r", 1).replace("\"member\"", "\"m\\udfff\""), json, 400,
                        "malformed-request"),
                hostile("a lone surrogate in an array", "[" + ride("b", "r", 1) + "," + LONE_HIGH + "]", json, 400,
                        "malformed-request"),
                hostile("a lone surrogate in NDJSON", ride("b", "r", 1) + "\n" + LONE_HIGH, "application/x-ndjson", 400,
                        "malformed-request"),
                hostile("a lone surrogate in a CloudEvent's data",
                        "{\"specversion\":\"1.0\",\"id\":\"s1\",\"source\":\"/x\",\"type\":\"t\",\"data\":" + LONE_HIGH
                                + "}",
                        "application/cloudevents+json", 400, "malformed-request"),
                hostile("a lone surrogate in a CloudEvent's id",
                        "[{\"specversion\":\"1.0\",\"id\":\"\\ud800\",\"source\":\"/x\",\"type\":\"t\",\"data\":"
                                + ride("b", "r", 1) + "}]",
                        "application/cloudevents-batch+json", 400, "malformed-request"),
                new Case("a lone surrogate in a binary CloudEvent", LONE_HIGH.getBytes(StandardCharsets.UTF_8),
                        List.of("Content-Type", json, "ce-specversion", "1.0", "ce-id", "ce-2", "ce-source", "/x",
                                "ce-type", "t"),
                        400, "malformed-request"));
    }

    /**
     * A rides event whose station name is an escaped high surrogate with no low one after
     * it: the lake writer's DuckDB cannot read it.
     */
    private static final String LONE_HIGH = ride("b", "r", 1).replace("W 52 St & 11 Ave", "\\ud800");

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCloudEvents")
    void aCloudEventIsRefusedInTheClientsTermsNeverWithAJavaClassName(String cloudEvent) {
        HttpResponse<String> response = this.client.post("/events/" + STREAM, cloudEvent, "Content-Type",
                "application/cloudevents+json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        String detail = body(response).get("errors").get(0).get("message").asString();
        assertThat(body(response).get("detail").asString()).contains(detail);
        assertThat(detail).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Za-z]")
            .doesNotContainIgnoringCase("exception")
            .doesNotContainIgnoringCase("jackson");
    }

    static Stream<String> invalidCloudEvents() {
        String data = ",\"data\":" + ride("b", "r", 1) + "}";
        return Stream.of("{\"specversion\":\"1.0\",\"id\":5,\"source\":\"/x\",\"type\":\"t\"" + data,
                "{\"specversion\":\"1.0\",\"id\":{},\"source\":\"/x\",\"type\":\"t\"" + data,
                "{\"specversion\":\"1.0\",\"id\":\"i\",\"source\":[],\"type\":\"t\"" + data,
                "{\"specversion\":\"1.0\",\"id\":\"i\",\"source\":\"/x\",\"type\":\"t\",\"time\":\"yesterday\"" + data,
                "{\"specversion\":\"0.1\",\"id\":\"i\",\"source\":\"/x\",\"type\":\"t\"" + data,
                "{\"specversion\":\"1.0\",\"id\":\"i\",\"source\":\"/x\"" + data,
                "{\"specversion\":\"1.0\",\"id\":\"i\",\"source\":\"/x\",\"type\":\"t\",\"ext\":{\"a\":1}" + data);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedWithItsProblemAndNothingIsWritten(Case hostile) {
        HttpResponse<String> response = this.client.post("/events/" + STREAM, hostile.body(),
                hostile.headers().toArray(String[]::new));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(hostile.status());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(body(response).get("type").asString()).isEqualTo("https://weir.dev/problems/" + hostile.type());
    }

    @Test
    void aStringOf50MegabytesIsRefusedWith413BeforeItIsRead() throws Exception {
        byte[] huge = ("[{\"ride_id\":\"" + "x".repeat(50 * 1024 * 1024) + "\"}]").getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/events/" + STREAM))
                .timeout(Duration.ofSeconds(60))
                .expectContinue(true)
                .header("Authorization", TestTokens.bearer("events.write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(body(response).get("type").asString()).isEqualTo("https://weir.dev/problems/payload-too-large");
    }

    private static Case hostile(String name, String body, String contentType, int status, String type) {
        return new Case(name, body.getBytes(StandardCharsets.UTF_8), List.of("Content-Type", contentType), status,
                type);
    }

    private static byte[] invalidUtf8() {
        byte[] event = ride("b", "r", 1).getBytes(StandardCharsets.UTF_8);
        String text = new String(event, StandardCharsets.UTF_8);
        int at = text.indexOf("W 52");
        event[at] = (byte) 0xC3;
        event[at + 1] = (byte) 0x28;
        return event;
    }

    private static byte[] gzipBomb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 1024; i++) {
                gzip.write(zeros);
            }
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

}
