package dev.weir.ingest.pull.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Metrics per connector: {@code weir.ingest.pages} (outcome fetched, skipped or
 * dead_lettered), {@code weir.ingest.records}, {@code weir.ingest.retries},
 * {@code weir.ingest.rate.limited} (429s), {@code weir.ingest.runs} (by status),
 * {@code weir.ingest.errors} (failed runs) and {@code weir.ingest.since.last.success}
 * (seconds since the last successful run, from the run history so every replica agrees;
 * NaN before the first).
 */
@Component
public class IngestMetrics {

    private static final Duration CACHE = Duration.ofSeconds(5);

    private final MeterRegistry registry;

    private final RunRepository history;

    private final Map<String, LastSuccess> lastSuccess = new ConcurrentHashMap<>();

    IngestMetrics(ObjectProvider<MeterRegistry> registry, RunRepository history) {
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
        this.history = history;
    }

    /** Registers a connector's gauge (idempotent). */
    public void watch(String connector) {
        this.lastSuccess.computeIfAbsent(connector, (name) -> {
            LastSuccess last = new LastSuccess(name);
            Gauge.builder("weir.ingest.since.last.success", last, LastSuccess::seconds)
                .description("Seconds since the connector's last successful run")
                .baseUnit("seconds")
                .tag("connector", name)
                .register(this.registry);
            return last;
        });
    }

    void pageDone(String connector, String stream, long records, long deadLetters) {
        pages(connector, stream, (deadLetters > 0 && records == 0) ? "dead_lettered" : "fetched").increment();
        Counter.builder("weir.ingest.records")
            .description("Records published to weir.raw.<dataset>")
            .tag("connector", connector)
            .tag("stream", stream)
            .register(this.registry)
            .increment(records);
    }

    void pageSkipped(String connector, String stream) {
        pages(connector, stream, "skipped").increment();
    }

    void runFinished(String connector, RunStatus status, RunCounts counts) {
        watch(connector);
        Counter.builder("weir.ingest.runs")
            .tag("connector", connector)
            .tag("status", status.label())
            .register(this.registry)
            .increment();
        Counter.builder("weir.ingest.retries")
            .description("Requests retried")
            .tag("connector", connector)
            .register(this.registry)
            .increment(counts.retries());
        Counter.builder("weir.ingest.rate.limited")
            .description("429 responses")
            .tag("connector", connector)
            .register(this.registry)
            .increment(counts.rateLimited());
        if (status == RunStatus.FAILED) {
            Counter.builder("weir.ingest.errors")
                .description("Runs that failed")
                .tag("connector", connector)
                .register(this.registry)
                .increment();
        }
        LastSuccess last = this.lastSuccess.get(connector);
        if (last != null) {
            last.forget();
        }
    }

    private Counter pages(String connector, String stream, String outcome) {
        return Counter.builder("weir.ingest.pages")
            .description("Pages by outcome")
            .tag("connector", connector)
            .tag("stream", stream)
            .tag("outcome", outcome)
            .register(this.registry);
    }

    /** The time of a connector's last success, read at most every few seconds. */
    private final class LastSuccess {

        private final String connector;

        private volatile Instant readAt = Instant.MIN;

        private volatile Instant value;

        LastSuccess(String connector) {
            this.connector = connector;
        }

        double seconds() {
            Instant now = Instant.now();
            if (this.readAt.plus(CACHE).isBefore(now)) {
                try {
                    this.value = IngestMetrics.this.history.lastSuccess(this.connector).orElse(null);
                    this.readAt = now;
                }
                catch (RuntimeException ex) {
                    return Double.NaN;
                }
            }
            Instant at = this.value;
            return (at != null) ? Duration.between(at, now).toMillis() / 1000.0 : Double.NaN;
        }

        void forget() {
            this.readAt = Instant.MIN;
        }

    }

}
