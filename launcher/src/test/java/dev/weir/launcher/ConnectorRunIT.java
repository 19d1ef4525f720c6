package dev.weir.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.weir.cli.ExitCode;
import dev.weir.ingest.pull.run.IngestHeaders;
import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.platform.kafka.Envelope;
import dev.weir.testing.infra.TestKafka;
import dev.weir.testing.infra.TestPostgres;
import dev.weir.testing.upstreams.FhrsUpstream;
import dev.weir.testing.upstreams.RateLimit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code weir connector run fhrs} as users run it, against a {@code weir up} of its own
 * (the test's database and Kafka broker), each a process: the run lives in the service,
 * so the service killed with SIGKILL half-way through and started again, the next run
 * resumes where the first one stopped, fetches at most one page again, and the topic
 * holds exactly the source's records; without {@code --once} the command follows the runs
 * of the connector's schedule until stopped.
 */
class ConnectorRunIT {

    private static final int PAGE_SIZE = 5;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    private final List<WeirProcess> started = new CopyOnWriteArrayList<>();

    private FhrsUpstream fhrs;

    private String databaseUrl;

    private final WeirProcess.Ports ports = WeirProcess.Ports.free();

    /**
     * The connector the test runs: the built-in FHRS definition, under a name of the
     * test's own where the test reads its topic, so that no other test's records are on
     * {@code weir.raw.<name>} (the broker is the test JVM's).
     */
    private String connector = "fhrs";

    @AfterEach
    void stop() {
        this.started.forEach(WeirProcess::kill);
        if (this.fhrs != null) {
            this.fhrs.close();
        }
    }

    @Test
    void aRunKilledHalfWayIsResumedFetchingAtMostOnePageAgainAndTheTopicHoldsTheSourceExactly() throws Exception {
        // the bundled slice: 6 authorities (2 with no establishments), 235 establishments
        // (232 distinct FHRSIDs), in pages of 5 at 5 requests/s: 54 requests, about 11 s
        this.fhrs = FhrsUpstream.builder()
            .slice()
            .pageSize(PAGE_SIZE)
            .rateLimit(RateLimit.perSecond(5))
            .latency(Duration.ofMillis(20))
            .start();
        this.databaseUrl = TestPostgres.newDatabase();
        this.connector = "fhrskilled";
        int pages = expectedRequests();
        WeirProcess service = up(Map.of());

        WeirProcess first = run("--once");
        await("the first run to be half-way").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(20))
            .failFast("the first run ended before half-way:\n" + first.output(), () -> !first.process.isAlive())
            .until(() -> servedUrls() >= pages / 2);
        assertThat(first.process.isAlive()).as("the first run is still going:\n" + first.output()).isTrue();
        service.process.destroyForcibly();
        assertThat(service.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long servedAtKill = servedUrls();
        assertThat(servedAtKill).as("killed half-way").isLessThan(pages);
        assertThat(first.process.waitFor(60, TimeUnit.SECONDS)).as("the command ends with its service").isTrue();
        assertThat(first.process.exitValue()).as(first.output()).isEqualTo(ExitCode.NOT_UP);
        await("nothing fetched once the service is gone").during(Duration.ofSeconds(1))
            .atMost(Duration.ofSeconds(10))
            .until(() -> servedUrls() == servedAtKill);
        assertThat(servedUrls()).as("nothing fetched once the service is gone").isEqualTo(servedAtKill);

        up(Map.of());
        WeirProcess again = run("--once", "--progress", "none");
        assertThat(again.process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(again.process.exitValue()).as(again.output()).isZero();
        assertThat(again.output()).contains("resumed the unfinished sync", "succeeded");

        assertThat(this.fhrs.counters().servedMoreThanOnce()).as("pages fetched again").hasSizeLessThanOrEqualTo(1);
        assertThat(this.fhrs.counters().servedTo("/Authorities")).as("the parent list, done before the kill")
            .isEqualTo(1);
        assertThat(servedUrls()).as("every page served").isEqualTo(pages);
        assertThat(this.fhrs.counters().tooManyRequests()).isZero();
        // every record of the source is on the topic; a page in flight at the kill (one
        // per
        // partition pulled at once: the definition's concurrency, 4) may have been
        // published
        // and not yet checkpointed, and is published again: counted, nothing more
        List<Long> onTopic = establishmentKeysOnTopic();
        assertThat(new HashSet<>(onTopic)).isEqualTo(this.fhrs.dataSet().distinctFhrsIds());
        assertThat(onTopic).hasSizeBetween(this.fhrs.dataSet().establishmentCount(),
                this.fhrs.dataSet().establishmentCount() + 4 * PAGE_SIZE);
    }

    @Test
    void refusesToRunAConnectorThatRunsElsewhereWithAMessageAndExitStatus6() throws Exception {
        this.fhrs = FhrsUpstream.builder().slice().pageSize(PAGE_SIZE).start();
        this.databaseUrl = TestPostgres.newDatabase();
        up(Map.of());
        WeirProcess first = run("--once", "--progress", "none");
        assertThat(first.process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(first.process.exitValue()).as(first.output()).isZero();
        long requests = this.fhrs.counters().requests();
        // another replica holds the connector's lock (ShedLock's row, as it writes it)
        EmbeddedPostgres postgres = TestPostgres.server();
        try (Connection connection = DriverManager.getConnection(this.databaseUrl, postgres.username(),
                postgres.password())) {
            connection.createStatement()
                .executeUpdate("UPDATE ingest.shedlock SET lock_until = timezone('utc', CURRENT_TIMESTAMP) "
                        + "+ interval '10 minutes', locked_at = timezone('utc', CURRENT_TIMESTAMP), "
                        + "locked_by = 'ingest-2 (pid 4242)' WHERE name = 'fhrs'");
        }

        WeirProcess second = run("--once", "--refetch");
        assertThat(second.process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(second.process.exitValue()).as(second.output()).isEqualTo(ExitCode.BUSY);
        assertThat(second.output()).contains("weir connector run: Connector 'fhrs' is running on ingest-2 (pid 4242)")
            .doesNotContain("Exception");
        assertThat(this.fhrs.counters().requests()).isEqualTo(requests);
    }

    @Test
    void withoutOnceItRunsNowThenAtEachFireTimeOfTheScheduleUntilStopped() throws Exception {
        this.fhrs = FhrsUpstream.builder().slice().pageSize(PAGE_SIZE).start();
        this.databaseUrl = TestPostgres.newDatabase();
        this.connector = "fhrsscheduled";
        int pages = expectedRequests();

        // every 2 seconds instead of the definition's daily 03:00: the service runs the
        // schedule, the command follows its runs
        up(Map.of("WEIR_CONNECTOR_FHRSSCHEDULED_SCHEDULE", "*/2 * * * * *"));
        WeirProcess cli = run("--progress", "none");
        await("the first run and two scheduled ones").atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofMillis(100))
            .failFast("the command ended:\n" + cli.output(), () -> !cli.process.isAlive())
            .until(() -> runReports(cli.output()) >= 3
                    && cli.output().lastIndexOf("Next run of " + this.connector + " at") > cli.output()
                        .lastIndexOf(" of " + this.connector + ": "));
        String output = cli.output();
        assertThat(output).contains("(schedule \"*/2 * * * * *\", UTC). Stop with Ctrl-C.")
            .doesNotContain("failed", "Exception");
        assertThat(output.lines().filter(this::isReport)).hasSizeGreaterThanOrEqualTo(3)
            .allSatisfy((line) -> assertThat(line).contains(": succeeded in"));
        // the scheduled runs come within the pages' fingerprint lifetime (12 h): they
        // fetch no page again
        assertThat(servedUrls()).as("every page served").isEqualTo(pages);
        assertThat(this.fhrs.counters().servedMoreThanOnce()).as("pages fetched again").isEmpty();
        // no page fetched twice, so each record of the source is on the topic once:
        // counted, a
        // duplicate or a loss shows
        assertThat(establishmentKeysOnTopic()).hasSize(this.fhrs.dataSet().establishmentCount())
            .containsExactlyInAnyOrderElementsOf(
                    this.fhrs.dataSet().establishmentRecords().stream().map((r) -> r.get("FHRSID").asLong()).toList());

        cli.process.destroy();
        assertThat(cli.process.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }

    private long runReports(String output) {
        return output.lines().filter(this::isReport).count();
    }

    /** The first line of a run's report: {@code Run <id> of fhrs: succeeded in 0.1 s}. */
    private boolean isReport(String line) {
        return line.matches("Run \\S+ of " + this.connector + ": \\w+ in .*");
    }

    /** Requests of a full run: one page per authority at least, and three lists. */
    private int expectedRequests() {
        return 3 + this.fhrs.dataSet()
            .authorities()
            .stream()
            .mapToInt((authority) -> Math.max(1, (authority.establishments() + PAGE_SIZE - 1) / PAGE_SIZE))
            .sum();
    }

    private long servedUrls() {
        return this.fhrs.counters().snapshot().perUrl().values().stream().filter((url) -> url.served() > 0).count();
    }

    /**
     * The FHRSIDs of the establishment records on the connector's topic, one per record.
     */
    private List<Long> establishmentKeysOnTopic() {
        List<Long> keys = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TestKafka.records("weir.raw." + this.connector)) {
            Header stream = record.headers().lastHeader(IngestHeaders.STREAM);
            if (stream != null && new String(stream.value(), StandardCharsets.UTF_8).equals("establishments")) {
                JsonNode value = JSON.readTree(Envelope.from(record).data());
                keys.add(value.get("FHRSID").asLong());
            }
        }
        return keys;
    }

    /**
     * {@code weir up} on this test's database, broker and upstream, {@code variables}
     * added to (or replacing) their settings; returns once it is up.
     */
    private WeirProcess up(Map<String, String> variables) throws IOException {
        EmbeddedPostgres postgres = TestPostgres.server();
        Map<String, String> env = new HashMap<>();
        env.put("WEIR_DB_URL", this.databaseUrl);
        env.put("WEIR_DB_USER", postgres.username());
        env.put("WEIR_DB_PASSWORD", postgres.password());
        env.put("WEIR_KAFKA_BOOTSTRAP", TestKafka.bootstrapServers());
        if (!this.connector.equals("fhrs")) {
            Path definitions = Files.createDirectories(this.dataDir.resolve("connectors"));
            Files.writeString(definitions.resolve(this.connector + ".yml"),
                    builtInFhrs().replace("name: fhrs", "name: " + this.connector));
        }
        String option = "WEIR_CONNECTOR_" + this.connector.toUpperCase(java.util.Locale.ROOT) + "_";
        env.put(option + "BASE_URL", this.fhrs.baseUrl());
        env.put(option + "BUDGET_REQUESTS_PER_SECOND", "5");
        env.put(option + "STREAMS_ESTABLISHMENTS_PAGINATE_SIZE", Integer.toString(PAGE_SIZE));
        env.putAll(variables);
        WeirProcess weir = WeirProcess.up(this.dataDir, this.ports, env);
        this.started.add(weir);
        weir.awaitUp();
        return weir;
    }

    /**
     * {@code weir connector run fhrs} with {@code options}, asking the {@code weir up} of
     * this test through its edge, with the admin key it wrote into its data directory.
     */
    private WeirProcess run(String... options) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("connector", "run", this.connector));
        arguments.addAll(List.of(options));
        WeirProcess cli = WeirProcess.start(
                Map.of("WEIR_EDGE_PORT", Integer.toString(this.ports.edge()), "WEIR_DATA_DIR", this.dataDir.toString()),
                arguments.toArray(String[]::new));
        this.started.add(cli);
        return cli;
    }

    /** The built-in FHRS definition, as the ingest service ships it. */
    private static String builtInFhrs() throws IOException {
        try (var in = ConnectorRunIT.class.getResourceAsStream("/connectors/fhrs.yml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
