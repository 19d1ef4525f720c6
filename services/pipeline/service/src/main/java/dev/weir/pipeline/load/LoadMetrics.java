package dev.weir.pipeline.load;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import dev.weir.pipeline.spi.Table;
import dev.weir.pipeline.system.Datasets;

/**
 * The loader's metrics: {@code weir.pipeline.loaded.rows} by dataset, table and outcome;
 * {@code weir.pipeline.freshness} by dataset (event time to committed in the warehouse,
 * with percentiles); {@code weir.pipeline.load.failures}. Also the latest freshness per
 * dataset, for {@code /health}.
 */
@Component
public class LoadMetrics {

    private final MeterRegistry registry;

    private final Map<String, Freshness> freshness = new ConcurrentHashMap<>();

    LoadMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The latest loaded batch's freshness per dataset. */
    public Map<String, Freshness> freshness() {
        return Map.copyOf(this.freshness);
    }

    void loaded(LoadBatch batch, Map<Table, int[]> written, Datasets datasets) {
        Instant now = Instant.now();
        written.forEach((table, counts) -> {
            String dataset = datasets.datasetOf(table);
            rows(dataset, table, "inserted", counts[0]);
            rows(dataset, table, "updated", counts[1]);
            rows(dataset, table, "unchanged", counts[2]);
        });
        batch.datasets.forEach((dataset, load) -> {
            Timer timer = Timer.builder("weir.pipeline.freshness")
                .description("Event time to committed in the warehouse")
                .tag("dataset", dataset)
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(this.registry);
            long worst = 0;
            for (Instant eventTime : load.eventTimes) {
                long millis = Math.max(0, Duration.between(eventTime, now).toMillis());
                timer.record(Duration.ofMillis(millis));
                worst = Math.max(worst, millis);
            }
            this.freshness.put(dataset, new Freshness(now, load.maxEventTime, Duration.ofMillis(worst)));
        });
    }

    void failed() {
        Counter.builder("weir.pipeline.load.failures").register(this.registry).increment();
    }

    private void rows(String dataset, Table table, String outcome, int count) {
        if (count > 0) {
            Counter.builder("weir.pipeline.loaded.rows")
                .tag("dataset", dataset)
                .tag("table", table.name())
                .tag("outcome", outcome)
                .register(this.registry)
                .increment(count);
        }
    }

    /**
     * @param loadedAt when the batch committed
     * @param latestEventTime the newest event time in it
     * @param worst the largest event-time-to-committed of its rows
     */
    public record Freshness(Instant loadedAt, Instant latestEventTime, Duration worst) {
    }

}
