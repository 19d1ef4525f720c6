package dev.weir.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.platform.embedded.testing.TestPorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code weir up} as users run it: the packaged jar in a process of its own, on free
 * ports, with its data in a directory of the test's. Collects everything it prints.
 */
final class WeirProcess {

    /** The ports one Weir listens on. */
    record Ports(int retail, int retailGrpc, int ingest, int postgres, int kafka, int kafkaController) {

        static Ports free() {
            return new Ports(TestPorts.free(), TestPorts.free(), TestPorts.free(), TestPorts.free(), TestPorts.free(),
                    TestPorts.free());
        }

    }

    final Process process;

    final Ports ports;

    private final ProcessOutput output;

    private WeirProcess(Process process, Ports ports) {
        this.process = process;
        this.ports = ports;
        this.output = new ProcessOutput(process, "weir-output");
    }

    /** Starts {@code weir up} with its data in {@code dataDir}. */
    static WeirProcess up(Path dataDir, Ports ports) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar",
                Path.of("target/weir.jar").toAbsolutePath().toString(), "up")
            .redirectErrorStream(true);
        builder.environment().put("WEIR_DATA_DIR", dataDir.toString());
        builder.environment().put("WEIR_RETAIL_PORT", Integer.toString(ports.retail()));
        builder.environment().put("WEIR_RETAIL_GRPC_PORT", Integer.toString(ports.retailGrpc()));
        builder.environment().put("WEIR_INGEST_PORT", Integer.toString(ports.ingest()));
        builder.environment().put("WEIR_POSTGRES_PORT", Integer.toString(ports.postgres()));
        builder.environment().put("WEIR_KAFKA_PORT", Integer.toString(ports.kafka()));
        builder.environment().put("WEIR_KAFKA_CONTROLLER_PORT", Integer.toString(ports.kafkaController()));
        builder.environment().remove("WEIR_DB_URL");
        builder.environment().remove("WEIR_KAFKA_BOOTSTRAP");
        return new WeirProcess(builder.start(), ports);
    }

    String output() {
        return this.output.toString();
    }

    void awaitUp() {
        await().atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(200))
            .failFast("weir up exited:\n" + output(), () -> !this.process.isAlive())
            .until(() -> output().contains("Weir is up"));
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
