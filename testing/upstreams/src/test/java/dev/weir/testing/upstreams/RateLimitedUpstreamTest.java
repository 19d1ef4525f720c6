package dev.weir.testing.upstreams;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The enforced rate limit and latency over HTTP, as a connector meets them. */
class RateLimitedUpstreamTest {

    private static final int RATE = 10;

    @Test
    void answersNo429sToAClientKeepingToTheRate() throws Exception {
        try (FhrsUpstream fhrs = FhrsUpstream.builder()
            .slice()
            .rateLimit(RateLimit.perSecond(RATE))
            .latency(Duration.ofMillis(50))
            .start()) {
            long start = System.nanoTime();
            for (int i = 0; i < 3 * RATE; i++) {
                // paced at exactly RATE per second from the start
                long due = start + i * 1_000_000_000L / RATE;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                assertThat(Http.fhrs(fhrs.baseUrl() + "/Establishments?localAuthorityId=95&pageNumber=" + (i + 1))
                    .statusCode()).isEqualTo(200);
            }
            assertThat(fhrs.counters().tooManyRequests()).isZero();
            assertThat(fhrs.counters().achievedRate()).isBetween(RATE * 0.9, RATE * 1.1);
        }
    }

    @Test
    void answers429WithRetryAfterAboveTheRate() throws Exception {
        try (FhrsUpstream fhrs = FhrsUpstream.builder()
            .slice()
            .rateLimit(RateLimit.perSecond(RATE))
            .latency(Duration.ofMillis(50))
            .start(); ExecutorService clients = Executors.newFixedThreadPool(8)) {
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            // 8 clients without pause: far above RATE, for about 2 s
            long end = System.nanoTime() + 2_000_000_000L;
            for (int c = 0; c < 8; c++) {
                answers.add(clients.submit(() -> {
                    HttpResponse<byte[]> last = null;
                    while (System.nanoTime() < end) {
                        HttpResponse<byte[]> response = Http.fhrs(fhrs.baseUrl() + "/Authorities");
                        if (response.statusCode() == 429) {
                            last = response;
                        }
                    }
                    return last;
                }));
            }
            HttpResponse<byte[]> refused = null;
            for (Future<HttpResponse<byte[]>> answer : answers) {
                refused = (answer.get() != null) ? answer.get() : refused;
            }
            assertThat(refused).isNotNull();
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            Counters counters = fhrs.counters();
            // 8 clients x 2 s / 50 ms latency: ~320 requests, of which the burst (10) + 2
            // s x 10 admitted
            assertThat(counters.requests()).isGreaterThan(150);
            assertThat(counters.answered(200)).isBetween(25L, 35L);
            assertThat(counters.tooManyRequests()).isEqualTo(counters.requests() - counters.answered(200));
            assertThat(counters.peakRate()).isGreaterThan(2 * RATE);
        }
    }

    @Test
    void writesRetryAfterAsAnHttpDateWhenAsked() throws Exception {
        try (FhrsUpstream fhrs = FhrsUpstream.builder()
            .slice()
            .rateLimit(RateLimit.tokenBucket(1, 1))
            .retryAfter(RetryAfter.Format.HTTP_DATE)
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
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

}
