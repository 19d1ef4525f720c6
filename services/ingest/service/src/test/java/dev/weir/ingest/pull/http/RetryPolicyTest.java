package dev.weir.ingest.pull.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.weir.ingest.pull.definition.ConnectorConfig;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private static final ConnectorConfig.Retry CONFIG = new ConnectorConfig.Retry(5, Duration.ofMillis(500),
            Duration.ofSeconds(60), Duration.ofMinutes(5));

    @Test
    void retriesIoFailuresServerErrorsTimeoutsAndTooManyRequestsButNotClientErrors() {
        RetryPolicy policy = new RetryPolicy(CONFIG, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(RetryPolicy.retriable(new ConnectException("refused"))).isTrue();
        assertThat(RetryPolicy.retriable(new HttpTimeoutException("timed out"))).isTrue();
        assertThat(RetryPolicy.retriable(new IOException("connection reset"))).isTrue();
        assertThat(RetryPolicy.retriable(new IllegalStateException())).isFalse();
        for (int status : List.of(500, 502, 503, 504, 429, 408)) {
            assertThat(policy.retriable(response(status, Map.of()))).as("%d", status).isTrue();
        }
        for (int status : List.of(400, 401, 403, 404, 409, 422)) {
            assertThat(policy.retriable(response(status, Map.of()))).as("%d", status).isFalse();
        }
    }

    @Test
    void honoursRetryAfterInSecondsAndAsAnHttpDate() {
        RetryPolicy policy = new RetryPolicy(CONFIG, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(policy.retryAfter(response(429, Map.of("Retry-After", "7")))).contains(Duration.ofSeconds(7));
        assertThat(policy.retryAfter(response(503, Map.of("Retry-After", "Sat, 21 Nov 2026 10:00:42 GMT"))))
            .contains(Duration.ofSeconds(42));
        assertThat(policy.retryAfter(response(429, Map.of("Retry-After", "Sat, 21 Nov 2026 09:59:00 GMT"))))
            .as("a date in the past is no wait")
            .contains(Duration.ZERO);
        assertThat(policy.retryAfter(response(500, Map.of("Retry-After", "7")))).as("only 429 and 503").isEmpty();
        assertThat(policy.retryAfter(response(429, Map.of("Retry-After", "soon")))).isEmpty();
    }

    @Test
    void anUpstreamAskingForLongerThanMaxRetryAfterIsNotRetried() {
        RetryPolicy policy = new RetryPolicy(CONFIG, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(policy.retriable(response(429, Map.of("Retry-After", "300")))).isTrue();
        assertThat(policy.retriable(response(429, Map.of("Retry-After", "301")))).isFalse();
        assertThat(policy.waitTooLong(response(429, Map.of("Retry-After", "3600")))).isTrue();
    }

    @Test
    void backsOffExponentiallyWithFullJitterUpToTheCap() {
        RetryPolicy highest = new RetryPolicy(CONFIG, Clock.fixed(NOW, ZoneOffset.UTC), () -> 0.999_999);
        RetryPolicy lowest = new RetryPolicy(CONFIG, Clock.fixed(NOW, ZoneOffset.UTC), () -> 0.0);
        assertThat(highest.backoff(1)).isEqualTo(Duration.ofMillis(499));
        assertThat(highest.backoff(2)).isEqualTo(Duration.ofMillis(999));
        assertThat(highest.backoff(4)).isEqualTo(Duration.ofMillis(3999));
        assertThat(highest.backoff(20)).isEqualTo(Duration.ofMillis(59_999));
        assertThat(highest.backoff(200)).as("no overflow").isEqualTo(Duration.ofMillis(59_999));
        assertThat(lowest.backoff(3)).isEqualTo(Duration.ZERO);
    }

    private static Upstream.Response response(int status, Map<String, String> headers) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return new Upstream.Response(status, HttpHeaders.of(multi, (a, b) -> true), new byte[0]);
    }

}
