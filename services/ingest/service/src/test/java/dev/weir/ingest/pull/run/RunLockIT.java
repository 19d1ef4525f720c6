package dev.weir.ingest.pull.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;

import dev.weir.ingest.pull.definition.ConnectorCatalog;
import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.TestConnectors;
import dev.weir.platform.error.ErrorKind;
import dev.weir.platform.error.WeirException;
import dev.weir.testing.upstreams.FhrsUpstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A connector runs on one replica at a time (ShedLock on PostgreSQL): while a run goes,
 * another start on this replica or on another one is refused with 409, and once it ends
 * the connector runs again.
 */
@IngestIT
class RunLockIT {

    @Autowired
    ConnectorCatalog catalog;

    @Autowired
    ConnectorRuns runs;

    @Autowired
    ApplicationContext context;

    @Autowired
    KafkaOperations<String, byte[]> kafka;

    @Autowired
    JdbcClient jdbc;

    private FhrsUpstream upstream;

    private final List<ConnectorRuns> replicas = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (ConnectorRuns replica : this.replicas) {
            replica.destroy();
        }
        this.upstream.close();
    }

    @Test
    void aConnectorRunsOnceAtATimeAcrossReplicasAndAgainOnceItsRunEnds() {
        String name = "exclusive";
        // 4 pages, each answered after 400 ms
        this.upstream = TestConnectors.upstream(4).latency(Duration.ofMillis(400)).start();
        this.catalog.save(name, TestConnectors.establishments(name, this.upstream, ""));
        ConnectorRuns otherReplica = anotherReplica();

        ConnectorRuns.StartedRun started = this.runs.start(name, false);

        assertThatThrownBy(() -> this.runs.start(name, false)).isInstanceOfSatisfying(WeirException.class, (ex) -> {
            assertThat(ex.kind()).isEqualTo(ErrorKind.CONFLICT);
            assertThat(ex.type()).isEqualTo("connector-running");
            assertThat(ex.detail()).startsWith("Connector '" + name + "' is running on ")
                .contains("(pid " + ProcessHandle.current().pid() + ")");
            assertThat(ex.properties()).containsEntry("run_id", started.runId());
        });
        assertThatThrownBy(() -> otherReplica.run(name, RunRequest.of(RunTrigger.CLI, false), RunListener.NONE))
            .isInstanceOfSatisfying(WeirException.class, (ex) -> assertThat(ex.type()).isEqualTo("connector-running"));
        assertThat(otherReplica.runScheduled(name, java.time.Instant.parse("2026-01-01T03:00:00Z")))
            .as("a schedule firing meanwhile skips quietly")
            .isEmpty();

        await("the run to end").atMost(Duration.ofSeconds(30))
            .until(() -> !this.runs.find(name, started.runId()).status().equals("running"));
        assertThat(this.runs.find(name, started.runId()).status()).isEqualTo("succeeded");
        // the run's end is recorded, then its lock released: a moment apart
        await("the lock to be released at the end").atMost(Duration.ofSeconds(10))
            .until(() -> this.jdbc
                .sql("SELECT count(*) FROM ingest.shedlock WHERE name = ? AND lock_until > timezone('utc', now())")
                .param(name)
                .query(Long.class)
                .single() == 0);

        RunReport next = otherReplica.run(name, RunRequest.of(RunTrigger.CLI, true), RunListener.NONE);
        assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void aScheduleFireTimeRunsOnceClusterWide() {
        String name = "fire-once";
        this.upstream = TestConnectors.upstream(1).start();
        this.catalog.save(name, TestConnectors.establishments(name, this.upstream, ""));
        ConnectorRuns otherReplica = anotherReplica();
        java.time.Instant fireTime = java.time.Instant.parse("2026-11-21T03:00:00Z");

        assertThat(this.runs.runScheduled(name, fireTime))
            .hasValueSatisfying((report) -> assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED));
        assertThat(otherReplica.runScheduled(name, fireTime)).as("the same fire time on another replica").isEmpty();
        assertThat(otherReplica.runScheduled(name, fireTime.plusSeconds(3600))).isPresent();
    }

    /** Another replica of the engine, destroyed after the test. */
    private ConnectorRuns anotherReplica() {
        ConnectorRuns replica = Replicas.another(this.context, this.kafka);
        this.replicas.add(replica);
        return replica;
    }

}
