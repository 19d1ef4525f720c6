package dev.weir.ingest.pull.http;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import dev.weir.ingest.pull.definition.ConnectorConfig;
import dev.weir.ingest.pull.spi.TokenException;

/**
 * Which failures of a GET are worth another attempt, and when. Retriable: I/O errors,
 * timeouts, connection resets, 5xx, 408 and 429. A 429 or 503 with {@code Retry-After}
 * (seconds or an HTTP date) waits as asked, up to {@code max_retry_after}; otherwise the
 * wait is exponential with full jitter: random between zero and
 * {@code min(max_backoff, initial_backoff * 2^(retry - 1))}. Everything else (401, 403,
 * 404 and other 4xx) is permanent. Attempts are capped at {@code max_attempts}. Only GETs
 * go through this policy: token POSTs are never retried.
 */
public final class RetryPolicy {

    private final ConnectorConfig.Retry config;

    private final Clock clock;

    private final DoubleSupplier random;

    RetryPolicy(ConnectorConfig.Retry config, Clock clock) {
        this(config, clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    RetryPolicy(ConnectorConfig.Retry config, Clock clock, DoubleSupplier random) {
        this.config = config;
        this.clock = clock;
        this.random = random;
    }

    /** A Resilience4j retry for one run, named after the connector. */
    Retry retry(String name) {
        IntervalBiFunction<Upstream.Response> interval = (attempt, outcome) -> {
            if (outcome.isRight()) {
                Optional<Duration> asked = retryAfter(outcome.get());
                if (asked.isPresent()) {
                    return asked.get().toMillis();
                }
            }
            return backoff(attempt).toMillis();
        };
        return Retry.of(name,
                RetryConfig.<Upstream.Response>custom()
                    .maxAttempts(this.config.maxAttempts())
                    .retryOnResult(this::retriable)
                    .retryOnException(RetryPolicy::retriable)
                    .intervalBiFunction(interval)
                    .failAfterMaxAttempts(false)
                    .build());
    }

    /** Whether a response is worth another attempt. */
    boolean retriable(Upstream.Response response) {
        return retriableStatus(response.status()) && !waitTooLong(response);
    }

    /** Whether the upstream asks for a longer wait than {@code max_retry_after}. */
    boolean waitTooLong(Upstream.Response response) {
        return retryAfter(response).map((wait) -> wait.compareTo(this.config.maxRetryAfter()) > 0).orElse(false);
    }

    /**
     * Why a last answer that is not a 2xx was not retried (again): the same rules as
     * {@link #retriable(Upstream.Response)}, so the reason given is the reason acted on.
     */
    Refusal refusal(Upstream.Response response) {
        if (!retriableStatus(response.status())) {
            return Refusal.PERMANENT;
        }
        return waitTooLong(response) ? Refusal.WAIT_TOO_LONG : Refusal.ATTEMPTS_EXHAUSTED;
    }

    /** Why an answer was the last. */
    public enum Refusal {

        /** A status never retried: 4xx other than 408 and 429. */
        PERMANENT,

        /**
         * Retriable, but the upstream asked to wait longer than {@code max_retry_after}.
         */
        WAIT_TOO_LONG,

        /** Retriable, still so after {@code max_attempts}. */
        ATTEMPTS_EXHAUSTED

    }

    static boolean retriableStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    static boolean retriable(Throwable failure) {
        return failure instanceof IOException && !(failure instanceof TokenException);
    }

    /**
     * The wait before retry number {@code retry} (1 for the first) without Retry-After.
     */
    Duration backoff(int retry) {
        long cap = this.config.initialBackoff().toMillis() << Math.min(Math.max(retry - 1, 0), 30);
        cap = Math.min(Math.max(cap, 0), this.config.maxBackoff().toMillis());
        return Duration.ofMillis((long) (this.random.getAsDouble() * cap));
    }

    /**
     * The wait a 429 or 503 asks for in {@code Retry-After}: delay-seconds or an HTTP
     * date (RFC 9110 section 10.2.3); a date in the past is no wait.
     */
    Optional<Duration> retryAfter(Upstream.Response response) {
        if (response.status() != 429 && response.status() != 503) {
            return Optional.empty();
        }
        return response.headers().firstValue("Retry-After").flatMap(this::parseRetryAfter);
    }

    Optional<Duration> parseRetryAfter(String value) {
        String text = value.strip();
        if (text.matches("[0-9]{1,10}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(this.clock.instant(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        }
        catch (DateTimeParseException ex) {
            return Optional.empty();
        }
    }

}
