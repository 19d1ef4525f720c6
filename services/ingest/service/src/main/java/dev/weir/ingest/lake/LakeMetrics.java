package dev.weir.ingest.lake;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The lake writer's metrics: {@code weir.lake.rows} and {@code weir.lake.files} per
 * dataset, {@code weir.lake.cycle.time} (writing a cycle's files and committing), and
 * {@code weir.lake.lag} (records on its topics not yet in the lake, as of the last
 * cycle).
 */
@Component
class LakeMetrics {

    private final MeterRegistry registry;

    private final Timer cycleTime;

    LakeMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
        this.cycleTime = Timer.builder("weir.lake.cycle.time")
            .description("Writing a cycle's Parquet files and committing its offsets")
            .register(this.registry);
    }

    void watchLag(AtomicLong lag) {
        Gauge.builder("weir.lake.lag", lag, AtomicLong::get)
            .description("Records on weir.raw.* not yet in the lake, as of the last cycle")
            .register(this.registry);
    }

    void cycle(Staging.Written written, long nanos) {
        this.cycleTime.record(nanos, TimeUnit.NANOSECONDS);
        written.rowsByDataset()
            .forEach((dataset, rows) -> Counter.builder("weir.lake.rows")
                .description("Rows written to the lake")
                .tag("dataset", dataset)
                .register(this.registry)
                .increment(rows));
        for (String file : written.files()) {
            Counter.builder("weir.lake.files")
                .description("Parquet files written to the lake")
                .tag("dataset", file.substring(0, file.indexOf('/')))
                .register(this.registry)
                .increment();
        }
    }

}
