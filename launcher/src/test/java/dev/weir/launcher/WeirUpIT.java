package dev.weir.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.weir.cli.ExitCode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code weir up} as users run it: the packaged jar in its own process. */
class WeirUpIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    private final List<WeirProcess> started = new CopyOnWriteArrayList<>();

    private final HttpClient http = HttpClient.newHttpClient();

    private WeirProcess.Ports ports;

    @AfterEach
    void stopAll() {
        this.started.forEach(WeirProcess::kill);
        // a failed test may leave the server of a killed Weir behind
        WeirProcess.stopLeftoverPostgres(this.dataDir, this.ports.postgres());
    }

    @Test
    void keepsDataAcrossARestartAndStopsPostgresOnTermination() throws Exception {
        freePorts();
        WeirProcess weir = up();
        weir.awaitUp();
        assertThat(weir.output()).contains("Weir is up", "Edge          http://localhost:" + this.ports.edge(),
                "http://localhost:" + this.ports.retail(), "Kafka         127.0.0.1:" + this.ports.kafka(),
                "Retail gRPC   localhost:" + this.ports.retailGrpc(),
                "Admin key     " + this.dataDir.resolve("admin.key"));
        assertThat(weir.output().indexOf("Edge  ")).as("the edge is printed first")
            .isLessThan(weir.output().indexOf("Retail API"));
        assertThat(post("/customer", "{\"customer_id\": \"4242\", \"country\": \"Iceland\"}")).isEqualTo(201);
        assertThat(grpcHealth()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThat(weir.output()).contains("Ingest API    http://localhost:" + this.ports.ingest(),
                "Pipeline API  http://localhost:" + this.ports.pipeline());
        assertThat(get("/dlq").statusCode()).as("the pipeline through the edge").isEqualTo(200);
        // the customer made above reaches the warehouse through the pipeline, and the CLI
        // asks the pipeline of this weir up, through its edge with the admin key, to
        // reconcile it
        WeirProcess reconcile = cli("reconcile", "retail", "--wait", "180s");
        assertThat(reconcile.process.waitFor(4, TimeUnit.MINUTES)).isTrue();
        assertThat(reconcile.output()).contains("Reconciliation of retail", "Reconciled.");
        assertThat(reconcile.process.exitValue()).as(reconcile.output()).isZero();
        WeirProcess unknown = cli("reconcile", "no-such-dataset");
        assertThat(unknown.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(unknown.process.exitValue()).as(unknown.output()).isEqualTo(4);
        assertThat(weir.output()).contains("Analytics     http://localhost:" + this.ports.analytics(),
                "http://localhost:" + this.ports.analytics() + "/dashboard");
        HttpResponse<String> dashboard = this.http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.ports.analytics() + "/dashboard")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("/webjars/echarts/");
        assertThat(get("/analytics/pipeline/health").statusCode()).as("analytics through the edge").isEqualTo(200);
        HttpResponse<String> connectors = get("/connectors");
        assertThat(connectors.statusCode()).isEqualTo(200);
        assertThat(connectors.body()).contains("\"name\":\"fhrs\"", "\"name\":\"open-meteo\"");
        assertThat(weir.output())
            .contains("Push          http://localhost:" + this.ports.ingest() + "/events/{stream}");
        HttpResponse<String> pushed = this.http.send(HttpRequest.newBuilder(uri("/events/rides"))
            .header("X-API-Key", adminKey())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"ride_id\":\"r1\",\"bike_id\":\"bike-1\",\"event\":\"start\","
                    + "\"at\":\"2017-07-17T08:01:02Z\",\"station_id\":72}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(202);
        // the trip's end through the same endpoint: the pipeline makes the ride of the
        // two,
        // and weir reconcile finds it in the warehouse
        HttpResponse<String> ended = this.http.send(HttpRequest.newBuilder(uri("/events/rides"))
            .header("X-API-Key", adminKey())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"ride_id\":\"r1\",\"bike_id\":\"bike-1\",\"event\":\"end\","
                    + "\"at\":\"2017-07-17T08:11:02Z\",\"station_id\":79,\"duration_s\":600,\"distance_m\":1800}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(202);
        WeirProcess rides = cli("reconcile", "rides", "--wait", "180s");
        assertThat(rides.process.waitFor(4, TimeUnit.MINUTES)).isTrue();
        assertThat(rides.process.exitValue()).as(rides.output()).isZero();
        assertThat(rides.output()).containsPattern("rows in warehouse\\.ride +1\\b")
            .containsPattern("rows in warehouse\\.ride_start +1\\b");
        // with --json, the report and the dead letters are one JSON document each on
        // stdout
        Map<String, String> cli = Map.of("WEIR_DATA_DIR", this.dataDir.toString(), "WEIR_URL",
                "http://127.0.0.1:" + this.ports.edge());
        WeirProcess.Finished report = WeirProcess.run(cli, "reconcile", "rides", "--json");
        assertThat(report.exit()).as(report.toString()).isZero();
        assertThat(JSON.readTree(report.stdout()).path("reconciled").asBoolean()).as(report.toString()).isTrue();
        WeirProcess.Finished deadLetters = WeirProcess.run(cli, "dlq", "list", "--json");
        assertThat(deadLetters.exit()).as(deadLetters.toString()).isZero();
        assertThat(JSON.readTree(deadLetters.stdout()).path("datasets").isObject()).as(deadLetters.toString()).isTrue();
        // the CLI manages keys through the edge's admin API, with the admin key weir up
        // wrote
        WeirProcess keys = WeirProcess.start(
                Map.of("WEIR_DATA_DIR", this.dataDir.toString(), "WEIR_URL", "http://127.0.0.1:" + this.ports.edge()),
                "keys", "create", "--name", "cli", "--scopes", "retail.read");
        assertThat(keys.process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> keys.output().contains("Created API key"));
        assertThat(keys.process.exitValue()).as(keys.output()).isZero();
        String key = keys.output().lines().filter((line) -> line.startsWith("wk_")).findFirst().orElseThrow();
        HttpResponse<String> read = this.http.send(
                HttpRequest.newBuilder(uri("/customer/4242")).header("X-API-Key", key).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.body()).contains("Iceland");
        // round the edge, without a token: every service checks
        Map<Integer, String> direct = Map.of(this.ports.retail(), "/customer/4242", this.ports.ingest(), "/connectors",
                this.ports.pipeline(), "/dlq", this.ports.analytics(), "/pipeline/health");
        for (Map.Entry<Integer, String> call : direct.entrySet()) {
            HttpResponse<String> refused = this.http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + call.getKey() + call.getValue())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as("%s without a token", call).isEqualTo(401);
        }

        assertThat(weir.terminate()).as("exit status after SIGTERM").isEqualTo(143);
        assertThat(this.dataDir.resolve("postgres/data/postmaster.pid")).doesNotExist();

        WeirProcess again = up();
        again.awaitUp();
        assertThat(get("/customer/4242").body()).contains("Iceland");
        again.terminate();
    }

    @Test
    void refusesASecondWeirOnTheSameDataDirectory() throws Exception {
        freePorts();
        WeirProcess weir = up();
        weir.awaitUp();
        WeirProcess second = up();
        assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.process.exitValue()).isEqualTo(ExitCode.BUSY);
        assertThat(second.output()).contains("already running");
        assertThat(get("/health").statusCode()).isEqualTo(200);

        // another Weir, with its data elsewhere, on the same ports: one line that names
        // the first
        WeirProcess.Finished elsewhere = WeirProcess.run(environment(this.dataDir.resolve("elsewhere")), "up");
        assertThat(elsewhere.exit()).as(elsewhere.toString()).isEqualTo(ExitCode.BUSY);
        assertThat(elsewhere.stderr()).as(elsewhere.toString())
            .isEqualTo("weir up: port " + this.ports.retail()
                    + " (retail, env WEIR_RETAIL_PORT) is taken by another Weir (pid " + weir.process.pid()
                    + ", data in " + this.dataDir.toAbsolutePath()
                    + "): stop it, or give this one other ports (WEIR_RETAIL_PORT=...).\n");
        assertThat(get("/health").statusCode()).isEqualTo(200);
        weir.terminate();
    }

    @Test
    void refusesAPortTakenByAnotherProgramInOneLineBeforeStartingAnything() throws Exception {
        freePorts();
        try (ServerSocket taken = new ServerSocket(this.ports.ingest(), 1, InetAddress.getLoopbackAddress())) {
            WeirProcess.Finished up = WeirProcess.run(environment(this.dataDir), "up");
            assertThat(up.exit()).as(up.toString()).isEqualTo(ExitCode.BUSY);
            assertThat(up.stderr()).as(up.toString())
                .isEqualTo("weir up: port " + this.ports.ingest() + " (ingest, env WEIR_INGEST_PORT) is taken by "
                        + "another program: stop it, or give Weir another port (WEIR_INGEST_PORT=...).\n");
            assertThat(up.stdout()).isEmpty();
            assertThat(this.dataDir.resolve("postgres")).as("nothing started").doesNotExist();
        }
    }

    private java.util.Map<String, String> environment(Path dataDir) {
        return java.util.Map.of("WEIR_DATA_DIR", dataDir.toString(), "WEIR_RETAIL_PORT",
                Integer.toString(this.ports.retail()), "WEIR_RETAIL_GRPC_PORT",
                Integer.toString(this.ports.retailGrpc()), "WEIR_INGEST_PORT", Integer.toString(this.ports.ingest()),
                "WEIR_POSTGRES_PORT", Integer.toString(this.ports.postgres()), "WEIR_KAFKA_PORT",
                Integer.toString(this.ports.kafka()), "WEIR_KAFKA_CONTROLLER_PORT",
                Integer.toString(this.ports.kafkaController()));
    }

    @Test
    void recoversAfterBeingKilledByAdoptingThePostgresItLeftBehind() throws Exception {
        freePorts();
        WeirProcess weir = up();
        weir.awaitUp();
        assertThat(post("/customer", "{\"customer_id\": \"4343\", \"country\": \"Malta\"}")).isEqualTo(201);
        weir.kill();
        assertThat(this.dataDir.resolve("postgres/data/postmaster.pid")).exists();

        WeirProcess again = up();
        again.awaitUp();
        assertThat(again.output()).contains("Attaching to the PostgreSQL already running");
        assertThat(get("/customer/4343").body()).contains("Malta");
        assertThat(again.terminate()).isEqualTo(143);
        assertThat(this.dataDir.resolve("postgres/data/postmaster.pid")).doesNotExist();
    }

    private void freePorts() {
        this.ports = WeirProcess.Ports.free();
    }

    private WeirProcess up() throws IOException {
        WeirProcess weir = WeirProcess.up(this.dataDir, this.ports);
        this.started.add(weir);
        return weir;
    }

    /** The {@code weir} command line asking the pipeline of this test's weir up. */
    private WeirProcess cli(String... arguments) throws IOException {
        WeirProcess cli = WeirProcess.start(
                Map.of("WEIR_DATA_DIR", this.dataDir.toString(), "WEIR_URL", "http://127.0.0.1:" + this.ports.edge()),
                arguments);
        this.started.add(cli);
        return cli;
    }

    private int post(String path, String json) throws Exception {
        return this.http
            .send(HttpRequest.newBuilder(uri(path))
                .header("X-API-Key", adminKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.discarding())
            .statusCode();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return this.http.send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", adminKey()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The admin key the first start generated. */
    private String adminKey() throws IOException {
        return java.nio.file.Files.readString(this.dataDir.resolve("admin.key")).strip();
    }

    private HealthCheckResponse.ServingStatus grpcHealth() {
        ManagedChannel channel = Grpc
            .newChannelBuilderForAddress("127.0.0.1", this.ports.retailGrpc(), InsecureChannelCredentials.create())
            .build();
        try {
            return HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance())
                .getStatus();
        }
        finally {
            channel.shutdownNow();
        }
    }

    /** Through the edge. */
    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.ports.edge() + path);
    }

}
