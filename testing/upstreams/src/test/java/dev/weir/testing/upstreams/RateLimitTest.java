package dev.weir.testing.upstreams;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rate limits on a made-up clock: exact, no sleeping. */
class RateLimitTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void tokenBucketAdmitsEveryRequestAtTheRateEvenWithJitter() {
        RateLimit.Limiter limiter = RateLimit.perSecond(20).newLimiter();
        long interval = SECOND / 20;
        for (int i = 0; i < 20 * 60; i++) {
            // +-20 % jitter on each arrival, the average rate exactly 20/s
            long jitter = ((i % 2 == 0) ? 1 : -1) * interval / 5;
            assertThat(limiter.acquire(i * interval + jitter)).as("request %d", i).isZero();
        }
    }

    @Test
    void tokenBucketRefusesAboveTheRateOnceTheBurstIsSpent() {
        RateLimit.Limiter limiter = RateLimit.perSecond(20).newLimiter();
        long interval = SECOND / 30;
        int refused = 0;
        for (int i = 0; i < 30 * 10; i++) {
            if (!limiter.acquire(i * interval).isZero()) {
                refused++;
            }
        }
        // 10 s at 30/s against 20/s with a burst of 20: about 300 - (200 + 20) refused
        assertThat(refused).isBetween(75, 85);
    }

    @Test
    void tokenBucketSaysHowLongUntilTheNextToken() {
        RateLimit.Limiter limiter = RateLimit.tokenBucket(2, 1).newLimiter();
        assertThat(limiter.acquire(0)).isZero();
        assertThat(limiter.acquire(SECOND / 4)).isEqualTo(Duration.ofMillis(250));
        assertThat(limiter.acquire(SECOND / 2)).isZero();
    }

    @Test
    void slidingWindowAdmitsRPerSecondAndRefusesTheNext() {
        RateLimit.Limiter limiter = RateLimit.slidingWindow(5).newLimiter();
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire(i * 10_000_000L)).isZero();
        }
        assertThat(limiter.acquire(100_000_000L)).isEqualTo(Duration.ofMillis(900));
        assertThat(limiter.acquire(SECOND)).isZero();
    }

    @Test
    void retryAfterIsWholeSecondsOrAnHttpDate() {
        java.time.Instant now = java.time.Instant.parse("2026-11-21T18:03:00.250Z");
        assertThat(RetryAfter.headerValue(RetryAfter.Format.SECONDS, Duration.ofMillis(20), now)).isEqualTo("1");
        assertThat(RetryAfter.headerValue(RetryAfter.Format.SECONDS, Duration.ofMillis(2100), now)).isEqualTo("3");
        assertThat(RetryAfter.headerValue(RetryAfter.Format.HTTP_DATE, Duration.ofSeconds(2), now))
            .isEqualTo("Sat, 21 Nov 2026 18:03:03 GMT");
    }

}
