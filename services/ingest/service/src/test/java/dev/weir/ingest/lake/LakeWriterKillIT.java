package dev.weir.ingest.lake;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.weir.ingest.support.IngestProcess;
import dev.weir.ingest.support.LakeReader;
import dev.weir.ingest.support.PushClient;
import dev.weir.testing.infra.TestPorts;
import dev.weir.testing.infra.TestPostgres;

import static dev.weir.ingest.support.PushClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lake writer killed with SIGKILL (a real process: the service's jar) while it
 * writes, twice, and started again: read back with DuckDB, every accepted event is in the
 * lake exactly once.
 */
class LakeWriterKillIT {

    private static final String STREAM = "kill-rides";

    @TempDir
    Path dataDir;

    private final List<IngestProcess> started = new ArrayList<>();

    private final AtomicInteger rides = new AtomicInteger();

    @AfterEach
    void stop() {
        this.started.forEach(IngestProcess::kill);
    }

    @Test
    void killedMidFileAndStartedAgainEveryAcceptedEventIsInTheLakeExactlyOnce() {
        String database = TestPostgres.newDatabase();
        int port = TestPorts.free();
        Path lake = this.dataDir.resolve("lake");
        List<String> accepted = new ArrayList<>();

        IngestProcess first = start(port, database);
        PushClient client = new PushClient(port);
        declare(client);
        accepted.addAll(push(client, 15));
        await("the first files").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> parquetFiles(lake) >= 2);
        // one more batch, killed as soon as it is accepted: its events are on the topic,
        // and
        // the writer (rolling at 250 rows or 300 ms) is still at work on them
        accepted.addAll(push(client, 1));
        first.kill();
        assertThat(LakeReader.eventIds(lake, STREAM)).as("killed before the end").hasSizeLessThan(accepted.size());

        // counted before the second writer starts: counted after the pushes, a writer
        // quick
        // enough had written every file already, and no more ever came
        long files = parquetFiles(lake);
        IngestProcess second = start(port, database);
        accepted.addAll(push(client, 10));
        await("more files").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> parquetFiles(lake) > files);
        second.kill();

        try (IngestProcess third = start(port, database)) {
            await("every accepted event in the lake").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> new HashSet<>(LakeReader.eventIds(lake, STREAM)).containsAll(accepted));
            // a little longer: a duplicate would be written now if at all
            HttpResponse<String> listed = client.get("/lake/datasets/" + STREAM);
            assertThat(listed.statusCode()).isEqualTo(200);
        }

        List<String> ids = LakeReader.eventIds(lake, STREAM);
        assertThat(ids).as("no event twice").doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).containsAll(accepted);
        assertThat(ids.size()).as("nothing but what was pushed").isEqualTo(accepted.size());
        assertThat(hiddenLeftovers(lake)).as("no half-written file left").isEmpty();
    }

    private IngestProcess start(int port, String database) {
        IngestProcess process = IngestProcess.start(port, this.dataDir, database, "--weir.ingest.lake.roll-rows=250",
                "--weir.ingest.lake.roll-age=300ms", "--weir.ingest.lake.group=weir-lake-kill",
                "--weir.ingest.lake.topics=weir\\.raw\\." + STREAM);
        this.started.add(process);
        return process;
    }

    private static void declare(PushClient client) {
        String schema = body(client.get("/events/streams/rides")).get("schema").toString();
        HttpResponse<String> response = client.put(
                "/events/streams/" + STREAM, "{\"name\":\"" + STREAM
                        + "\",\"version\":1,\"key\":\"bike_id\",\"time\":\"at\",\"schema\":" + schema + "}",
                "application/json");
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    /** Pushes batches of 200 rides; the ids of the accepted ones. */
    private List<String> push(PushClient client, int batches) {
        List<String> ids = new ArrayList<>();
        for (int batch = 0; batch < batches; batch++) {
            StringBuilder events = new StringBuilder("[");
            for (int i = 0; i < 200; i++) {
                int n = this.rides.getAndIncrement();
                events.append((i > 0) ? "," : "").append(PushClient.ride("bike-" + (n % 40), "k" + n, n));
            }
            HttpResponse<String> response = client.json(STREAM, events.append(']').toString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            body(response).get("ids").forEach((id) -> ids.add(id.asString()));
        }
        return ids;
    }

    private static long parquetFiles(Path lake) {
        return files(lake).stream().filter((p) -> !p.getFileName().toString().startsWith(".")).count();
    }

    private static Set<Path> hiddenLeftovers(Path lake) {
        Set<Path> hidden = new HashSet<>();
        files(lake).stream().filter((p) -> p.getFileName().toString().startsWith(".")).forEach(hidden::add);
        return hidden;
    }

    private static List<Path> files(Path lake) {
        if (!Files.isDirectory(lake)) {
            return List.of();
        }
        while (true) {
            try (Stream<Path> walk = Files.walk(lake)) {
                return walk.filter((p) -> p.getFileName().toString().contains(".parquet")).toList();
            }
            catch (java.io.UncheckedIOException ex) {
                if (!(ex.getCause() instanceof java.nio.file.NoSuchFileException)) {
                    throw ex;
                }
                // the writer (another process) renamed a file while it was being listed:
                // look again
            }
            catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }
    }

}
