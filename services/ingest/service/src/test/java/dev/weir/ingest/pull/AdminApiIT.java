package dev.weir.ingest.pull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.IngestTestInitializer;
import dev.weir.ingest.support.TestConnectors;
import dev.weir.ingest.support.TestUpstream;
import dev.weir.testing.infra.TestTokens;
import dev.weir.testing.upstreams.FhrsUpstream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.weir.platform.database.DatabaseBreaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin API over HTTP: connectors, their configuration, schedules, runs, problems;
 * only for callers with the {@code connectors.admin} scope.
 */
@IngestIT
class AdminApiIT {

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void servesAnOpenApiDocumentThatSaysWhatTheServiceDoes() throws Exception {
        var served = this.http.send(java.net.http.HttpRequest
            .newBuilder(java.net.URI.create("http://localhost:" + this.port + "/openapi.json"))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(dev.weir.testing.infra.OpenApiRules
            .violationsWhenGuarded(tools.jackson.databind.json.JsonMapper.builder().build().readTree(served.body())))
            .isEmpty();
    }

    @Test
    void asksItsDatabaseThroughTheBreakerThatAnswersAtOnceWhileTheDatabaseIsDown() {
        assertThat(this.dataSource).isInstanceOf(DatabaseBreaker.class);
        assertThat(((DatabaseBreaker) this.dataSource).isOpen()).isFalse();
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private FhrsUpstream upstream;

    @AfterEach
    void stop() {
        if (this.upstream != null) {
            this.upstream.close();
        }
    }

    @Test
    void listsConnectorsWithTheirSourceScheduleAndOverrides() throws Exception {
        JsonNode list = json(get("/connectors"), 200);
        JsonNode fhrs = find(list, "fhrs");
        assertThat(fhrs.get("source").asString()).isEqualTo("built-in");
        assertThat(fhrs.get("valid").asBoolean()).isTrue();
        assertThat(fhrs.get("schedule").asString()).isEqualTo("0 0 3 * * *");
        assertThat(fhrs.get("next_run_at").asString()).endsWith("T03:00:00Z");
        assertThat(fhrs.get("streams").toString())
            .isEqualTo("[\"authorities\",\"establishments\",\"business_types\",\"ratings\"]");
        assertThat(fhrs.get("topics").toString()).isEqualTo("[\"weir.raw.fhrs\",\"weir.dlq.fhrs\"]");
        assertThat(fhrs.get("overrides").toString()).contains("env WEIR_CONNECTOR_FHRS_BASE_URL");
        assertThat(find(list, "open-meteo").get("source").asString()).isEqualTo("built-in");
        assertThat(find(list, "token-paged").get("source").asString()).isEqualTo("java");

        JsonNode detail = json(get("/connectors/fhrs"), 200);
        assertThat(detail.get("definition").get("base_url").asString()).isEqualTo(TestUpstream.fhrs().baseUrl());
        assertThat(detail.get("definition").get("headers").get("x-api-version").asString()).isEqualTo("2");

        JsonNode schedule = json(get("/connectors/fhrs/schedule"), 200);
        assertThat(schedule.get("cron").asString()).isEqualTo("0 0 3 * * *");
        assertThat(schedule.get("time_zone").asString()).isEqualTo("UTC");
        assertThat(schedule.get("next_runs")).hasSize(5);
        assertThat(schedule.get("enabled").asBoolean()).as("schedules are off in this process").isFalse();
    }

    @Test
    void answers404ForAnUnknownConnectorOrRun() throws Exception {
        for (String path : new String[] { "/connectors/nope", "/connectors/nope/runs", "/connectors/nope/schedule",
                "/connectors/nope/checkpoints", "/connectors/fhrs/runs/00000000-0000-0000-0000-000000000000" }) {
            JsonNode problem = json(get(path), 404);
            assertThat(problem.get("type").asString()).isEqualTo("https://weir.dev/problems/not-found");
        }
        JsonNode problem = json(send("POST", "/connectors/nope/runs", null, null), 404);
        assertThat(problem.get("detail").asString()).startsWith("No connector 'nope'. Known connectors: ");
    }

    @Test
    void refusesARunHistoryLimitOutOfItsRangeWith422NamingIt() throws Exception {
        for (String limit : new String[] { "0", "-1", "501" }) {
            JsonNode problem = json(get("/connectors/fhrs/runs?limit=" + limit), 422);
            assertThat(problem.get("type").asString()).isEqualTo("https://weir.dev/problems/validation");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("limit");
        }
    }

    @Test
    void refusesAnInvalidDefinitionWith422ListingEveryProblem() throws Exception {
        HttpResponse<String> response = send("PUT", "/connectors/admin-bad", "application/yaml", """
                name: admin-bad
                base_url: not a url
                budget: { requests_per_second: -1 }
                streams:
                  - name: items
                    path: /items
                    paginate: { type: cursor }
                """);
        JsonNode problem = json(response, 422);
        assertThat(problem.get("type").asString()).isEqualTo("https://weir.dev/problems/invalid-connector");
        assertThat(problem.get("errors")).extracting((e) -> e.get("field").asString())
            .containsExactlyInAnyOrder("base_url", "budget.requests_per_second", "streams[0].records",
                    "streams[0].primary_key", "streams[0].paginate.param", "streams[0].paginate.cursor");
        assertThat(json(get("/connectors/admin-bad"), 404).get("type").asString()).as("nothing was stored")
            .isEqualTo("https://weir.dev/problems/not-found");
    }

    @Test
    void storesReplacesMasksAndDeletesADefinitionButLeavesFileAndBuiltInOnesAlone() throws Exception {
        String yaml = TestConnectors.establishments("admin-stored", TestUpstream.fhrs(),
                "headers: { X-Api-Key: ak-4242-literal }");
        HttpResponse<String> created = send("PUT", "/connectors/admin-stored", "application/yaml", yaml);
        JsonNode body = json(created, 201);
        assertThat(created.headers().firstValue("Location")).contains("/connectors/admin-stored");
        assertThat(body.get("summary").get("source").asString()).isEqualTo("api");
        assertThat(body.get("definition").get("headers").get("X-Api-Key").asString()).isEqualTo("****");
        assertThat(get("/connectors/admin-stored").body()).doesNotContain("ak-4242-literal");
        assertThat(get("/connectors").body()).doesNotContain("ak-4242-literal");

        json(send("PUT", "/connectors/admin-stored", "application/json",
                "{\"name\": \"admin-stored\", \"base_url\": \"http://127.0.0.1:1\", \"streams\": [{\"name\": \"a\", "
                        + "\"path\": \"/a\", \"records\": \"$.a\", \"primary_key\": \"id\"}]}"),
                200);
        assertThat(json(get("/connectors/admin-stored"), 200).get("definition").get("base_url").asString())
            .isEqualTo("http://127.0.0.1:1");

        JsonNode conflict = json(
                send("PUT", "/connectors/fhrs", "application/yaml", yaml.replace("admin-stored", "fhrs")), 409);
        assertThat(conflict.get("type").asString()).isEqualTo("https://weir.dev/problems/connector-defined-elsewhere");
        json(send("DELETE", "/connectors/fhrs", null, null), 409);

        assertThat(send("DELETE", "/connectors/admin-stored", null, null).statusCode()).isEqualTo(204);
        json(get("/connectors/admin-stored"), 404);
    }

    @Test
    void startsARunWith202RefusesASecondWith409AndShowsItInTheHistory() throws Exception {
        String name = "admin-run";
        // 3 pages, each answered after 300 ms
        this.upstream = TestConnectors.upstream(3).latency(Duration.ofMillis(300)).start();
        json(send("PUT", "/connectors/" + name, "application/yaml",
                TestConnectors.establishments(name, this.upstream, "")), 201);
        assertThat(json(get("/connectors/" + name + "/checkpoints"), 200)).as("no page done yet").isEmpty();

        HttpResponse<String> accepted = send("POST", "/connectors/" + name + "/runs", null, null);
        JsonNode started = json(accepted, 202);
        String runId = started.get("run_id").asString();
        assertThat(accepted.headers().firstValue("Location")).contains("/connectors/" + name + "/runs/" + runId);
        assertThat(started.get("status").asString()).isEqualTo("running");

        JsonNode busy = json(send("POST", "/connectors/" + name + "/runs", null, null), 409);
        assertThat(busy.get("type").asString()).isEqualTo("https://weir.dev/problems/connector-running");
        assertThat(busy.get("run_id").asString()).isEqualTo(runId);

        await("the run to end").atMost(Duration.ofSeconds(30))
            .until(() -> !json(get("/connectors/" + name + "/runs/" + runId), 200).get("status")
                .asString()
                .equals("running"));
        JsonNode run = json(get("/connectors/" + name + "/runs/" + runId), 200);
        assertThat(run.get("status").asString()).isEqualTo("succeeded");
        assertThat(run.get("trigger").asString()).isEqualTo("api");
        assertThat(run.get("pages").asLong()).isEqualTo(3);
        assertThat(run.get("records").asLong()).isEqualTo(150);
        assertThat(run.get("report").get("streams").get("establishments").get("pages").asLong()).isEqualTo(3);
        JsonNode history = json(get("/connectors/" + name + "/runs"), 200);
        assertThat(history.get(0).get("run_id").asString()).isEqualTo(runId);
        for (String field : new String[] { "pages", "pages_skipped", "records", "retries", "rate_limited",
                "dead_letters", "duration_seconds", "status", "started_at", "finished_at" }) {
            assertThat(history.get(0).has(field)).as(field).isTrue();
        }
        JsonNode checkpoints = json(get("/connectors/" + name + "/checkpoints"), 200);
        assertThat(checkpoints).hasSize(1);
        JsonNode stream = checkpoints.get(0);
        assertThat(stream.get("stream").asString()).isEqualTo("establishments");
        assertThat(stream.get("partitions").asLong()).isEqualTo(1);
        assertThat(stream.get("done").asLong()).isEqualTo(1);
        assertThat(stream.get("pending").asLong()).isZero();
        assertThat(stream.get("pages").asLong()).isEqualTo(3);
        assertThat(stream.get("updated_at").asString()).isNotBlank();
        assertThat(get("/prometheus").body()).contains("weir_ingest_records_total{connector=\"" + name + "\"",
                "weir_ingest_since_last_success_seconds{connector=\"" + name + "\"");
    }

    @Test
    void followsARunByServerSentEventsFromProgressToItsReport() throws Exception {
        String name = "admin-follow";
        this.upstream = TestConnectors.upstream(3).latency(Duration.ofMillis(300)).start();
        json(send("PUT", "/connectors/" + name, "application/yaml",
                TestConnectors.establishments(name, this.upstream, "")), 201);
        JsonNode started = json(send("POST", "/connectors/" + name + "/runs", null, null), 202);
        String runId = started.get("run_id").asString();
        assertThat(started.get("events_url").asString())
            .isEqualTo("/connectors/" + name + "/runs/" + runId + "/events");
        assertThat(started.get("resumed").asBoolean()).isFalse();

        HttpResponse<java.util.stream.Stream<String>> events = this.http.send(HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + this.port + started.get("events_url").asString()))
            .header("Accept", "text/event-stream")
            .header("Authorization", TestTokens.bearer("connectors.admin"))
            .build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.headers().firstValue("Content-Type"))
            .hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.List<JsonNode> data = new java.util.ArrayList<>();
        events.body().forEach((line) -> {
            if (line.startsWith("event:")) {
                names.add(line.substring("event:".length()).strip());
            }
            else if (line.startsWith("data:")) {
                data.add(JSON.readTree(line.substring("data:".length())));
            }
        });

        assertThat(names).as("progress while it runs, then its end").contains("progress").endsWith("finished");
        assertThat(names).containsOnlyOnce("finished");
        assertThat(data.get(0).get("status").asString()).isEqualTo("running");
        assertThat(data.get(0).get("run_id").asString()).isEqualTo(runId);
        JsonNode finished = data.get(data.size() - 1);
        assertThat(finished.get("status").asString()).isEqualTo("succeeded");
        assertThat(finished.get("report").get("counts").get("records").asLong()).isEqualTo(150);
        JsonNode counts = finished.get("report").get("counts");
        assertThat(counts.get("requests").asLong()).as("a request per page, and per retry")
            .isEqualTo(3 + counts.get("retries").asLong());

        // a run that has ended: its end at once
        HttpResponse<String> again = get("/connectors/" + name + "/runs/" + runId + "/events");
        assertThat(again.body()).startsWith("event:finished").doesNotContain("event:progress");
        assertThat(
                json(get("/connectors/" + name + "/runs/00000000-0000-0000-0000-000000000000/events"), 404).get("type")
                    .asString())
            .isEqualTo("https://weir.dev/problems/not-found");
    }

    @Test
    void cancelsARunWhichStopsInterruptedAndIsResumedByTheNext() throws Exception {
        String name = "admin-cancel";
        // 6 pages, each answered after 500 ms
        this.upstream = TestConnectors.upstream(6).latency(Duration.ofMillis(500)).start();
        json(send("PUT", "/connectors/" + name, "application/yaml",
                TestConnectors.establishments(name, this.upstream, "")), 201);
        String runId = json(send("POST", "/connectors/" + name + "/runs", null, null), 202).get("run_id").asString();
        await("a page done").atMost(Duration.ofSeconds(30))
            .until(() -> json(get("/connectors/" + name + "/runs/" + runId), 200).get("report")
                .get("counts")
                .get("pages")
                .asLong() >= 1);

        JsonNode cancelling = json(send("POST", "/connectors/" + name + "/runs/" + runId + "/cancel", null, null), 202);
        assertThat(cancelling.get("run_id").asString()).isEqualTo(runId);
        await("the run to stop").atMost(Duration.ofSeconds(30))
            .until(() -> !json(get("/connectors/" + name + "/runs/" + runId), 200).get("status")
                .asString()
                .equals("running"));
        JsonNode run = json(get("/connectors/" + name + "/runs/" + runId), 200);
        assertThat(run.get("status").asString()).isEqualTo("interrupted");
        assertThat(run.get("error").asString()).startsWith("cancelled");
        assertThat(run.get("pages").asLong()).isBetween(1L, 5L);
        JsonNode ended = json(send("POST", "/connectors/" + name + "/runs/" + runId + "/cancel", null, null), 409);
        assertThat(ended.get("type").asString()).isEqualTo("https://weir.dev/problems/run-not-cancellable");

        JsonNode next = json(send("POST", "/connectors/" + name + "/runs", null, null), 202);
        assertThat(next.get("resumed").asBoolean()).as("the next run resumes the cancelled one's sync").isTrue();
        assertThat(next.get("sync_id").asString()).isEqualTo(runId);
        String nextId = next.get("run_id").asString();
        await("the next run to end").atMost(Duration.ofSeconds(30))
            .until(() -> !json(get("/connectors/" + name + "/runs/" + nextId), 200).get("status")
                .asString()
                .equals("running"));
        assertThat(json(get("/connectors/" + name + "/runs/" + nextId), 200).get("status").asString())
            .isEqualTo("succeeded");
    }

    @Test
    void listsWeirTopicsWithPartitionsRetentionAndRecords() throws Exception {
        String name = "admin-topics";
        this.upstream = TestConnectors.upstream(2).start();
        json(send("PUT", "/connectors/" + name, "application/yaml",
                TestConnectors.establishments(name, this.upstream, "")), 201);
        String runId = json(send("POST", "/connectors/" + name + "/runs", null, null), 202).get("run_id").asString();
        await("the run to end").atMost(Duration.ofSeconds(30))
            .until(() -> json(get("/connectors/" + name + "/runs/" + runId), 200).get("status")
                .asString()
                .equals("succeeded"));

        JsonNode topics = json(get("/topics"), 200);

        assertThat(topics).allSatisfy((topic) -> assertThat(topic.get("name").asString()).startsWith("weir."));
        JsonNode raw = find(topics, "weir.raw." + name);
        assertThat(raw.get("partitions").asInt()).isEqualTo(3);
        assertThat(raw.get("records").asLong()).isEqualTo(100);
        assertThat(raw.get("retention_ms").asLong()).isEqualTo(Duration.ofDays(7).toMillis());
        assertThat(raw.get("cleanup_policy").asString()).isEqualTo("delete");
        JsonNode dlq = find(topics, "weir.dlq." + name);
        assertThat(dlq.get("records").asLong()).isZero();
        assertThat(dlq.get("retention_ms").asLong()).isEqualTo(Duration.ofDays(30).toMillis());
    }

    @Test
    void refusesToRunAConnectorWhoseDefinitionHasProblemsWith422() throws Exception {
        Files.writeString(IngestTestInitializer.dataDir().resolve("connectors/broken.yml"), """
                name: broken
                streams: []
                """);
        JsonNode broken = find(json(get("/connectors"), 200), "broken");
        assertThat(broken.get("source").asString()).isEqualTo("file");
        assertThat(broken.get("valid").asBoolean()).isFalse();
        assertThat(broken.get("problems")).extracting((p) -> p.get("path").asString()).contains("base_url");

        JsonNode problem = json(send("POST", "/connectors/broken/runs", null, null), 422);
        assertThat(problem.get("errors")).extracting((e) -> e.get("field").asString()).contains("base_url");
    }

    @Test
    void documentsTheAdminApi() throws Exception {
        JsonNode openApi = json(get("/openapi.json"), 200);
        assertThat(openApi.get("paths").has("/connectors/{name}/runs")).isTrue();
        assertThat(openApi.get("paths").get("/connectors/{name}/runs").get("post").get("responses").has("409"))
            .isTrue();
        assertThat(get("/docs").statusCode()).isLessThan(400);
        assertThat(get("/redoc").statusCode()).isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentDeclaresWhatEachOperationAnswers() throws Exception {
        // found by an outside fuzzer: the push declared a 200 it never answers and no
        // body,
        // the connector operations no 2xx at all
        JsonNode paths = json(get("/openapi.json"), 200).get("paths");
        JsonNode push = paths.get("/events/{stream}").get("post");
        assertThat(names(push.get("requestBody").get("content"))).contains("application/json", "application/x-ndjson",
                "application/cloudevents+json", "application/cloudevents-batch+json");
        assertThat(names(push.get("responses"))).contains("202", "400", "404", "409", "413", "415", "422", "503")
            .doesNotContain("200");
        assertThat(push.get("responses").get("202").at("/content/application~1json/schema").isMissingNode()).isFalse();
        assertThat(names(paths.get("/events/streams/{name}").get("put").get("responses"))).contains("200", "201", "409",
                "422");
        for (String path : java.util.List.of("/connectors/{name}", "/connectors/{name}/runs",
                "/connectors/{name}/runs/{runId}", "/connectors/{name}/schedule", "/connectors/{name}/preview",
                "/connectors/{name}/checkpoints", "/topics")) {
            assertThat(paths.get(path).get("get").at("/responses/200/content/application~1json/schema").isMissingNode())
                .as(path)
                .isFalse();
        }
        assertThat(paths.get("/connectors/{name}/check")
            .get("post")
            .at("/responses/200/content/application~1json/schema")
            .isMissingNode()).isFalse();
    }

    @Test
    void aRunIdThatIsNotOneIsRefusedSayingWhatARunIdIs() throws Exception {
        JsonNode problem = json(get("/connectors/fhrs/runs/x"), 422);

        assertThat(problem.get("detail").asString()).contains("must be a run id (a UUID)")
            .doesNotContain("JSON object");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("runId");
        assertThat(problem.get("errors").get(0).get("in").asString()).isEqualTo("path");
    }

    private static java.util.List<String> names(JsonNode object) {
        return object.properties().stream().map(java.util.Map.Entry::getKey).toList();
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode connector : list) {
            if (connector.get("name").asString().equals(name)) {
                return connector;
            }
        }
        throw new AssertionError("no connector " + name + " in " + list);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null);
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
            .method(method,
                    (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        // the admin API needs connectors.admin; the service's metrics need admin
        request.header("Authorization", TestTokens
            .bearer((path.startsWith("/prometheus") || path.startsWith("/metrics")) ? "admin" : "connectors.admin"));
        return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    @Test
    void refusesCallersWithoutTheConnectorsAdminScope() throws Exception {
        HttpResponse<String> anonymous = this.http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/connectors")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> reader = this.http
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/connectors"))
                .header("Authorization", TestTokens.bearer("retail.read"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reader.statusCode()).isEqualTo(403);
    }

}
