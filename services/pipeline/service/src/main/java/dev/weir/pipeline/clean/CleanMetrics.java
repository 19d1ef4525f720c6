package dev.weir.pipeline.clean;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * Counters by dataset and name: the clean stage counts several times per record, and
     * building a meter's id and looking it up in the registry each time showed in its
     * profile.
     */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    CleanMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void outcome(String dataset, String outcome) {
        this.counters
            .computeIfAbsent("records\u0000" + dataset + "\u0000" + outcome,
                    (k) -> Counter.builder("weir.pipeline.clean.records")
                        .tag("dataset", dataset)
                        .tag("outcome", outcome)
                        .register(this.registry))
            .increment();
    }

    void rule(String dataset, String rule) {
        this.counters
            .computeIfAbsent("rule\u0000" + dataset + "\u0000" + rule,
                    (k) -> Counter.builder("weir.pipeline.clean.rule")
                        .tag("dataset", dataset)
                        .tag("rule", rule)
                        .register(this.registry))
            .increment();
    }

    void rows(String dataset, int rows) {
        this.counters
            .computeIfAbsent("rows\u0000" + dataset,
                    (k) -> Counter.builder("weir.pipeline.clean.rows").tag("dataset", dataset).register(this.registry))
            .increment(rows);
    }

}
