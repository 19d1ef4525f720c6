package dev.weir.ingest.engine;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.weir.ingest.support.FhrsUpstream;
import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.KafkaRecords;
import dev.weir.ingest.support.TestUpstream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in FHRS connector against the recorded FHRS data served in real pages: every
 * authority, every page of every authority's establishments (parent to child), the
 * business types and ratings; then again, when every page is still done.
 */
@IngestIT
class FhrsPullIT {

    private static final FhrsUpstream FHRS = new FhrsUpstream();

    @Autowired
    ConnectorRuns runs;

    @Autowired
    MeterRegistry meters;

    private final WireMockServer upstream = TestUpstream.server();

    @BeforeEach
    void stubFhrs() {
        this.upstream.resetAll();
        FHRS.stub(this.upstream, FhrsUpstream.PAGE_SIZE);
    }

    @Test
    void pullsEveryPageOfEveryStreamOnceAndPublishesTheSourceRecordsExactlyKeyedByPrimaryKey() {
        RunReport report = this.runs.run("fhrs", RunRequest.of(RunTrigger.CLI, true), RunListener.NONE);

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        int establishmentPages = FHRS.pages(FhrsUpstream.PAGE_SIZE).values().stream().mapToInt(List::size).sum();
        assertThat(establishmentPages).isEqualTo(17);
        RunReport.View view = report.view();
        assertThat(view.streams().get("authorities").records()).isEqualTo(5);
        assertThat(view.streams().get("establishments").partitions()).isEqualTo(5);
        assertThat(view.streams().get("establishments").pages()).isEqualTo(establishmentPages);
        assertThat(view.streams().get("establishments").records()).isEqualTo(733);
        assertThat(view.counts().pages()).isEqualTo(establishmentPages + 3);
        assertThat(view.counts().requests()).isEqualTo(establishmentPages + 3);
        assertThat(view.counts().rateLimited()).isZero();
        assertThat(view.counts().deadLetters()).isZero();

        List<ServeEvent> requests = this.upstream.getAllServeEvents();
        assertThat(requests).allSatisfy((event) -> {
            assertThat(event.getRequest().getHeader("x-api-version")).isEqualTo("2");
            assertThat(event.getResponse().getStatus()).isEqualTo(200);
        });
        Set<String> urls = requests.stream().map((event) -> event.getRequest().getUrl()).collect(Collectors.toSet());
        assertThat(urls).as("no URL fetched twice").hasSize(requests.size());
        Set<String> authorityIds = FHRS.authorities()
            .stream()
            .map((a) -> a.get("LocalAuthorityId").asString())
            .collect(Collectors.toSet());
        assertThat(requests.stream()
            .filter((e) -> e.getRequest().getUrl().startsWith("/Establishments"))
            .map((e) -> e.getRequest().queryParameter("localAuthorityId").firstValue())
            .collect(Collectors.toSet())).as("one child partition per parent record").isEqualTo(authorityIds);

        List<ConsumerRecord<String, byte[]>> published = ofRun(report.runId());
        List<ConsumerRecord<String, byte[]>> establishments = ofStream(published, "establishments");
        assertThat(establishments).hasSize(733);
        assertThat(establishments).allSatisfy((record) -> {
            assertThat(record.key()).isEqualTo(KafkaRecords.value(record).get("FHRSID").asString());
            assertThat(KafkaRecords.header(record, IngestHeaders.CONNECTOR)).isEqualTo("fhrs");
            assertThat(KafkaRecords.header(record, IngestHeaders.FINGERPRINT)).matches("[0-9a-f]{64}");
            assertThat(KafkaRecords.header(record, IngestHeaders.SOURCE_URL))
                .startsWith(TestUpstream.baseUrl() + "/Establishments?localAuthorityId=");
            assertThat(Instant.parse(KafkaRecords.header(record, IngestHeaders.FETCHED_AT))).isBefore(Instant.now());
        });
        assertThat(establishments.stream().map(KafkaRecords::value).collect(Collectors.toSet()))
            .as("the distinct records are the source's, value for value")
            .isEqualTo(new HashSet<>(FHRS.establishments()));
        assertThat(ofStream(published, "authorities")).extracting(ConsumerRecord::key)
            .containsExactlyInAnyOrderElementsOf(authorityIds);
        assertThat(ofStream(published, "business_types")).hasSize(FHRS.businessTypes().get("businessTypes").size());
        assertThat(ofStream(published, "ratings")).hasSize(FHRS.ratings().get("ratings").size());

        assertThat(this.meters.get("weir.ingest.pages")
            .tag("connector", "fhrs")
            .tag("stream", "establishments")
            .tag("outcome", "fetched")
            .counter()
            .count()).isGreaterThanOrEqualTo(establishmentPages);
        assertThat(this.meters.get("weir.ingest.since.last.success").tag("connector", "fhrs").gauge().value())
            .isBetween(0.0, 60.0);

        // the same pages again, while their fingerprints live: nothing is fetched
        this.upstream.resetRequests();
        RunReport again = this.runs.run("fhrs", RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);

        assertThat(again.status()).as(again.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(again.view().counts().pages()).isZero();
        assertThat(again.view().counts().pagesSkipped()).isEqualTo(establishmentPages + 3);
        assertThat(again.view().streams().get("establishments").partitions()).as("children of skipped pages")
            .isEqualTo(5);
        assertThat(this.upstream.getAllServeEvents()).isEmpty();
        assertThat(ofRun(again.runId())).isEmpty();

        // --refetch: every page again
        RunReport refetched = this.runs.run("fhrs", RunRequest.of(RunTrigger.CLI, true), RunListener.NONE);

        assertThat(refetched.status()).as(refetched.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(refetched.view().counts().pages()).isEqualTo(establishmentPages + 3);
        assertThat(refetched.view().counts().pagesSkipped()).isZero();
        assertThat(this.upstream.getAllServeEvents()).hasSize(establishmentPages + 3);
        assertThat(ofStream(ofRun(refetched.runId()), "authorities")).hasSize(5);
        assertThat(refetched.view().streams().get("establishments").records()
                + refetched.view().streams().get("establishments").recordsFiltered())
            .as("establishments are incremental on RatingDate: older ones are filtered, none is lost")
            .isEqualTo(733);
    }

    private static List<ConsumerRecord<String, byte[]>> ofRun(java.util.UUID runId) {
        return KafkaRecords.all("weir.raw.fhrs")
            .stream()
            .filter((r) -> runId.toString().equals(KafkaRecords.header(r, IngestHeaders.RUN_ID)))
            .toList();
    }

    private static List<ConsumerRecord<String, byte[]>> ofStream(List<ConsumerRecord<String, byte[]>> records,
            String stream) {
        return records.stream().filter((r) -> stream.equals(KafkaRecords.header(r, IngestHeaders.STREAM))).toList();
    }

}
