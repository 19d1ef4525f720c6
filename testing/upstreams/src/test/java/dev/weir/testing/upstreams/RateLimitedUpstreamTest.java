package dev.weir.testing.upstreams;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enforced rate limit over HTTP, as a connector meets it. The limit and the counters
 * read a clock the test moves itself, so what is admitted depends on the requests' times,
 * never on how fast this machine answers them.
 */
class RateLimitedUpstreamTest {

    private static final int RATE = 10;

    private static final long INTERVAL = Duration.ofSeconds(1).toNanos() / RATE;

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    @Test
    void answersNo429sToAClientKeepingToTheRateAndCountsTheRateItAchieved() throws Exception {
        try (FhrsUpstream fhrs = FhrsUpstream.builder()
            .slice()
            .rateLimit(RateLimit.perSecond(RATE))
            .ticker(this.now::get)
            .start()) {
            for (int i = 0; i < 3 * RATE; i++) {
                assertThat(Http.fhrs(fhrs.baseUrl() + "/Establishments?localAuthorityId=95&pageNumber=" + (i + 1))
                    .statusCode()).as("request %d", i).isEqualTo(200);
                this.now.addAndGet(INTERVAL);
            }
            Counters counters = fhrs.counters();
            assertThat(counters.tooManyRequests()).isZero();
            assertThat(counters.answered(200)).isEqualTo(3 * RATE);
            assertThat(counters.achievedRate()).isEqualTo(RATE);
            assertThat(counters.peakRate()).isEqualTo(RATE);
        }
    }

    @Test
    void admitsOnlyTheBurstOfManyClientsAtOnceAndRefusesTheRestWith429AndRetryAfter() throws Exception {
        int clients = 8;
        int each = 20;
        try (FhrsUpstream fhrs = FhrsUpstream.builder()
            .slice()
            .rateLimit(RateLimit.perSecond(RATE))
            .ticker(this.now::get)
            .start(); ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            // every request at the same instant: the burst (RATE tokens) and nothing
            // more,
            // however the clients' requests interleave
            List<Future<List<HttpResponse<byte[]>>>> answers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                answers.add(pool.submit(() -> {
                    List<HttpResponse<byte[]>> responses = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        responses.add(Http.fhrs(fhrs.baseUrl() + "/Authorities"));
                    }
                    return responses;
                }));
            }
            List<HttpResponse<byte[]>> responses = new ArrayList<>();
            for (Future<List<HttpResponse<byte[]>>> answer : answers) {
                responses.addAll(answer.get());
            }
            List<HttpResponse<byte[]>> refused = responses.stream()
                .filter((response) -> response.statusCode() == 429)
                .toList();
            assertThat(responses).hasSize(clients * each);
            assertThat(responses).filteredOn((response) -> response.statusCode() == 200).hasSize(RATE);
            assertThat(refused).hasSize(clients * each - RATE)
                .allSatisfy((response) -> assertThat(response.headers().firstValue("Retry-After")).hasValue("1"));
            Counters counters = fhrs.counters();
            assertThat(counters.requests()).isEqualTo(clients * each);
            assertThat(counters.tooManyRequests()).isEqualTo(clients * each - RATE);
            assertThat(counters.peakRate()).isEqualTo(clients * each);

            // a second later the bucket is full again, and holds no more than the burst
            this.now.addAndGet(Duration.ofSeconds(2).toNanos());
            for (int i = 0; i < RATE; i++) {
                assertThat(Http.fhrs(fhrs.baseUrl() + "/Authorities").statusCode()).as("request %d", i).isEqualTo(200);
            }
            assertThat(Http.fhrs(fhrs.baseUrl() + "/Authorities").statusCode()).isEqualTo(429);
        }
    }

    @Test
    void writesRetryAfterAsAnHttpDateWhenAsked() throws Exception {
        try (FhrsUpstream fhrs = FhrsUpstream.builder()
            .slice()
            .rateLimit(RateLimit.tokenBucket(1, 1))
            .retryAfter(RetryAfter.Format.HTTP_DATE)
            .ticker(this.now::get)
            .start()) {
            assertThat(Http.fhrs(fhrs.baseUrl() + "/Ratings").statusCode()).isEqualTo(200);
            HttpResponse<byte[]> refused = Http.fhrs(fhrs.baseUrl() + "/Ratings");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After").orElseThrow())
                .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        }
    }

    @Test
    void addsTheFixedLatencyToEveryAnswer() throws Exception {
        try (FhrsUpstream fhrs = FhrsUpstream.builder().slice().latency(Duration.ofMillis(200)).start()) {
            Http.fhrs(fhrs.baseUrl() + "/Ratings");
            long start = System.nanoTime();
            assertThat(Http.get(fhrs.baseUrl() + "/Ratings").statusCode()).isEqualTo(400);
            // a lower bound only: a slow machine answers later, never sooner
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

}
