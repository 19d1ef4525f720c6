package dev.weir.ingest.pull.run;

import java.util.Comparator;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.weir.ingest.pull.definition.ConnectorCatalog;
import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.KafkaRecords;
import dev.weir.ingest.support.TestConnectors;
import dev.weir.testing.upstreams.Fault;
import dev.weir.testing.upstreams.FhrsUpstream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incremental streams: the greatest cursor value is saved when a sync completes; the next
 * run asks the upstream for newer records only (when the definition names a parameter)
 * and publishes only records at least as new. The upstream is testing/upstreams' FHRS API
 * with the first 50 of Rochford's recorded establishments.
 */
@IngestIT
class IncrementalIT {

    @Autowired
    ConnectorCatalog catalog;

    @Autowired
    ConnectorRuns runs;

    private FhrsUpstream upstream;

    @BeforeEach
    void start() {
        this.upstream = TestConnectors.upstream(1).start();
    }

    @AfterEach
    void stop() {
        this.upstream.close();
    }

    @Test
    void theSecondRunAsksForRecordsNewerThanTheSavedCursorAndPublishesOnlyThose() {
        String name = "incremental";
        ObjectNode page = TestConnectors.servedPage(this.upstream, 1);
        List<JsonNode> records = list(page);
        String newest = records.stream()
            .map((r) -> r.get("RatingDate").asString())
            .max(Comparator.naturalOrder())
            .orElseThrow();
        this.catalog.save(name, connector(name, "param: ratedSince"));

        RunReport first = run(name);
        assertThat(first.status()).as(first.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(first.view().counts().records()).isEqualTo(50);

        // the upstream answers what changed since: two newer records, and one it should
        // not have sent (the FHRS API has no such parameter: a fault answers it)
        JsonNode older = records.stream()
            .filter((r) -> r.get("RatingDate").asString().compareTo(newest) < 0)
            .findFirst()
            .orElseThrow();
        ObjectNode newer1 = ((ObjectNode) records.get(0).deepCopy()).put("FHRSID", 990001)
            .put("RatingDate", "2023-01-05T00:00:00");
        ObjectNode newer2 = ((ObjectNode) records.get(1).deepCopy()).put("FHRSID", 990002)
            .put("RatingDate", "2023-02-07T00:00:00");
        ObjectNode changed = page.deepCopy();
        changed.putArray("establishments").add(newer1).add(newer2).add(older);
        ((ObjectNode) changed.get("meta")).put("totalCount", 3).put("totalPages", 1);
        this.upstream.faults()
            .inject(Fault.answer(200, "application/json", TestConnectors.json(changed))
                .on("/Establishments")
                .withQuery("ratedSince", newest)
                .always());

        RunReport second = run(name);

        assertThat(second.status()).as(second.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(this.upstream.counters().snapshot().perUrl().entrySet())
            .filteredOn((url) -> url.getKey().contains("ratedsince="))
            .singleElement()
            .satisfies((url) -> {
                assertThat(TestConnectors.param(url.getKey(), "ratedsince")).isEqualTo(newest);
                assertThat(url.getValue().requests()).isEqualTo(1);
            });
        assertThat(second.view().counts().records()).isEqualTo(2);
        assertThat(second.view().counts().recordsFiltered()).isEqualTo(1);
        assertThat(KafkaRecords.ofRun("weir.raw." + name, second.runId())).extracting(ConsumerRecord::key)
            .containsExactlyInAnyOrder("990001", "990002");
    }

    @Test
    void withoutAParameterOlderRecordsAreFilteredAndRecordsAsNewAsTheCursorKept() {
        String name = "incremental-filter";
        ObjectNode page = TestConnectors.servedPage(this.upstream, 1);
        this.catalog.save(name, connector(name, ""));
        run(name);
        String newest = list(page).stream()
            .map((r) -> r.get("RatingDate").asString())
            .max(Comparator.naturalOrder())
            .orElseThrow();
        long asNew = list(page).stream().filter((r) -> r.get("RatingDate").asString().equals(newest)).count();

        RunReport again = this.runs.run(name, RunRequest.of(RunTrigger.CLI, true), RunListener.NONE);

        assertThat(again.view().counts().records()).isEqualTo(asNew);
        assertThat(again.view().counts().recordsFiltered()).isEqualTo(50 - asNew);
        assertThat(KafkaRecords.ofRun("weir.raw." + name, again.runId()))
            .allSatisfy((r) -> assertThat(KafkaRecords.value(r).get("RatingDate").asString()).isEqualTo(newest));
    }

    /** One page, not paginated: the upstream's first 50. */
    private String connector(String name, String param) {
        return """
                name: %s
                base_url: %s
                retry: { max_attempts: 2, initial_backoff: 10ms, max_backoff: 20ms }
                streams:
                  - name: establishments
                    path: /Establishments
                    headers: { x-api-version: "2" }
                    params: { localAuthorityId: %d }
                    records: $.establishments[*]
                    primary_key: FHRSID
                    incremental: { cursor_field: RatingDate, %s }
                """.formatted(name, this.upstream.baseUrl(), TestConnectors.ROCHFORD, param);
    }

    private RunReport run(String name) {
        return this.runs.run(name, RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);
    }

    private static List<JsonNode> list(ObjectNode page) {
        List<JsonNode> records = new java.util.ArrayList<>();
        page.get("establishments").forEach(records::add);
        return records;
    }

}
