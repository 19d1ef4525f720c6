package dev.weir.retail.outbox;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * How far behind the relay is, cluster-wide (the table is shared): unpublished events,
 * and how long the oldest has waited. Read at most once a second, however often metrics
 * and health ask; a failed read answers NaN to the gauges.
 */
@Service
class OutboxBacklog {

    private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();

    private final OutboxRepository rows;

    private volatile Reading last;

    OutboxBacklog(OutboxRepository rows, ObjectProvider<MeterRegistry> meters) {
        this.rows = rows;
        meters.ifAvailable(this::register);
    }

    private void register(MeterRegistry registry) {
        Gauge.builder("weir.outbox.backlog", this, (backlog) -> backlog.orNaN(true))
            .description("Outbox events not yet published to Kafka")
            .baseUnit("events")
            .register(registry);
        Gauge.builder("weir.outbox.lag", this, (backlog) -> backlog.orNaN(false))
            .description("Seconds since the oldest unpublished outbox event was written (0 when none waits)")
            .baseUnit("seconds")
            .register(registry);
    }

    /** The backlog, read now or less than a second ago. */
    OutboxRepository.Backlog current() {
        Reading reading = this.last;
        if (reading == null || System.nanoTime() - reading.at() > FRESH_NANOS) {
            synchronized (this) {
                reading = this.last;
                if (reading == null || System.nanoTime() - reading.at() > FRESH_NANOS) {
                    reading = new Reading(this.rows.backlog(), System.nanoTime());
                    this.last = reading;
                }
            }
        }
        return reading.backlog();
    }

    private double orNaN(boolean events) {
        try {
            OutboxRepository.Backlog backlog = current();
            return events ? backlog.events() : backlog.lag().toNanos() / 1e9;
        }
        catch (RuntimeException ex) {
            return Double.NaN;
        }
    }

    private record Reading(OutboxRepository.Backlog backlog, long at) {
    }

}
