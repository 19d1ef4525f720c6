package dev.weir.pipeline.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.weir.pipeline.PipelineApplication;
import dev.weir.pipeline.support.CitiBikeRides;
import dev.weir.pipeline.support.RawProducer;
import dev.weir.pipeline.support.Warehouse;
import dev.weir.testing.infra.TestKafka;
import dev.weir.testing.infra.TestPostgres;
import dev.weir.testing.infra.TestPorts;
import dev.weir.testing.infra.TestTokens;
import dev.weir.testing.infra.TestTokensInitializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two pipeline processes (real JVMs) share the work on one broker and database; one is
 * killed with {@code kill -9} while rides are being loaded and started again. Every ride
 * is in the warehouse exactly once, and every count (raw read, cleaned, rows loaded) is
 * exact: nothing lost, nothing counted twice.
 */
class ExactlyOnceProcessIT {

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        this.processes.forEach(Process::destroyForcibly);
    }

    @Test
    void twoProcessesShareTheWorkAndAKilledOneLosesAndDoublesNothing() throws Exception {
        String database = TestPostgres.newDatabase();
        String bootstrap = TestKafka.bootstrapServers();
        Path home = Files.createTempDirectory("weir-pipeline-kill");
        Warehouse warehouse = new Warehouse(JdbcClient.create(TestPostgres.dataSource(database)));
        int portA = TestPorts.free();
        int portB = TestPorts.free();
        Process a = start(database, bootstrap, home.resolve("a"), portA, "a");
        Process b = start(database, bootstrap, home.resolve("b"), portB, "b");
        Warehouse.await("both pipelines answer", Duration.ofSeconds(420), () -> up(portA) && up(portB));

        List<CitiBikeRides.Ride> rides = CitiBikeRides.first(12_000);
        try (RawProducer producer = new RawProducer(bootstrap)) {
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            rides.forEach((ride) -> records
                .add(producer.pushed("rides", ride.id(), ride.vehicle(), ride.start(), ride.json())));
            producer.send(records.subList(0, 6_000));
            Warehouse.await("some rides are loaded", Duration.ofSeconds(180),
                    () -> tableExists(warehouse) && warehouse.count("ride") > 500);
            // mid-stream: records keep arriving while process a dies
            producer.send(records.subList(6_000, 9_000));
            a.destroyForcibly().waitFor();
            producer.send(records.subList(9_000, 12_000));
        }
        long loadedWhenKilled = warehouse.count("ride");
        assertThat(loadedWhenKilled).isLessThan(rides.size());
        Process restarted = start(database, bootstrap, home.resolve("a"), portA, "a-again");
        Warehouse.await("every ride is loaded and counted", Duration.ofSeconds(300),
                () -> warehouse.counter("rides", "raw") == rides.size()
                        && warehouse.counter("rides", "rows") == warehouse.counter("rides", "loaded.ride.inserted")
                                + warehouse.counter("rides", "loaded.ride.updated")
                                + warehouse.counter("rides", "loaded.ride.unchanged")
                                + warehouse.counter("rides", "loaded.superseded_in_batch"));

        assertThat(warehouse.count("ride") + warehouse.counter("rides", "dead_letter")).isEqualTo(rides.size());
        assertThat(warehouse.counter("rides", "raw")).isEqualTo(rides.size());
        assertThat(warehouse.counter("rides", "cleaned") + warehouse.counter("rides", "dead_letter"))
            .isEqualTo(rides.size());
        assertThat(warehouse.counter("rides", "duplicate")).isZero();
        assertThat(warehouse.counter("rides", "loaded.ride.inserted")).isEqualTo(warehouse.count("ride"));
        assertThat(warehouse.counter("rides", "loaded.ride.updated")).isZero();
        assertThat(
                warehouse.jdbc().sql("SELECT count(DISTINCT ride_id) FROM warehouse.ride").query(Long.class).single())
            .isEqualTo(warehouse.count("ride"));
        assertThat(warehouse.count("dead_letter")).isEqualTo(warehouse.counter("rides", "dead_letter"));
        // both processes loaded batches: the work was shared
        assertThat(loadedRows(portB)).isPositive();
        assertThat(restarted.isAlive()).isTrue();
    }

    private Process start(String database, String bootstrap, Path dataDir, int port, String name) throws IOException {
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED", "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                        PipelineApplication.class.getName(), "--spring.datasource.url=" + database,
                        "--spring.datasource.username=" + TestPostgres.server().username(),
                        "--spring.datasource.password=" + TestPostgres.server().password(),
                        "--spring.kafka.bootstrap-servers=" + bootstrap, "--server.port=" + port,
                        "--weir.pipeline.data-dir=" + dataDir, "--weir.pipeline.retail.export=false",
                        "--weir.pipeline.datasets=rides", "--logging.level.org.apache.kafka=WARN"));
        // it checks tokens of this JVM's test issuer
        TestTokensInitializer.properties().forEach((key, value) -> command.add("--" + key + "=" + value));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dataDir.resolve(name + ".log").toFile())
            .start();
        this.processes.add(process);
        return process;
    }

    private static boolean tableExists(Warehouse warehouse) {
        return warehouse.jdbc()
            .sql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'warehouse' AND table_name = 'ride'")
            .query(Long.class)
            .single() == 1;
    }

    private static boolean up(int port) {
        try {
            return get(port, "/health").statusCode() == 200;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static double loadedRows(int port) throws IOException {
        String body = get(port, "/prometheus").body();
        return body.lines()
            .filter((line) -> line.startsWith("weir_pipeline_loaded_rows_total{"))
            .mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .sum();
    }

    private static HttpResponse<String> get(int port, String path) throws IOException {
        try {
            return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", TestTokens.bearer("admin"))
                    .timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException(ex);
        }
    }

}
