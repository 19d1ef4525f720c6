package dev.weir.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.testing.infra.TestPorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code weir} as users run it: the packaged jar in a process of its own, configured by
 * the test alone. Collects everything it prints.
 */
final class WeirProcess {

    /** The ports one Weir listens on. */
    record Ports(int retail, int retailGrpc, int ingest, int pipeline, int postgres, int kafka, int kafkaController,
            int analytics, int edge) {

        static Ports free() {
            return new Ports(TestPorts.free(), TestPorts.free(), TestPorts.free(), TestPorts.free(), TestPorts.free(),
                    TestPorts.free(), TestPorts.free(), TestPorts.free(), TestPorts.free());
        }

    }

    final Process process;

    private final ProcessOutput output;

    private WeirProcess(Process process) {
        this.process = process;
        this.output = new ProcessOutput(process, "weir-output");
    }

    /**
     * Starts {@code weir up} on {@code ports}, with its data in {@code dataDir} and its
     * own PostgreSQL and Kafka broker.
     */
    static WeirProcess up(Path dataDir, Ports ports) throws IOException {
        return up(dataDir, ports, Map.of());
    }

    /**
     * Starts {@code weir up} on {@code ports}, with its data in {@code dataDir} and the
     * variables of {@code more} (another database, a Kafka cluster, connector overrides).
     */
    static WeirProcess up(Path dataDir, Ports ports, Map<String, String> more) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("WEIR_DATA_DIR", dataDir.toString());
        env.put("WEIR_RETAIL_PORT", Integer.toString(ports.retail()));
        env.put("WEIR_RETAIL_GRPC_PORT", Integer.toString(ports.retailGrpc()));
        env.put("WEIR_INGEST_PORT", Integer.toString(ports.ingest()));
        env.put("WEIR_PIPELINE_PORT", Integer.toString(ports.pipeline()));
        env.put("WEIR_EDGE_PORT", Integer.toString(ports.edge()));
        env.put("WEIR_POSTGRES_PORT", Integer.toString(ports.postgres()));
        env.put("WEIR_KAFKA_PORT", Integer.toString(ports.kafka()));
        env.put("WEIR_KAFKA_CONTROLLER_PORT", Integer.toString(ports.kafkaController()));
        env.put("WEIR_ANALYTICS_PORT", Integer.toString(ports.analytics()));
        env.putAll(more);
        return start(env, "up");
    }

    /**
     * Starts {@code weir} with {@code arguments} and the variables of {@code environment}
     * added to the test JVM's own, except its {@code WEIR_*} ones: a developer's settings
     * never reach the process.
     */
    static WeirProcess start(Map<String, String> environment, String... arguments) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar",
                Path.of("target/weir.jar").toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf((name) -> name.startsWith("WEIR_"));
        builder.environment().putAll(environment);
        return new WeirProcess(builder.start());
    }

    /** What a {@code weir} command printed on each stream, and its exit status. */
    record Finished(int exit, String stdout, String stderr) {

        @Override
        public String toString() {
            return "exit " + this.exit + "\n--- stdout\n" + this.stdout + "--- stderr\n" + this.stderr;
        }

    }

    /**
     * Runs {@code weir} with {@code arguments} to its end (two minutes at most), keeping
     * its stdout and stderr apart, as a shell pipe sees them.
     */
    static Finished run(Map<String, String> environment, String... arguments) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar",
                Path.of("target/weir.jar").toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile("weir-stdout", ".txt");
        Path err = Files.createTempFile("weir-stderr", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().keySet().removeIf((name) -> name.startsWith("WEIR_"));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("weir " + String.join(" ", arguments) + " did not end in 2 minutes:\n"
                        + Files.readString(out) + Files.readString(err));
            }
            return new Finished(process.exitValue(), Files.readString(out), Files.readString(err));
        }
        finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    String output() {
        return this.output.toString();
    }

    void awaitUp() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!this.process.isAlive()) {
                throw new AssertionError(
                        "weir up exited with " + this.process.exitValue() + ":\n" + this.output.whenEnded());
            }
            return output().contains("Weir is up");
        });
    }

    /**
     * SIGTERM, as a service manager would (Ctrl-C is SIGINT, handled alike); returns the
     * exit code.
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

    /**
     * Stops a PostgreSQL a killed Weir left behind in {@code dataDir}, so no test leaks
     * one.
     */
    static void stopLeftoverPostgres(Path dataDir, int port) {
        if (Files.exists(dataDir.resolve("postgres/data/postmaster.pid"))) {
            EmbeddedPostgres
                .start(dataDir.resolve("postgres"), port, Path.of(System.getProperty("user.home"), ".cache", "weir"))
                .stop();
        }
    }

}
