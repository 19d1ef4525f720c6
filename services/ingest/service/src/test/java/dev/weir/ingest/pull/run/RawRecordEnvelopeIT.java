package dev.weir.ingest.pull.run;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.weir.ingest.pull.definition.ConnectorCatalog;
import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.KafkaRecords;
import dev.weir.ingest.support.TestConnectors;
import dev.weir.platform.kafka.Envelope;
import dev.weir.testing.infra.TestKafka;
import dev.weir.testing.upstreams.Fault;
import dev.weir.testing.upstreams.FhrsUpstream;
import tools.jackson.databind.JsonNode;

import static dev.weir.ingest.support.TestConnectors.onPage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pulled records and dead letters are written in Weir's one envelope (CloudEvents JSON,
 * {@link Envelope}), with ids that stay the same when the same record is fetched again.
 */
@IngestIT
class RawRecordEnvelopeIT {

    @Autowired
    ConnectorCatalog catalog;

    @Autowired
    ConnectorRuns runs;

    private FhrsUpstream upstream;

    @AfterEach
    void stop() {
        this.upstream.close();
    }

    @Test
    void writesEachRecordAsACloudEventWhoseIdIsTheSameWhenTheSameRecordIsFetchedAgain() {
        String name = "envelope";
        this.upstream = TestConnectors.upstream(2).start();
        this.catalog.save(name, TestConnectors.establishments(name, this.upstream, ""));

        RunReport first = this.runs.run(name, RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);
        RunReport again = this.runs.run(name, RunRequest.of(RunTrigger.CLI, true), RunListener.NONE);

        List<ConsumerRecord<String, byte[]>> records = KafkaRecords.ofRun("weir.raw." + name, first.runId());
        assertThat(records).hasSize(100).allSatisfy((record) -> {
            Envelope event = Envelope.from(record);
            assertThat(event.source().toString()).isEqualTo("/weir/ingest/pull/envelope/establishments");
            assertThat(event.type()).isEqualTo("weir.ingest.record");
            assertThat(event.subject()).isEqualTo(record.key());
            assertThat(event.dataContentType()).isEqualTo("application/json");
            assertThat(KafkaRecords.value(record).get("FHRSID").asString()).isEqualTo(record.key());
            assertThat(event.time()).as("no time_field: the fetch time")
                .isEqualTo(Instant.parse(KafkaRecords.header(record, IngestHeaders.FETCHED_AT)));
            assertThat(UUID.fromString(event.id()).version()).isEqualTo(5);
            assertThat(KafkaRecords.header(record, Envelope.CONTENT_TYPE_HEADER))
                .isEqualTo("application/cloudevents+json");
            assertThat(KafkaRecords.header(record, Envelope.EVENT_ID_HEADER)).isEqualTo(event.id());
            assertThat(KafkaRecords.header(record, Envelope.EVENT_TYPE_HEADER)).isEqualTo("weir.ingest.record");
            assertThat(record.timestamp()).isEqualTo(event.time().toEpochMilli());
        });
        Map<String, Set<String>> ids = idsByKey(records);
        assertThat(ids.values().stream().mapToInt(Set::size).sum())
            .as("one id per distinct record (the source " + "repeats some FHRSIDs with other content)")
            .isEqualTo(records.stream().map((r) -> r.key() + KafkaRecords.value(r)).distinct().count());
        assertThat(idsByKey(KafkaRecords.ofRun("weir.raw." + name, again.runId())))
            .as("the same records fetched again, the same ids")
            .isEqualTo(ids);
    }

    @Test
    void aStreamsTimeFieldGivesEachRecordItsOwnTime() {
        String name = "envelope-time";
        this.upstream = TestConnectors.upstream(1).start();
        this.catalog.save(name, TestConnectors.establishments(name, this.upstream, "")
            .replace("primary_key: FHRSID", "primary_key: FHRSID\n    time_field: RatingDate"));

        RunReport report = this.runs.run(name, RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);

        List<ConsumerRecord<String, byte[]>> records = KafkaRecords.ofRun("weir.raw." + name, report.runId());
        assertThat(records).hasSize(50).allSatisfy((record) -> {
            JsonNode ratingDate = KafkaRecords.value(record).get("RatingDate");
            Instant expected = (ratingDate != null && ratingDate.isString())
                    ? LocalDateTime.parse(ratingDate.asString()).toInstant(ZoneOffset.UTC)
                    : Instant.parse(KafkaRecords.header(record, IngestHeaders.FETCHED_AT));
            assertThat(Envelope.from(record).time()).isEqualTo(expected);
        });
    }

    @Test
    void aDeadLetterRecordKeepsItsJsonAndSaysWhyInTheEnvelopeAndHeaders() {
        String name = "envelope-dead";
        this.upstream = TestConnectors.upstream(1).start();
        this.upstream.faults()
            .inject(onPage(1, Fault.answer(200, "application/json",
                    "{\"meta\": {\"totalPages\": 1}, \"establishments\": [{\"BusinessName\": \"No id\"}, 7]}")));
        this.catalog.save(name, TestConnectors.establishments(name, this.upstream, ""));

        RunReport report = this.runs.run(name, RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);

        assertThat(report.view().counts().deadLetters()).isEqualTo(2);
        Map<String, Envelope> dead = TestKafka.records("weir.dlq." + name)
            .stream()
            .collect(Collectors.toMap((r) -> KafkaRecords.header(r, IngestHeaders.DLQ_REASON), Envelope::from));
        assertThat(dead).containsOnlyKeys("primary key FHRSID is missing or not a value",
                "record is not a JSON object");
        assertThat(dead.values()).allSatisfy((event) -> {
            assertThat(event.type()).isEqualTo("weir.ingest.dead_letter");
            assertThat(event.source().toString()).isEqualTo("/weir/ingest/pull/envelope-dead/establishments");
            assertThat(event.dataContentType()).isEqualTo("application/json");
            assertThat(event.subject()).as("no key").isNull();
        });
        assertThat(dead.get("primary key FHRSID is missing or not a value").dataText())
            .isEqualTo("{\"BusinessName\":\"No id\"}");
        assertThat(dead.get("record is not a JSON object").dataText()).isEqualTo("7");
    }

    private static Map<String, Set<String>> idsByKey(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
            .collect(Collectors.groupingBy(ConsumerRecord::key,
                    Collectors.mapping((r) -> Envelope.from(r).id(), Collectors.toSet())));
    }

}
