package dev.weir.ingest.pull.run;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;

import dev.weir.ingest.pull.definition.ConnectorCatalog;
import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.TestConnectors;
import dev.weir.testing.infra.TestKafka;
import dev.weir.testing.upstreams.FhrsUpstream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkpoint never passes a page Kafka did not acknowledge: a producer that loses one
 * record of page 3 (the rest of the page reaches the real broker) stops the run with
 * pages 1 and 2 done; the next run publishes page 3 again from the copy kept when it was
 * read (without fetching it), fetches page 4, and nothing is lost.
 */
@IngestIT
class UnackedPageIT {

    @Autowired
    ConnectorCatalog catalog;

    @Autowired
    ConnectorRuns runs;

    @Autowired
    ApplicationContext context;

    @Autowired
    ProducerFactory<String, byte[]> producers;

    @Autowired
    JdbcClient jdbc;

    private FhrsUpstream upstream;

    private ConnectorRuns losingPage3;

    @AfterEach
    void stop() throws InterruptedException {
        if (this.losingPage3 != null) {
            this.losingPage3.destroy();
        }
        this.upstream.close();
    }

    @Test
    void aPageWhoseRecordsKafkaDidNotAcknowledgeIsNotDoneAndTheNextRunPublishesItFromTheCopyKeptWithoutFetchingIt() {
        String name = "unacked";
        this.upstream = TestConnectors.upstream(4).start();
        this.catalog.save(name, TestConnectors.establishments(name, this.upstream, ""));
        this.losingPage3 = Replicas.another(this.context, new LosesARecordOfPage3(this.producers));

        RunReport failed = this.losingPage3.run(name, RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.view().error()).startsWith("Kafka did not acknowledge a page's records (TimeoutException: ")
            .endsWith("that page's checkpoint was not written, so the next run publishes it again, from the copy kept "
                    + "rather than fetching it");
        assertThat(failed.view().counts().pages()).isEqualTo(2);
        assertThat(this.jdbc.sql("SELECT pagination::text FROM ingest.stream_checkpoint WHERE connector = ?")
            .param(name)
            .query(String.class)
            .single()).isEqualTo("{\"page\": \"3\", \"total_pages\": \"4\"}");
        assertThat(this.jdbc.sql("SELECT url FROM ingest.request_fingerprint WHERE connector = ? ORDER BY url")
            .param(name)
            .query(String.class)
            .list()).allSatisfy((url) -> assertThat(url).doesNotEndWith("pageNumber=3")).hasSize(2);
        assertThat(this.jdbc.sql("SELECT status, pages FROM ingest.run WHERE id = ?")
            .param(failed.runId())
            .query((rs, row) -> rs.getString(1) + " " + rs.getLong(2))
            .single()).isEqualTo("failed 2");

        assertThat(this.jdbc.sql("SELECT count(*) FROM ingest.page_received WHERE connector = ?")
            .param(name)
            .query(Long.class)
            .single()).as("page 3, read and kept").isEqualTo(1);
        this.upstream.counters().reset();
        RunReport resumed = this.runs.run(name, RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);

        assertThat(resumed.status()).as(resumed.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(resumed.view().resumed()).isTrue();
        assertThat(TestConnectors.pagesRequested(this.upstream)).as("page 3 comes from the copy kept")
            .containsExactly("4");
        assertThat(resumed.view().counts().pages()).isEqualTo(2);
        assertThat(resumed.view().notes())
            .contains("1 page(s) read by the stopped run were published from the copy it kept, not fetched again");
        assertThat(this.jdbc.sql("SELECT count(*) FROM ingest.page_received WHERE connector = ?")
            .param(name)
            .query(Long.class)
            .single()).as("forgotten once done").isZero();
        List<ConsumerRecord<String, byte[]>> published = TestKafka.records("weir.raw." + name);
        Set<String> source = TestConnectors.records(4)
            .stream()
            .map((e) -> e.get("FHRSID").asString())
            .collect(Collectors.toSet());
        assertThat(published.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).isEqualTo(source);
        assertThat(published).as("page 3's acknowledged records twice at most; nothing else twice")
            .hasSizeBetween(200, 249);
    }

    /** The real producer, except that the tenth record of page 3 never gets its ack. */
    static final class LosesARecordOfPage3 extends KafkaTemplate<String, byte[]> {

        private int seen;

        LosesARecordOfPage3(ProducerFactory<String, byte[]> producers) {
            super(producers);
        }

        @Override
        public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
            Header url = record.headers().lastHeader(IngestHeaders.SOURCE_URL);
            if (url != null && new String(url.value(), StandardCharsets.UTF_8).endsWith("pageNumber=3")
                    && ++this.seen == 10) {
                return CompletableFuture.failedFuture(new TimeoutException("Expiring 1 record(s) for the test"));
            }
            return super.send(record);
        }

    }

}
