package dev.weir.ingest.pull.run;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.weir.ingest.pull.definition.ConnectorCatalog;
import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.KafkaRecords;
import dev.weir.ingest.support.TestConnectors;
import dev.weir.testing.infra.TestKafka;
import dev.weir.testing.upstreams.Fault;
import dev.weir.testing.upstreams.FhrsUpstream;
import dev.weir.testing.upstreams.RetryAfter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.weir.ingest.support.TestConnectors.onPage;
import static dev.weir.ingest.support.TestConnectors.page;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the upstream does wrong, scripted as testing/upstreams' faults on recorded FHRS
 * pages: rate limits with {@code Retry-After} in seconds and as a date, bursts of 500s,
 * timeouts, resets, cut bodies, bodies that are not JSON, pages of the wrong shape,
 * refusals.
 */
@IngestIT
class UpstreamFaultsIT {

    @Autowired
    ConnectorCatalog catalog;

    @Autowired
    ConnectorRuns runs;

    @Autowired
    JdbcClient jdbc;

    private FhrsUpstream upstream;

    @AfterEach
    void stop() {
        if (this.upstream != null) {
            this.upstream.close();
        }
    }

    @Test
    void waitsTheSecondsThatA429sRetryAfterAsksForThenCarriesOn() {
        String name = define("retry-after-seconds", 4, "");
        this.upstream.faults().inject(onPage(2, Fault.tooManyRequests(RetryAfter.seconds(1))));

        RunReport report = run(name);

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.view().counts().rateLimited()).isEqualTo(1);
        assertThat(report.view().counts().retries()).isEqualTo(1);
        assertThat(report.view().counts().records()).isEqualTo(200);
        assertThat(gapBeforeRetry(2)).as("the wait Retry-After asked for")
            .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void waitsUntilTheDateA503sRetryAfterNames() {
        String name = define("retry-after-date", 4, "");
        this.upstream.faults()
            .inject(onPage(1, Fault.status(503).retryAfter(RetryAfter.httpDate(Duration.ofSeconds(2)))));

        RunReport report = run(name);

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.view().counts().retries()).isEqualTo(1);
        assertThat(report.view().counts().rateLimited()).isZero();
        // an HTTP date has whole seconds: two seconds from now is at least one from now
        assertThat(gapBeforeRetry(1)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void ridesOutABurstOfServerErrorsTimeoutsAndBrokenConnections() {
        String name = define("burst", 4, "");
        // injected in order: the first with uses left applies
        this.upstream.faults().inject(onPage(3, Fault.status(500)));
        this.upstream.faults().inject(onPage(3, Fault.status(502)));
        this.upstream.faults().inject(onPage(3, Fault.status(500)));
        // later than the connector's 1 s read timeout; a reset; a body cut off mid-way
        this.upstream.faults().inject(onPage(4, Fault.delay(Duration.ofMillis(1500))));
        this.upstream.faults().inject(onPage(4, Fault.connectionReset()));
        this.upstream.faults().inject(onPage(4, Fault.truncatedBody()));

        RunReport report = run(name);

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(this.upstream.counters().requestsTo(page(3))).isEqualTo(4);
        assertThat(this.upstream.counters().requestsTo(page(4))).isEqualTo(4);
        // the JDK's client re-sends a GET once by itself when a kept-alive connection is
        // reset
        // before any answer, so one of these may not reach the run as a failed attempt
        assertThat(report.view().counts().retries()).as(report.render()).isBetween(5L, 6L);
        assertThat(report.view().counts().pages()).isEqualTo(4);
        assertThat(KafkaRecords.ofRun("weir.raw." + name, report.runId())).hasSize(200);
    }

    @Test
    void givesUpAfterMaxAttemptsSayingWhatTheUpstreamAnsweredAndKeepsTheCheckpointAtThatPage() {
        String name = define("gives-up", 4, "");
        this.upstream.faults().inject(onPage(3, Fault.status(503).always()));

        RunReport report = run(name);

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.view().error()).isEqualTo("GET " + this.upstream.baseUrl() + page(3)
                + " still answered 503 after 4 attempts: {\"message\":\"Fault injected: 503\"}");
        assertThat(this.upstream.counters().requestsTo(page(3))).isEqualTo(4);
        assertThat(pagination(name)).isEqualTo("{\"page\": \"3\", \"total_pages\": \"4\"}");

        this.upstream.faults().clear();
        this.upstream.counters().reset();
        RunReport resumed = run(name);

        assertThat(resumed.status()).as(resumed.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(resumed.view().resumed()).isTrue();
        assertThat(TestConnectors.pagesRequested(this.upstream)).containsExactlyInAnyOrder("3", "4");
    }

    @Test
    void sendsPagesThatAreNotJsonCutShortOrOfTheWrongShapeToTheDeadLetterTopicAndGoesOn() {
        String name = define("bad-pages", 5, "");
        List<JsonNode> records = TestConnectors.records(5);
        byte[] page3 = TestConnectors.served(this.upstream, 3);
        String cut = new String(Arrays.copyOf(page3, page3.length / 2), StandardCharsets.UTF_8);
        String html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        this.upstream.faults().inject(onPage(2, Fault.answer(200, "text/html", html)));
        // a complete 200 with the first half of the page
        this.upstream.faults().inject(onPage(3, Fault.malformedJson()));
        this.upstream.faults()
            .inject(onPage(4, Fault.answer(200, "application/json",
                    "{\"meta\": {\"totalPages\": 5}, \"message\": \"maintenance\"}")));

        RunReport report = run(name);

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.view().counts().deadLetters()).isEqualTo(3);
        assertThat(report.view().counts().records()).isEqualTo(100);
        assertThat(report.render()).contains("dead letters (topic weir.dlq." + name + ")", "not JSON at line 1");
        List<ConsumerRecord<String, byte[]>> dead = TestKafka.records("weir.dlq." + name);
        assertThat(dead).hasSize(3);
        ConsumerRecord<String, byte[]> notJson = dead.stream()
            .filter((r) -> KafkaRecords.header(r, IngestHeaders.SOURCE_URL).endsWith("pageNumber=2"))
            .findFirst()
            .orElseThrow();
        assertThat(KafkaRecords.envelope(notJson).dataText()).as("the raw body").isEqualTo(html);
        assertThat(KafkaRecords.envelope(notJson).dataContentType()).as("not JSON: base64 in the envelope")
            .isEqualTo("application/octet-stream");
        assertThat(KafkaRecords.header(notJson, IngestHeaders.DLQ_REASON))
            .startsWith("not JSON at line 1, column 1: Unexpected character ('<'");
        assertThat(KafkaRecords.header(notJson, IngestHeaders.HTTP_STATUS)).isEqualTo("200");
        assertThat(KafkaRecords.header(notJson, IngestHeaders.RUN_ID)).isEqualTo(report.runId().toString());
        assertThat(reasons(dead)).anySatisfy((reason) -> assertThat(reason).contains("Unexpected end-of-input"))
            .anySatisfy(
                    (reason) -> assertThat(reason).startsWith("records $.establishments[*] found nothing to select"));
        assertThat(dead.stream().map((r) -> KafkaRecords.envelope(r).dataText()).toList()).contains(cut);
        Set<String> keys = KafkaRecords.ofRun("weir.raw." + name, report.runId())
            .stream()
            .map(ConsumerRecord::key)
            .collect(Collectors.toSet());
        assertThat(keys).containsAll(keys(records.subList(0, 50))).containsAll(keys(records.subList(200, 250)));
    }

    @Test
    void withOnBadPageFailStopsAtTheBadPageWhichTheNextRunFetchesAgain() {
        String name = define("bad-page-fails", 4, "on_bad_page: fail");
        this.upstream.faults().inject(onPage(2, Fault.malformedJson()));

        RunReport report = run(name);

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.view().error()).startsWith("bad page " + this.upstream.baseUrl() + page(2)
                + " (sent to weir.dlq." + name + "; on_bad_page: fail): not JSON");
        assertThat(TestKafka.records("weir.dlq." + name)).hasSize(1);
        assertThat(pagination(name)).contains("\"page\": \"2\"");

        this.upstream.counters().reset();
        RunReport again = run(name);

        assertThat(again.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(this.upstream.counters().requestsTo(page(1))).as("page 1 was done").isZero();
        assertThat(this.upstream.counters().requestsTo(page(2))).isEqualTo(1);
    }

    @Test
    void stopsAtOnceWithAClearMessageWhenTheUpstreamRefusesOrHasNoSuchResource() {
        String refused = define("refused", 4, "");
        this.upstream.faults()
            .inject(onPage(1, Fault.answer(401, "application/json", "{\"message\": \"invalid key\"}").always()));
        RunReport unauthorized = run(refused);
        assertThat(unauthorized.status()).isEqualTo(RunStatus.FAILED);
        assertThat(unauthorized.view().error()).isEqualTo("GET " + this.upstream.baseUrl() + page(1)
                + " answered 401 Unauthorized: the credentials of auth (None) were refused: "
                + "{\"message\": \"invalid key\"}");
        assertThat(this.upstream.counters().requestsTo(page(1))).as("never retried").isEqualTo(1);

        // a base URL one segment off: the API has no such resource
        String missing = "missing";
        this.catalog.save(missing, TestConnectors.establishments(missing, this.upstream.baseUrl() + "/api", ""));
        RunReport notFound = run(missing);
        assertThat(notFound.status()).isEqualTo(RunStatus.FAILED);
        assertThat(notFound.view().error()).startsWith("GET " + this.upstream.baseUrl() + "/api" + page(1)
                + " answered 404 Not Found: check base_url and the path of stream establishments");
        assertThat(this.upstream.counters().requestsTo("/api" + page(1))).isEqualTo(1);
    }

    @Test
    void aPageChangedUpstreamIsNotFetchedAgainWhileItsFingerprintLivesButRefetchPublishesTheNewVersion() {
        String name = define("changing", 2, "");
        RunReport first = run(name);
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);

        ObjectNode changed = TestConnectors.servedPage(this.upstream, 2);
        ObjectNode establishment = (ObjectNode) changed.get("establishments").get(0);
        establishment.put("RatingValue", "1");
        establishment.put("RatingDate", "2022-10-01T00:00:00");
        this.upstream.faults()
            .inject(onPage(2, Fault.answer(200, "application/json", TestConnectors.json(changed)).always()));
        this.upstream.counters().reset();

        RunReport again = run(name);
        assertThat(again.view().counts().pagesSkipped()).isEqualTo(2);
        assertThat(this.upstream.counters().requests()).isZero();

        RunReport refetched = this.runs.run(name, RunRequest.of(RunTrigger.CLI, true), RunListener.NONE);
        assertThat(refetched.view().counts().records()).isEqualTo(100);
        List<JsonNode> versions = KafkaRecords.ofRun("weir.raw." + name, refetched.runId())
            .stream()
            .filter((r) -> r.key().equals(establishment.get("FHRSID").asString()))
            .map(KafkaRecords::value)
            .toList();
        assertThat(versions).containsExactly(establishment);
    }

    /**
     * Defines connector {@code name} against an upstream of its own whose Rochford has
     * {@code pages} pages of 50.
     */
    private String define(String name, int pages, String options) {
        this.upstream = TestConnectors.upstream(pages).start();
        this.catalog.save(name, TestConnectors.establishments(name, this.upstream, options));
        return name;
    }

    private RunReport run(String name) {
        return this.runs.run(name, RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);
    }

    private Duration gapBeforeRetry(int page) {
        List<Instant> attempts = this.upstream.counters().arrivals(page(page));
        assertThat(attempts).hasSize(2);
        return Duration.between(attempts.get(0), attempts.get(1));
    }

    private String pagination(String name) {
        return this.jdbc.sql("SELECT pagination::text FROM ingest.stream_checkpoint WHERE connector = ?")
            .param(name)
            .query(String.class)
            .single();
    }

    private static List<String> reasons(List<ConsumerRecord<String, byte[]>> dead) {
        return dead.stream().map((r) -> KafkaRecords.header(r, IngestHeaders.DLQ_REASON)).toList();
    }

    private static Set<String> keys(List<JsonNode> records) {
        return records.stream().map((e) -> e.get("FHRSID").asString()).collect(Collectors.toSet());
    }

}
