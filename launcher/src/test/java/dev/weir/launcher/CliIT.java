package dev.weir.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.weir.cli.ExitCode;
import dev.weir.testing.infra.TestPorts;
import dev.weir.testing.upstreams.FhrsUpstream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code weir} commands as a shell runs them against a {@code weir up} of their own:
 * stdout holds only the table or report (or with {@code --json} one JSON document), logs
 * and messages go to stderr, and each kind of failure has its exit status (docs/cli.md).
 */
class CliIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A log line, as logback.xml writes them: {@code 12:34:56.789 INFO ...}. */
    private static final Pattern LOG_LINE = Pattern
        .compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +(TRACE|DEBUG|INFO|WARN|ERROR)");

    @TempDir
    static Path dataDir;

    private static WeirProcess.Ports ports;

    private static WeirProcess weir;

    private static FhrsUpstream fhrs;

    @BeforeAll
    static void up() throws Exception {
        ports = WeirProcess.Ports.free();
        Path connectors = Files.createDirectories(dataDir.resolve("connectors"));
        // a connector whose upstream is down: its run fails at once (one attempt,
        // connection refused)
        Files.writeString(connectors.resolve("down.yml"), """
                name: down
                base_url: http://127.0.0.1:%d
                retry: { max_attempts: 1 }
                streams:
                  - name: things
                    path: /things
                    records: $.things[*]
                    primary_key: id
                """.formatted(TestPorts.free()));
        // a connector whose definition has a problem: no base_url
        Files.writeString(connectors.resolve("broken.yml"), """
                name: broken
                streams:
                  - name: things
                    path: /things
                    records: $.things[*]
                """);
        // the FHRS definition against the recorded FHRS API, for check and preview
        fhrs = FhrsUpstream.builder().slice().pageSize(5).start();
        try (var in = CliIT.class.getResourceAsStream("/connectors/fhrs.yml")) {
            Files.writeString(connectors.resolve("recorded.yml"),
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("name: fhrs", "name: recorded")
                        .replace("base_url: https://api.ratings.food.gov.uk", "base_url: " + fhrs.baseUrl())
                        .replace("requests_per_second: 4", "requests_per_second: 1000")
                        .replace("size: 500", "size: 5"));
        }
        weir = WeirProcess.up(dataDir, ports);
        weir.awaitUp();
    }

    @AfterAll
    static void stop() throws Exception {
        if (weir != null) {
            weir.terminate();
        }
        if (fhrs != null) {
            fhrs.close();
        }
    }

    @Test
    void connectorListPrintsOnlyItsTableOnStdout() throws Exception {
        WeirProcess.Finished list = weir("connector", "list");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.stdout()).as(list.toString()).startsWith("connector ").contains("fhrs", "open-meteo", "broken");
        assertThat(list.stdout().lines().filter((line) -> LOG_LINE.matcher(line).find())).as(list.toString()).isEmpty();
    }

    @Test
    void withJsonEveryTableOrReportIsOneJsonDocumentOnStdout() throws Exception {
        JsonNode connectors = json("connector", "list", "--json");
        assertThat(connectors.isArray()).isTrue();
        assertThat(connectors.findValuesAsString("name")).contains("fhrs", "open-meteo", "down", "broken");
        JsonNode status = json("connector", "status", "fhrs", "--json");
        assertThat(status.path("connector").path("name").asString()).isEqualTo("fhrs");
        assertThat(status.path("runs").isArray()).isTrue();
        assertThat(status.path("checkpoints").isArray()).isTrue();
        assertThat(json("topics", "--json").isArray()).isTrue();
        assertThat(json("lake", "ls", "--json").path("datasets").isArray()).isTrue();
    }

    @Test
    void aConnectorThatDoesNotExistExitsWith4() throws Exception {
        WeirProcess.Finished status = weir("connector", "status", "nope");
        assertThat(status.exit()).as(status.toString()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(status.stderr().lines()).as(status.toString())
            .singleElement()
            .asString()
            .startsWith("weir connector status: ")
            .contains("nope");
        assertThat(status.stdout()).isEmpty();
    }

    @Test
    void aConnectorWhoseDefinitionHasProblemsExitsWith3() throws Exception {
        WeirProcess.Finished run = weir("connector", "run", "broken", "--once", "--progress", "none");
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.stderr()).as(run.toString()).contains("base_url");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void aRunThatFailsExitsWith1AndItsReportIsOnStdout() throws Exception {
        WeirProcess.Finished run = weir("connector", "run", "down", "--once", "--progress", "none", "--json");
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.FAILED);
        JsonNode report = JSON.readTree(run.stdout());
        assertThat(report.path("connector").asString()).isEqualTo("down");
        assertThat(report.path("status").asString()).isEqualTo("failed");
        assertThat(run.stdout().lines()).hasSize(1);
    }

    @Test
    void connectorCheckRequestsEachStreamOnceAndPreviewPrintsTheFirstRecordsWritingNothing() throws Exception {
        long before = fhrs.counters().requests();
        WeirProcess.Finished check = weir("connector", "check", "recorded");
        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.stdout()).contains("authorities", "establishments", "business_types", "ratings");
        assertThat(fhrs.counters().requests() - before).as("one request per stream").isEqualTo(4);

        WeirProcess.Finished preview = weir("connector", "preview", "recorded", "--stream", "establishments", "--limit",
                "3");
        assertThat(preview.exit()).as(preview.toString()).isZero();
        assertThat(preview.stdout().lines()).as(preview.toString())
            .hasSize(3)
            .allSatisfy((
                    line) -> assertThat(JSON.readTree(line.substring(line.indexOf('\t') + 1)).path("FHRSID").asString())
                        .isEqualTo(line.substring(0, line.indexOf('\t'))));
        assertThat(preview.stderr()).contains("read " + fhrs.baseUrl() + "/Authorities");

        WeirProcess.Finished status = weir("connector", "status", "recorded", "--json");
        assertThat(JSON.readTree(status.stdout()).path("runs")).as("no run").isEmpty();
    }

    @Test
    void checkingAConnectorWhoseUpstreamIsDownExitsWith1AndOneWithProblemsWith3() throws Exception {
        WeirProcess.Finished down = weir("connector", "check", "down", "--json");
        assertThat(down.exit()).as(down.toString()).isEqualTo(ExitCode.FAILED);
        JsonNode check = JSON.readTree(down.stdout());
        assertThat(check.path("ok").asBoolean()).isFalse();
        assertThat(check.path("streams").get(0).path("problem").asString()).contains("failed");
        assertThat(weir("connector", "check", "broken").exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(weir("connector", "preview", "nope").exit()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void weirNotUpExitsWith5() throws Exception {
        WeirProcess.Finished topics = WeirProcess.run(Map.of("WEIR_EDGE_PORT", Integer.toString(TestPorts.free())),
                "topics");
        assertThat(topics.exit()).as(topics.toString()).isEqualTo(ExitCode.NOT_UP);
        assertThat(topics.stderr()).startsWith("weir topics: no Weir answers at http://localhost:");
        assertThat(topics.stdout()).isEmpty();
    }

    private static JsonNode json(String... arguments) throws Exception {
        WeirProcess.Finished finished = weir(arguments);
        assertThat(finished.exit()).as(finished.toString()).isZero();
        assertThat(finished.stdout().lines()).as(finished.toString()).hasSize(1);
        return JSON.readTree(finished.stdout());
    }

    private static WeirProcess.Finished weir(String... arguments) throws Exception {
        // through the edge of the weir up, with the admin key it wrote
        return WeirProcess.run(
                Map.of("WEIR_EDGE_PORT", Integer.toString(ports.edge()), "WEIR_DATA_DIR", dataDir.toString()),
                arguments);
    }

}
