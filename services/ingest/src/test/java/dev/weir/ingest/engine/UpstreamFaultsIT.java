package dev.weir.ingest.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.weir.ingest.connector.ConnectorCatalog;
import dev.weir.ingest.support.FhrsUpstream;
import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.KafkaRecords;
import dev.weir.ingest.support.TestConnectors;
import dev.weir.ingest.support.TestUpstream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the upstream does wrong, scripted on recorded FHRS pages: rate limits with
 * {@code Retry-After} in seconds and as a date, bursts of 500s, timeouts, resets, cut
 * bodies, bodies that are not JSON, pages of the wrong shape, refusals.
 */
@IngestIT
class UpstreamFaultsIT {

    private static final List<ObjectNode> PAGES = TestConnectors.pages(4);

    @Autowired
    ConnectorCatalog catalog;

    @Autowired
    ConnectorRuns runs;

    @Autowired
    JdbcClient jdbc;

    private final WireMockServer upstream = TestUpstream.server();

    @BeforeEach
    void reset() {
        this.upstream.resetAll();
    }

    @Test
    void waitsTheSecondsThatA429sRetryAfterAsksForThenCarriesOn() {
        String name = define("retry-after-seconds", "");
        TestConnectors.stubPages(this.upstream, name, PAGES);
        this.upstream.stubFor(TestConnectors.page(name, 2)
            .inScenario(name)
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("served"));
        this.upstream.stubFor(TestConnectors.page(name, 2)
            .inScenario(name)
            .whenScenarioStateIs("served")
            .willReturn(FhrsUpstream.json(PAGES.get(1))));

        RunReport report = run(name);

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.view().counts().rateLimited()).isEqualTo(1);
        assertThat(report.view().counts().retries()).isEqualTo(1);
        assertThat(report.view().counts().records()).isEqualTo(200);
        assertThat(gapBeforeRetry(name, 2)).as("the wait Retry-After asked for")
            .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void waitsUntilTheDateA503sRetryAfterNames() {
        String name = define("retry-after-date", "");
        TestConnectors.stubPages(this.upstream, name, PAGES);
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
            .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        this.upstream.stubFor(TestConnectors.page(name, 1)
            .inScenario(name)
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", inTwoSeconds))
            .willSetStateTo("served"));
        this.upstream.stubFor(TestConnectors.page(name, 1)
            .inScenario(name)
            .whenScenarioStateIs("served")
            .willReturn(FhrsUpstream.json(PAGES.get(0))));

        RunReport report = run(name);

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.view().counts().retries()).isEqualTo(1);
        assertThat(report.view().counts().rateLimited()).isZero();
        // an HTTP date has whole seconds: two seconds from now is at least one from now
        assertThat(gapBeforeRetry(name, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void ridesOutABurstOfServerErrorsTimeoutsAndBrokenConnections() {
        String name = define("burst", "");
        TestConnectors.stubPages(this.upstream, name, PAGES);
        scripted(name, 3,
                List.of(aResponse().withStatus(500), aResponse().withStatus(502), aResponse().withStatus(500)));
        scripted(name, 4,
                List.of(aResponse().withFixedDelay(1500).withBody("late"),
                        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                        aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        RunReport report = run(name);

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(requestsFor(name, 3)).isEqualTo(4);
        assertThat(requestsFor(name, 4)).isEqualTo(4);
        // the JDK's client re-sends a GET once by itself when a kept-alive connection is
        // reset
        // before any answer, so one of these may not reach the run as a failed attempt
        assertThat(report.view().counts().retries()).as(report.render()).isBetween(5L, 6L);
        assertThat(report.view().counts().pages()).isEqualTo(4);
        assertThat(published(name, report)).hasSize(200);
    }

    @Test
    void givesUpAfterMaxAttemptsSayingWhatTheUpstreamAnsweredAndKeepsTheCheckpointAtThatPage() {
        String name = define("gives-up", "");
        TestConnectors.stubPages(this.upstream, name, PAGES);
        this.upstream.stubFor(TestConnectors.page(name, 3).willReturn(aResponse().withStatus(503)));

        RunReport report = run(name);

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.view().error()).isEqualTo("GET " + TestUpstream.baseUrl() + "/" + name
                + "/Establishments?pageNumber=3 still answered 503 after 4 attempts");
        assertThat(requestsFor(name, 3)).isEqualTo(4);
        assertThat(pagination(name)).isEqualTo("{\"page\": \"3\", \"total_pages\": \"4\"}");

        TestConnectors.stubPages(this.upstream, name, PAGES);
        this.upstream.resetRequests();
        RunReport resumed = run(name);

        assertThat(resumed.status()).as(resumed.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(resumed.view().resumed()).isTrue();
        assertThat(this.upstream.getAllServeEvents())
            .extracting((e) -> e.getRequest().queryParameter("pageNumber").firstValue())
            .containsExactlyInAnyOrder("3", "4");
    }

    @Test
    void sendsPagesThatAreNotJsonCutShortOrOfTheWrongShapeToTheDeadLetterTopicAndGoesOn() {
        String name = define("bad-pages", "");
        List<ObjectNode> pages = TestConnectors.pages(5);
        TestConnectors.stubPages(this.upstream, name, pages);
        String html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        String json = FhrsUpstream.JSON.writeValueAsString(pages.get(2));
        String cut = json.substring(0, json.length() / 2);
        this.upstream.stubFor(TestConnectors.page(name, 2)
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody(html)));
        this.upstream.stubFor(TestConnectors.page(name, 3)
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(cut)));
        this.upstream.stubFor(TestConnectors.page(name, 4)
            .willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"meta\": {\"totalPages\": 5}, \"message\": \"maintenance\"}")));

        RunReport report = run(name);

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.view().counts().deadLetters()).isEqualTo(3);
        assertThat(report.view().counts().records()).isEqualTo(100);
        assertThat(report.render()).contains("dead letters (topic weir.dlq." + name + ")", "not JSON at line 1");
        List<ConsumerRecord<String, byte[]>> dead = KafkaRecords.all("weir.dlq." + name);
        assertThat(dead).hasSize(3);
        ConsumerRecord<String, byte[]> notJson = dead.stream()
            .filter((r) -> KafkaRecords.header(r, IngestHeaders.SOURCE_URL).endsWith("pageNumber=2"))
            .findFirst()
            .orElseThrow();
        assertThat(new String(notJson.value(), StandardCharsets.UTF_8)).as("the raw body").isEqualTo(html);
        assertThat(KafkaRecords.header(notJson, IngestHeaders.DLQ_REASON))
            .startsWith("not JSON at line 1, column 1: Unexpected character ('<'");
        assertThat(KafkaRecords.header(notJson, IngestHeaders.HTTP_STATUS)).isEqualTo("200");
        assertThat(KafkaRecords.header(notJson, IngestHeaders.RUN_ID)).isEqualTo(report.runId().toString());
        assertThat(reasons(dead)).anySatisfy((reason) -> assertThat(reason).contains("Unexpected end-of-input"))
            .anySatisfy(
                    (reason) -> assertThat(reason).startsWith("records $.establishments[*] found nothing to select"));
        assertThat(dead.stream().map((r) -> new String(r.value(), StandardCharsets.UTF_8)).toList()).contains(cut);
        Set<String> keys = published(name, report).stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        assertThat(keys).containsAll(keys(pages.get(0))).containsAll(keys(pages.get(4)));
    }

    @Test
    void withOnBadPageFailStopsAtTheBadPageWhichTheNextRunFetchesAgain() {
        String name = define("bad-page-fails", "on_bad_page: fail");
        TestConnectors.stubPages(this.upstream, name, PAGES);
        this.upstream.stubFor(TestConnectors.page(name, 2).willReturn(aResponse().withStatus(200).withBody("oops")));

        RunReport report = run(name);

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.view().error()).startsWith("bad page " + TestUpstream.baseUrl() + "/" + name
                + "/Establishments?pageNumber=2 (sent to weir.dlq." + name + "; on_bad_page: fail): not JSON");
        assertThat(KafkaRecords.all("weir.dlq." + name)).hasSize(1);
        assertThat(pagination(name)).contains("\"page\": \"2\"");

        TestConnectors.stubPages(this.upstream, name, PAGES);
        this.upstream.resetRequests();
        RunReport again = run(name);

        assertThat(again.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(requestsFor(name, 1)).as("page 1 was done").isZero();
        assertThat(requestsFor(name, 2)).isEqualTo(1);
    }

    @Test
    void stopsAtOnceWithAClearMessageWhenTheUpstreamRefusesOrHasNoSuchResource() {
        String refused = define("refused", "");
        this.upstream.stubFor(TestConnectors.page(refused, 1)
            .willReturn(aResponse().withStatus(401).withBody("{\"message\": \"invalid key\"}")));
        RunReport unauthorized = run(refused);
        assertThat(unauthorized.status()).isEqualTo(RunStatus.FAILED);
        assertThat(unauthorized.view().error()).isEqualTo("GET " + TestUpstream.baseUrl() + "/" + refused
                + "/Establishments?pageNumber=1 answered 401 Unauthorized: the credentials of auth (None) were refused: "
                + "{\"message\": \"invalid key\"}");
        assertThat(requestsFor(refused, 1)).as("never retried").isEqualTo(1);

        String missing = define("missing", "");
        RunReport notFound = run(missing);
        assertThat(notFound.status()).isEqualTo(RunStatus.FAILED);
        assertThat(notFound.view().error()).startsWith("GET " + TestUpstream.baseUrl() + "/" + missing
                + "/Establishments?pageNumber=1 answered 404 Not Found: check base_url and the path of stream establishments");
        assertThat(requestsFor(missing, 1)).isEqualTo(1);
    }

    @Test
    void aPageChangedUpstreamIsNotFetchedAgainWhileItsFingerprintLivesButRefetchPublishesTheNewVersion() {
        String name = define("changing", "");
        List<ObjectNode> pages = TestConnectors.pages(2);
        TestConnectors.stubPages(this.upstream, name, pages);
        RunReport first = run(name);
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);

        ObjectNode changed = pages.get(1).deepCopy();
        ObjectNode establishment = (ObjectNode) changed.get("establishments").get(0);
        establishment.put("RatingValue", "1");
        establishment.put("RatingDate", "2022-10-01T00:00:00");
        this.upstream.stubFor(TestConnectors.page(name, 2).willReturn(FhrsUpstream.json(changed)));
        this.upstream.resetRequests();

        RunReport again = run(name);
        assertThat(again.view().counts().pagesSkipped()).isEqualTo(2);
        assertThat(this.upstream.getAllServeEvents()).isEmpty();

        RunReport refetched = this.runs.run(name, RunRequest.of(RunTrigger.CLI, true), RunListener.NONE);
        assertThat(refetched.view().counts().records()).isEqualTo(100);
        List<JsonNode> versions = published(name, refetched).stream()
            .filter((r) -> r.key().equals(establishment.get("FHRSID").asString()))
            .map(KafkaRecords::value)
            .toList();
        assertThat(versions).containsExactly(establishment);
    }

    private String define(String name, String options) {
        this.catalog.save(name, TestConnectors.establishments(name, options));
        return name;
    }

    private RunReport run(String name) {
        return this.runs.run(name, RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);
    }

    private void scripted(String name, int page,
            List<com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder> failures) {
        String state = STARTED;
        for (int i = 0; i < failures.size(); i++) {
            String next = "failure " + (i + 1);
            this.upstream.stubFor(TestConnectors.page(name, page)
                .inScenario(name + page)
                .whenScenarioStateIs(state)
                .willReturn(failures.get(i))
                .willSetStateTo(next));
            state = next;
        }
        this.upstream.stubFor(TestConnectors.page(name, page)
            .inScenario(name + page)
            .whenScenarioStateIs(state)
            .willReturn(FhrsUpstream.json(PAGES.get(page - 1))));
    }

    private long requestsFor(String name, int page) {
        return this.upstream.getAllServeEvents()
            .stream()
            .filter((e) -> e.getRequest().getUrl().equals("/" + name + "/Establishments?pageNumber=" + page))
            .count();
    }

    private Duration gapBeforeRetry(String name, int page) {
        List<ServeEvent> attempts = this.upstream.getAllServeEvents()
            .stream()
            .filter((e) -> e.getRequest().getUrl().equals("/" + name + "/Establishments?pageNumber=" + page))
            .sorted(Comparator.comparing((ServeEvent e) -> e.getRequest().getLoggedDate()))
            .toList();
        assertThat(attempts).hasSize(2);
        return Duration.between(attempts.get(0).getRequest().getLoggedDate().toInstant(),
                attempts.get(1).getRequest().getLoggedDate().toInstant());
    }

    private String pagination(String name) {
        return this.jdbc.sql("SELECT pagination::text FROM ingest.stream_checkpoint WHERE connector = ?")
            .param(name)
            .query(String.class)
            .single();
    }

    private static List<ConsumerRecord<String, byte[]>> published(String name, RunReport report) {
        return KafkaRecords.all("weir.raw." + name)
            .stream()
            .filter((r) -> report.runId().toString().equals(KafkaRecords.header(r, IngestHeaders.RUN_ID)))
            .toList();
    }

    private static List<String> reasons(List<ConsumerRecord<String, byte[]>> dead) {
        return dead.stream().map((r) -> KafkaRecords.header(r, IngestHeaders.DLQ_REASON)).toList();
    }

    private static Set<String> keys(ObjectNode page) {
        Set<String> keys = new java.util.HashSet<>();
        page.get("establishments").forEach((e) -> keys.add(e.get("FHRSID").asString()));
        return keys;
    }

}
