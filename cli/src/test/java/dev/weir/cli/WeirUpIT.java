package dev.weir.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

import dev.weir.platform.embedded.EmbeddedPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code weir up} as users run it: the packaged jar in its own process. */
class WeirUpIT {

    @TempDir
    Path dataDir;

    private final List<Weir> started = new CopyOnWriteArrayList<>();

    private final HttpClient http = HttpClient.newHttpClient();

    private int retailPort;

    private int retailGrpcPort;

    private int ingestPort;

    private int postgresPort;

    private int kafkaPort;

    private int kafkaControllerPort;

    @AfterEach
    void stopAll() {
        this.started.forEach(Weir::kill);
        if (Files.exists(this.dataDir.resolve("postgres/data/postmaster.pid"))) {
            // a failed test may leave the server of a killed Weir behind
            EmbeddedPostgres
                .start(this.dataDir.resolve("postgres"), this.postgresPort,
                        Path.of(System.getProperty("user.home"), ".cache", "weir"))
                .stop();
        }
    }

    @Test
    void keepsDataAcrossARestartAndStopsPostgresOnTermination() throws Exception {
        freePorts();
        Weir weir = up();
        weir.awaitUp();
        assertThat(weir.output()).contains("Weir is up", "http://localhost:" + this.retailPort,
                "Kafka         127.0.0.1:" + this.kafkaPort, "Retail gRPC   localhost:" + this.retailGrpcPort);
        assertThat(post("/customer", "{\"customer_id\": \"4242\", \"country\": \"Iceland\"}")).isEqualTo(201);
        assertThat(grpcHealth()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThat(weir.output()).contains("Ingest API    http://localhost:" + this.ingestPort);
        HttpResponse<String> connectors = this.http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.ingestPort + "/connectors")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(connectors.statusCode()).isEqualTo(200);
        assertThat(connectors.body()).contains("\"name\":\"fhrs\"", "\"name\":\"open-meteo\"");

        assertThat(weir.terminate()).as("exit status after SIGTERM").isEqualTo(143);
        assertThat(this.dataDir.resolve("postgres/data/postmaster.pid")).doesNotExist();

        Weir again = up();
        again.awaitUp();
        assertThat(get("/customer/4242").body()).contains("Iceland");
        again.terminate();
    }

    @Test
    void refusesASecondWeirOnTheSameDataDirectory() throws Exception {
        freePorts();
        Weir weir = up();
        weir.awaitUp();
        Weir second = up();
        assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.process.exitValue()).isEqualTo(1);
        assertThat(second.output()).contains("already running");
        assertThat(get("/health").statusCode()).isEqualTo(200);
        weir.terminate();
    }

    @Test
    void recoversAfterBeingKilledByAdoptingThePostgresItLeftBehind() throws Exception {
        freePorts();
        Weir weir = up();
        weir.awaitUp();
        assertThat(post("/customer", "{\"customer_id\": \"4343\", \"country\": \"Malta\"}")).isEqualTo(201);
        weir.kill();
        assertThat(this.dataDir.resolve("postgres/data/postmaster.pid")).exists();

        Weir again = up();
        again.awaitUp();
        assertThat(again.output()).contains("Attaching to the PostgreSQL already running");
        assertThat(get("/customer/4343").body()).contains("Malta");
        assertThat(again.terminate()).isEqualTo(143);
        assertThat(this.dataDir.resolve("postgres/data/postmaster.pid")).doesNotExist();
    }

    private void freePorts() throws IOException {
        this.retailPort = freePort();
        this.retailGrpcPort = freePort();
        this.ingestPort = freePort();
        this.postgresPort = freePort();
        this.kafkaPort = freePort();
        this.kafkaControllerPort = freePort();
    }

    private Weir up() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar",
                Path.of("target/weir.jar").toAbsolutePath().toString(), "up")
            .redirectErrorStream(true);
        builder.environment().put("WEIR_DATA_DIR", this.dataDir.toString());
        builder.environment().put("WEIR_RETAIL_PORT", Integer.toString(this.retailPort));
        builder.environment().put("WEIR_RETAIL_GRPC_PORT", Integer.toString(this.retailGrpcPort));
        builder.environment().put("WEIR_INGEST_PORT", Integer.toString(this.ingestPort));
        builder.environment().put("WEIR_POSTGRES_PORT", Integer.toString(this.postgresPort));
        builder.environment().put("WEIR_KAFKA_PORT", Integer.toString(this.kafkaPort));
        builder.environment().put("WEIR_KAFKA_CONTROLLER_PORT", Integer.toString(this.kafkaControllerPort));
        builder.environment().remove("WEIR_DB_URL");
        builder.environment().remove("WEIR_KAFKA_BOOTSTRAP");
        Weir weir = new Weir(builder.start());
        this.started.add(weir);
        return weir;
    }

    private int post(String path, String json) throws Exception {
        return this.http
            .send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.discarding())
            .statusCode();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return this.http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HealthCheckResponse.ServingStatus grpcHealth() {
        ManagedChannel channel = Grpc
            .newChannelBuilderForAddress("127.0.0.1", this.retailGrpcPort, InsecureChannelCredentials.create())
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

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.retailPort + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A running {@code weir up} and everything it printed. */
    static final class Weir {

        final Process process;

        private final StringBuffer output = new StringBuffer();

        Weir(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        this.output.append(line).append('\n');
                    }
                }
                catch (IOException ex) {
                    // the process ended
                }
            }, "weir-output");
            reader.setDaemon(true);
            reader.start();
        }

        String output() {
            return this.output.toString();
        }

        void awaitUp() {
            await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .failFast("weir up exited:\n" + output(), () -> !this.process.isAlive())
                .until(() -> output().contains("Weir is up"));
        }

        /**
         * SIGTERM, as a service manager would (Ctrl-C is SIGINT, handled alike); returns
         * the exit code.
         */
        int terminate() throws InterruptedException {
            this.process.destroy();
            assertThat(this.process.waitFor(60, TimeUnit.SECONDS)).as("weir stops within a minute").isTrue();
            return this.process.exitValue();
        }

        void kill() {
            this.process.destroyForcibly();
            try {
                this.process.waitFor(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }

    }

}
