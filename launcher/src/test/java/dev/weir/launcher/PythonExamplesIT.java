package dev.weir.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Python examples in {@code examples/python} (requests, grpcio, confluent-kafka, from
 * Debian's packages) against a live {@code weir up}: they are documentation that runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PythonExamplesIT {

    @TempDir
    static Path dataDir;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static WeirProcess.Ports ports;

    static WeirProcess weir;

    static String restCustomer;

    static final Path EXAMPLES = repositoryRoot().resolve("examples/python");

    @BeforeAll
    static void up() throws IOException {
        ports = WeirProcess.Ports.free();
        weir = WeirProcess.up(dataDir, ports);
        weir.awaitUp();
    }

    @AfterAll
    static void down() throws InterruptedException {
        weir.terminate();
    }

    @Test
    @Order(1)
    void theRestExampleCreatesAndReadsCustomersInvoicesAndLinesAndReadsProblems() throws Exception {
        String key = admin("/admin/keys", "{\"name\": \"python\", \"scopes\": [\"retail.read\", \"retail.write\"]}")
            .get("key")
            .asString();
        Result result = python("rest_example.py", "http://127.0.0.1:" + ports.edge(), key);
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("problem https://weir.dev/problems/validation").endsWith("ok\n");
        Matcher created = Pattern.compile("created /customer/(\\S+)").matcher(result.output());
        assertThat(created.find()).isTrue();
        restCustomer = created.group(1);
    }

    @Test
    @Order(2)
    void theGrpcExampleCallsUnaryAndStreamingMethodsAndReadsStatusCodes() throws Exception {
        Path stubs = Files.createTempDirectory(dataDir, "stubs");
        Result generated = run(List.of("bash", EXAMPLES.resolve("generate_stubs.sh").toString(), stubs.toString()));
        assertThat(generated.exit()).as(generated.output()).isZero();
        JsonNode client = admin("/admin/clients",
                "{\"name\": \"python-grpc\", \"scopes\": [\"retail.read\", \"retail.write\"]}");
        HttpResponse<String> token = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.edge() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers
                    .ofString("grant_type=client_credentials&client_id=" + client.get("client_id").asString()
                            + "&client_secret=" + client.get("client_secret").asString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String jwt = JSON.readTree(token.body()).get("access_token").asString();
        Result result = python("grpc_example.py", "127.0.0.1:" + ports.retailGrpc(), stubs.toString(), restCustomer,
                jwt);
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output())
            .contains("error UNAUTHENTICATED", "error NOT_FOUND", "error ALREADY_EXISTS", "invoices of " + restCustomer)
            .endsWith("ok\n");
    }

    @Test
    @Order(3)
    void theKafkaExampleReadsTheRetailEventOfTheCustomerTheRestExampleCreated() throws Exception {
        Result result = python("kafka_consumer.py", "127.0.0.1:" + ports.kafka(), "100000", restCustomer);
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("weir.retail.customer.created", "subject=" + restCustomer);
    }

    /** A POST to the edge's admin API with the admin key the first start generated. */
    private static JsonNode admin(String path, String json) throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.edge() + path))
                .header("X-API-Key", Files.readString(dataDir.resolve("admin.key")).strip())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    private static Result python(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3");
        command.add(EXAMPLES.resolve(script).toString());
        command.addAll(List.of(args));
        return run(command);
    }

    /**
     * Runs {@code command} to its end. The output is read on another thread while this
     * one waits, so the two-minute limit applies to a script that hangs (reading the
     * output to its end first would wait for the script for ever).
     */
    private static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getInputStream().readAllBytes();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String text = new String(output.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertThat(ended).as(String.join(" ", command) + " did not end within 2 minutes:\n" + text).isTrue();
        return new Result(process.exitValue(), text);
    }

    record Result(int exit, String output) {
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/python"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("examples/python not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

}
