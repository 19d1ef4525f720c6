package dev.weir.ingest.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.testing.infra.TestKafka;
import dev.weir.testing.infra.TestPostgres;
import dev.weir.testing.infra.TestTokensInitializer;

import static org.awaitility.Awaitility.await;

/**
 * The Ingest service as it is deployed alone: its packaged jar
 * ({@code target/*-exec.jar}) in a process of its own, on the test's database and broker,
 * so a test can kill it with SIGKILL.
 */
public final class IngestProcess implements AutoCloseable {

    private final Process process;

    private final StringBuffer output = new StringBuffer();

    private final int port;

    private IngestProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    this.output.append(line).append('\n');
                }
            }
            catch (IOException ex) {
                // the process ended
            }
        }, "ingest-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the service on {@code port} with its data in {@code dataDir}, on database
     * {@code databaseUrl}, with more {@code --name=value} settings; returns once it is
     * healthy.
     */
    public static IngestProcess start(int port, Path dataDir, String databaseUrl, String... settings) {
        EmbeddedPostgres postgres = TestPostgres.server();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-jar",
                jar().toString(), "--server.port=" + port, "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(), "--weir.ingest.data-dir=" + dataDir,
                "--weir.ingest.schedules.enabled=false", "--spring.main.banner-mode=off",
                "--logging.level.org.apache.kafka=WARN"));
        // tokens of the test issuer, checked as the edge's are
        TestTokensInitializer.properties().forEach((name, value) -> command.add("--" + name + "=" + value));
        command.addAll(List.of(settings));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf((name) -> name.startsWith("WEIR_"));
        IngestProcess started;
        try {
            started = new IngestProcess(builder.start(), port);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        HttpClient http = HttpClient.newHttpClient();
        await("the ingest service to be healthy").atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(250))
            .failFast("the service exited:\n" + started.output, () -> !started.process.isAlive())
            .until(() -> {
                try {
                    return http
                        .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
                }
                catch (IOException ex) {
                    return false;
                }
            });
        return started;
    }

    public int port() {
        return this.port;
    }

    public String output() {
        return this.output.toString();
    }

    /** SIGKILL: no shutdown hook, no flush, no commit. */
    public void kill() {
        this.process.destroyForcibly();
        try {
            this.process.waitFor(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, and waits for the service to stop. */
    @Override
    public void close() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    private static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter((p) -> p.getFileName().toString().endsWith("-exec.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No target/*-exec.jar: package the module first"))
                .toAbsolutePath();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
