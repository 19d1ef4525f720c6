package dev.weir.ingest.pull.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.weir.ingest.support.FhrsSlice;
import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.KafkaRecords;
import dev.weir.ingest.support.TestConnectors;
import dev.weir.ingest.support.TestUpstream;
import dev.weir.testing.upstreams.Counters;
import dev.weir.testing.upstreams.FhrsDataSet;
import dev.weir.testing.upstreams.FhrsUpstream;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in FHRS connector against the recorded FHRS slice served in real pages
 * (testing/upstreams' FHRS API): every authority, every page of every authority's
 * establishments (parent to child), the business types and ratings; then again, when
 * every page is still done.
 */
@IngestIT
class FhrsPullIT {

    private static final FhrsDataSet SLICE = FhrsSlice.dataSet();

    @Autowired
    ConnectorRuns runs;

    @Autowired
    MeterRegistry meters;

    private final FhrsUpstream upstream = TestUpstream.fhrs();

    @BeforeEach
    void reset() {
        this.upstream.faults().clear();
        this.upstream.counters().reset();
    }

    @Test
    void pullsEveryPageOfEveryStreamOnceAndPublishesTheSourceRecordsExactlyKeyedByPrimaryKey() {
        RunReport report = this.runs.run("fhrs", RunRequest.of(RunTrigger.CLI, true), RunListener.NONE);

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        int establishmentPages = SLICE.authorities()
            .stream()
            .mapToInt((authority) -> Math.max(1,
                    (authority.establishments() + FhrsSlice.PAGE_SIZE - 1) / FhrsSlice.PAGE_SIZE))
            .sum();
        assertThat(establishmentPages).isEqualTo(17);
        ReportView view = report.view();
        assertThat(view.streams().get("authorities").records()).isEqualTo(5);
        assertThat(view.streams().get("establishments").partitions()).isEqualTo(5);
        assertThat(view.streams().get("establishments").pages()).isEqualTo(establishmentPages);
        assertThat(view.streams().get("establishments").records()).isEqualTo(733);
        assertThat(view.counts().pages()).isEqualTo(establishmentPages + 3);
        assertThat(view.counts().requests()).isEqualTo(establishmentPages + 3);
        assertThat(view.counts().rateLimited()).isZero();
        assertThat(view.counts().deadLetters()).isZero();

        Counters.Snapshot requests = this.upstream.counters().snapshot();
        // the upstream answers 400 to a request without x-api-version: 2
        assertThat(requests.byStatus()).as("every request carried x-api-version: 2 and was answered 200")
            .containsOnlyKeys("200");
        assertThat(requests.urls()).as("no URL fetched twice").isEqualTo(requests.requests());
        Set<String> authorityIds = SLICE.authorities()
            .stream()
            .map((a) -> Integer.toString(a.id()))
            .collect(Collectors.toSet());
        assertThat(requests.perUrl()
            .keySet()
            .stream()
            .map((url) -> TestConnectors.param(url, "localauthorityid"))
            .filter(Objects::nonNull)
            .collect(Collectors.toSet())).as("one child partition per parent record").isEqualTo(authorityIds);

        List<ConsumerRecord<String, byte[]>> published = KafkaRecords.ofRun("weir.raw.fhrs", report.runId());
        List<ConsumerRecord<String, byte[]>> establishments = ofStream(published, "establishments");
        assertThat(establishments).hasSize(733);
        assertThat(establishments).allSatisfy((record) -> {
            assertThat(record.key()).isEqualTo(KafkaRecords.value(record).get("FHRSID").asString());
            assertThat(KafkaRecords.header(record, IngestHeaders.CONNECTOR)).isEqualTo("fhrs");
            assertThat(KafkaRecords.header(record, IngestHeaders.FINGERPRINT)).matches("[0-9a-f]{64}");
            assertThat(KafkaRecords.header(record, IngestHeaders.SOURCE_URL))
                .startsWith(this.upstream.baseUrl() + "/Establishments?localAuthorityId=");
            assertThat(Instant.parse(KafkaRecords.header(record, IngestHeaders.FETCHED_AT))).isBefore(Instant.now());
        });
        assertThat(establishments.stream().map(KafkaRecords::value).toList())
            .as("the run's records are the source's, value for value, each once (counted: a duplicate or a loss shows)")
            .containsExactlyInAnyOrderElementsOf(SLICE.establishmentRecords());
        assertThat(ofStream(published, "authorities")).extracting(ConsumerRecord::key)
            .containsExactlyInAnyOrderElementsOf(authorityIds);
        // no /BusinessTypes or /Ratings response was recorded: the upstream derives one
        // entry per business type id and per rating key of the records
        assertThat(ofStream(published, "business_types"))
            .hasSize(distinct(SLICE.establishmentRecords(), "BusinessTypeID"));
        assertThat(ofStream(published, "ratings")).hasSize(distinct(SLICE.establishmentRecords(), "RatingKey"));

        assertThat(this.meters.get("weir.ingest.pages")
            .tag("connector", "fhrs")
            .tag("stream", "establishments")
            .tag("outcome", "fetched")
            .counter()
            .count()).isGreaterThanOrEqualTo(establishmentPages);
        // the time since the run's end as the history has it, read between two clocks (no
        // threshold)
        Instant lastSuccess = this.runs.latest("fhrs").orElseThrow().finishedAt();
        double before = Duration.between(lastSuccess, Instant.now()).toMillis() / 1000.0;
        double sinceLastSuccess = this.meters.get("weir.ingest.since.last.success")
            .tag("connector", "fhrs")
            .gauge()
            .value();
        double after = Duration.between(lastSuccess, Instant.now()).toMillis() / 1000.0;
        assertThat(sinceLastSuccess).isBetween(before, after);

        // the same pages again, while their fingerprints live: nothing is fetched
        this.upstream.counters().reset();
        RunReport again = this.runs.run("fhrs", RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);

        assertThat(again.status()).as(again.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(again.view().counts().pages()).isZero();
        assertThat(again.view().counts().pagesSkipped()).isEqualTo(establishmentPages + 3);
        assertThat(again.view().streams().get("establishments").partitions()).as("children of skipped pages")
            .isEqualTo(5);
        assertThat(this.upstream.counters().requests()).isZero();
        assertThat(KafkaRecords.ofRun("weir.raw.fhrs", again.runId())).isEmpty();

        // --refetch: every page again
        RunReport refetched = this.runs.run("fhrs", RunRequest.of(RunTrigger.CLI, true), RunListener.NONE);

        assertThat(refetched.status()).as(refetched.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(refetched.view().counts().pages()).isEqualTo(establishmentPages + 3);
        assertThat(refetched.view().counts().pagesSkipped()).isZero();
        assertThat(this.upstream.counters().requests()).isEqualTo(establishmentPages + 3);
        assertThat(ofStream(KafkaRecords.ofRun("weir.raw.fhrs", refetched.runId()), "authorities")).hasSize(5);
        assertThat(refetched.view().streams().get("establishments").records()
                + refetched.view().streams().get("establishments").recordsFiltered())
            .as("establishments are incremental on RatingDate: older ones are filtered, none is lost")
            .isEqualTo(733);
    }

    private static int distinct(List<JsonNode> records, String field) {
        return (int) records.stream().map((record) -> record.get(field)).distinct().count();
    }

    private static List<ConsumerRecord<String, byte[]>> ofStream(List<ConsumerRecord<String, byte[]>> records,
            String stream) {
        return records.stream().filter((r) -> stream.equals(KafkaRecords.header(r, IngestHeaders.STREAM))).toList();
    }

}
