package dev.weir.testing.upstreams;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Scripted faults, each as a client meets it. */
class FaultsTest {

    private static final String PAGE_1 = "/Establishments?localAuthorityId=224&pageNumber=1&pageSize=50";

    private static final String PAGE_2 = "/Establishments?localAuthorityId=224&pageNumber=2&pageSize=50";

    private static FhrsUpstream fhrs;

    @BeforeAll
    static void start() {
        fhrs = FhrsUpstream.builder().slice().start();
    }

    @AfterAll
    static void stop() {
        fhrs.close();
    }

    @BeforeEach
    void clear() {
        fhrs.faults().clear();
        fhrs.counters().reset();
    }

    private static HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
        return Http.fhrs(fhrs.baseUrl() + pathAndQuery);
    }

    @Test
    void answers429WithRetryAfterForTheNextNRequestsThenNormally() throws Exception {
        InjectedFault fault = fhrs.faults().inject(Fault.tooManyRequests(RetryAfter.seconds(2)).times(3));
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> response = get(PAGE_1);
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        }
        assertThat(get(PAGE_1).statusCode()).isEqualTo(200);
        assertThat(fault.applied()).isEqualTo(3);
        assertThat(fault.exhausted()).isTrue();
        assertThat(fhrs.counters().tooManyRequests()).isEqualTo(3);
        assertThat(fhrs.counters().requestsTo(PAGE_1)).isEqualTo(4);
        assertThat(fhrs.counters().servedTo(PAGE_1)).isEqualTo(1);
    }

    @Test
    void answers429WithAnHttpDateRetryAfter() throws Exception {
        fhrs.faults().inject(Fault.tooManyRequests(RetryAfter.httpDate(Duration.ofSeconds(5))));
        HttpResponse<byte[]> response = get(PAGE_1);
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After").orElseThrow()).endsWith(" GMT");
    }

    @Test
    void recordsWhenEachRequestForAUrlArrivedSoATestSeesTheWaitARetryAfterAskedFor() throws Exception {
        fhrs.faults().inject(Fault.tooManyRequests(RetryAfter.seconds(1)));
        HttpResponse<byte[]> refused = get(PAGE_1);
        Thread.sleep(Duration.ofSeconds(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())));
        assertThat(get(PAGE_1).statusCode()).isEqualTo(200);

        // parameters in another order: the same URL
        List<java.time.Instant> arrivals = fhrs.counters()
            .arrivals("/Establishments?pageSize=50&pageNumber=1&localAuthorityId=224");
        assertThat(arrivals).hasSize(2);
        assertThat(Duration.between(arrivals.get(0), arrivals.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(fhrs.counters().arrivals(PAGE_2)).isEmpty();
    }

    @Test
    void answersABurstOfServerErrors() throws Exception {
        fhrs.faults().inject(Fault.status(500).times(1));
        fhrs.faults().inject(Fault.status(502).times(1));
        fhrs.faults().inject(Fault.status(503).retryAfter(RetryAfter.seconds(1)).times(2));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(get(PAGE_1).statusCode());
        }
        assertThat(statuses).containsExactly(500, 502, 503, 503, 200);
        assertThat(fhrs.faults().armed()).isEmpty();
    }

    @Test
    void answersAuthFailuresOnTheBaseResourceForGood() throws Exception {
        fhrs.faults().inject(Fault.status(401).on("/authorities").always());
        fhrs.faults().inject(Fault.status(403).on("/Ratings").always());
        for (int i = 0; i < 3; i++) {
            assertThat(get("/Authorities").statusCode()).isEqualTo(401);
            assertThat(get("/Ratings").statusCode()).isEqualTo(403);
        }
        assertThat(get(PAGE_1).statusCode()).isEqualTo(200);
        fhrs.faults().clear();
        fhrs.faults().inject(Fault.status(404).on("/Authorities"));
        assertThat(get("/Authorities").statusCode()).isEqualTo(404);
    }

    @Test
    void delaysAnAnswerBeyondTheClientsTimeout() throws Exception {
        fhrs.faults().inject(Fault.delay(Duration.ofSeconds(2)));
        assertThatExceptionOfType(HttpTimeoutException.class)
            .isThrownBy(() -> Http.get(fhrs.baseUrl() + PAGE_1, Duration.ofMillis(300), "x-api-version", "2"));
        assertThat(get(PAGE_1).statusCode()).isEqualTo(200);
    }

    @Test
    void truncatesTheBodyBelowItsContentLength() throws Exception {
        fhrs.faults().inject(Fault.truncatedBody().on("/Establishments").withQuery("pageNumber", "2"));
        assertThat(get(PAGE_1).statusCode()).isEqualTo(200);
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(PAGE_2));
        assertThat(get(PAGE_2).statusCode()).isEqualTo(200);
        assertThat(fhrs.counters().requestsTo(PAGE_2)).isEqualTo(2);
        assertThat(fhrs.counters().servedTo(PAGE_2)).isEqualTo(1);
    }

    @Test
    void answersMalformedJsonWithA200() throws Exception {
        fhrs.faults().inject(Fault.malformedJson());
        HttpResponse<byte[]> response = get(PAGE_1);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> Http.json(response));
        assertThat(fhrs.counters().servedTo(PAGE_1)).isZero();
    }

    @Test
    void changesAPagesContentBetweenTwoFetches() throws Exception {
        fhrs.faults().inject(Fault.contentChanges().on("/Establishments").fromFetch(2).always());
        JsonNode first = Http.json(get(PAGE_2));
        JsonNode second = Http.json(get(PAGE_2));
        JsonNode third = Http.json(get(PAGE_2));
        assertThat(second).isNotEqualTo(first);
        assertThat(third).isEqualTo(second);
        assertThat(second.path("meta").path("totalCount").asInt())
            .isEqualTo(first.path("meta").path("totalCount").asInt() - 1);
        // the first record of page 2 moved up to page 1
        assertThat(second.path("establishments").get(0)).isEqualTo(first.path("establishments").get(1));
        // a first fetch of another page is as recorded
        assertThat(get(PAGE_1).headers().firstValue("X-Weir-Upstream-Source").orElseThrow()).startsWith("recorded");
        assertThat(fhrs.counters().servedMoreThanOnce()).containsExactly(UpstreamRequest.canonicalUrl(PAGE_2));
    }

    @Test
    void resetsTheConnection() throws Exception {
        // the JDK client retries a GET once on its own when a kept-alive connection is
        // reset
        fhrs.faults().inject(Fault.connectionReset().times(2));
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(PAGE_1));
        assertThat(fhrs.counters().answered(Counters.NO_RESPONSE)).isEqualTo(2);

        assertThat(get(PAGE_1).statusCode()).isEqualTo(200);
    }

    @Test
    void appliesAFaultOnlyToTheRequestsItNames() throws Exception {
        fhrs.faults().inject(Fault.status(503).on("/Establishments").withQuery("pageNumber", "2").times(2));
        assertThat(get(PAGE_1).statusCode()).isEqualTo(200);
        assertThat(get("/Authorities").statusCode()).isEqualTo(200);
        // parameters in another order, name in another case: the same page
        assertThat(get("/establishments?pagesize=50&PAGENUMBER=2&localAuthorityId=224").statusCode()).isEqualTo(503);
        assertThat(get(PAGE_2).statusCode()).isEqualTo(503);
        assertThat(get(PAGE_2).statusCode()).isEqualTo(200);
        assertThat(fhrs.counters().requestsTo(PAGE_2)).isEqualTo(3);
    }

    @Test
    void sparesOnlyTheRequestsThatCarryTheNamedHeaders() throws Exception {
        fhrs.faults().inject(Fault.status(401).on("/Establishments").unlessHeader("X-Api-Key", "k-1").always());
        assertThat(get(PAGE_1).statusCode()).isEqualTo(401);
        assertThat(Http.get(fhrs.baseUrl() + PAGE_1, "x-api-version", "2", "x-api-key", "k-2").statusCode())
            .isEqualTo(401);
        // the header's name in another case
        assertThat(Http.get(fhrs.baseUrl() + PAGE_1, "x-api-version", "2", "x-api-key", "k-1").statusCode())
            .isEqualTo(200);
        assertThat(get("/Authorities").statusCode()).as("another path").isEqualTo(200);

        fhrs.faults().clear();
        fhrs.faults()
            .inject(Fault.status(403).unlessHeader("X-Api-Key", "k-1").unlessHeader("X-Tenant", "t-1").always());
        assertThat(Http.get(fhrs.baseUrl() + PAGE_1, "x-api-version", "2", "X-Api-Key", "k-1").statusCode())
            .as("one of the two")
            .isEqualTo(403);
        assertThat(Http.get(fhrs.baseUrl() + PAGE_1, "x-api-version", "2", "X-Api-Key", "k-1", "X-Tenant", "t-1")
            .statusCode()).isEqualTo(200);
    }

    @Test
    void answersWhatTheTestGivesInsteadOfTheDataCountedButNotServed() throws Exception {
        String html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        fhrs.faults().inject(Fault.answer(200, "text/html", html).on("/Establishments").withQuery("pageNumber", "2"));
        HttpResponse<byte[]> page2 = get(PAGE_2);
        assertThat(page2.statusCode()).isEqualTo(200);
        assertThat(page2.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(page2.headers().firstValue("X-Weir-Upstream-Source")).isEmpty();
        assertThat(new String(page2.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(html);
        assertThat(get(PAGE_2).headers().firstValue("Content-Type")).as("once by default")
            .hasValue("application/json; charset=utf-8");
        assertThat(fhrs.counters().requestsTo(PAGE_2)).isEqualTo(2);
        assertThat(fhrs.counters().servedTo(PAGE_2)).isEqualTo(1);

        fhrs.faults().inject(Fault.answer(401, "application/json", "{\"message\": \"invalid key\"}"));
        HttpResponse<byte[]> refused = get(PAGE_1);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Http.json(refused).path("message").asString()).isEqualTo("invalid key");
    }

    @Test
    void checksTheApiVersionBeforeAnyFault() throws Exception {
        InjectedFault fault = fhrs.faults().inject(Fault.status(503));
        assertThat(Http.get(fhrs.baseUrl() + PAGE_1).statusCode()).isEqualTo(400);
        assertThat(fault.applied()).isZero();
    }

}
