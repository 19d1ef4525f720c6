package dev.weir.pipeline.clean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The clean stage's counters, as metrics: {@code weir.pipeline.clean.records} by dataset
 * and outcome (cleaned, dead_letter, duplicate, ignored),
 * {@code weir.pipeline.clean.rule} by dataset and rule, {@code weir.pipeline.clean.rows}.
 * Metrics count what a process did (a batch processed again after a crash counts again);
 * the exact counts are the tallies in the warehouse ({@code warehouse.pipeline_count}).
 */
@Component
class CleanMetrics {

    private final MeterRegistry registry;

    CleanMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void outcome(String dataset, String outcome) {
        Counter.builder("weir.pipeline.clean.records")
            .tag("dataset", dataset)
            .tag("outcome", outcome)
            .register(this.registry)
            .increment();
    }

    void rule(String dataset, String rule) {
        Counter.builder("weir.pipeline.clean.rule")
            .tag("dataset", dataset)
            .tag("rule", rule)
            .register(this.registry)
            .increment();
    }

    void rows(String dataset, int rows) {
        Counter.builder("weir.pipeline.clean.rows").tag("dataset", dataset).register(this.registry).increment(rows);
    }

}
