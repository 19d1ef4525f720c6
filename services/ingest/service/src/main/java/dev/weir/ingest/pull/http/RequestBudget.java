package dev.weir.ingest.pull.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import dev.weir.ingest.pull.definition.ConnectorConfig;

/**
 * How hard a run presses its upstream: a token bucket (requests per second) and a
 * semaphore (requests in flight). The bucket holds one token, refilled every
 * {@code 1 / requests_per_second} seconds, so requests are spaced evenly and never burst:
 * a run whose budget is at or below the upstream's limit sees no 429. One budget per run;
 * a connector runs on one replica at a time (its lock), so the budget is the connector's.
 */
final class RequestBudget {

    private final Bucket bucket;

    private final Semaphore inFlight;

    RequestBudget(ConnectorConfig.Budget budget) {
        long nanos = Math.max(1, Math.round(1e9 / budget.requestsPerSecond()));
        this.bucket = Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofNanos(nanos)).initialTokens(1).build())
            .build();
        this.inFlight = new Semaphore(budget.concurrency(), true);
    }

    /** Runs a request when the budget allows it. */
    <T> T spend(Request<T> request) throws java.io.IOException, InterruptedException {
        this.inFlight.acquire();
        try {
            this.bucket.asBlocking().consume(1);
            return request.send();
        }
        finally {
            this.inFlight.release();
        }
    }

    /** A request to send within the budget. */
    @FunctionalInterface
    interface Request<T> {

        T send() throws java.io.IOException, InterruptedException;

    }

}
