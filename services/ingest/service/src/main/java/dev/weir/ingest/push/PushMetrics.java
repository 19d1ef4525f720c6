package dev.weir.ingest.push;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Metrics per stream: {@code weir.push.events} (outcome accepted or rejected, and the
 * reason: schema, too_large, not_an_event), {@code weir.push.requests} (by outcome:
 * accepted, replayed, invalid, malformed, too_large, not_stored, conflict),
 * {@code weir.push.batch.size} (events per request) and {@code weir.push.ack.time} (from
 * the first send to the last acknowledgement).
 */
@Component
class PushMetrics {

    private final MeterRegistry registry;

    private final Map<String, Meters> byStream = new ConcurrentHashMap<>();

    PushMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
    }

    void accepted(String stream, int events, long ackNanos) {
        Meters meters = meters(stream);
        meters.accepted.increment(events);
        meters.batchSize.record(events);
        meters.ackTime.record(ackNanos, TimeUnit.NANOSECONDS);
    }

    void rejected(String stream, String reason, int events) {
        if (events > 0) {
            Counter.builder("weir.push.events")
                .description("Pushed events, by outcome")
                .tag("stream", stream)
                .tag("outcome", "rejected")
                .tag("reason", reason)
                .register(this.registry)
                .increment(events);
        }
    }

    void request(String stream, String outcome) {
        Counter.builder("weir.push.requests")
            .description("Push requests, by outcome")
            .tag("stream", stream)
            .tag("outcome", outcome)
            .register(this.registry)
            .increment();
    }

    private Meters meters(String stream) {
        return this.byStream.computeIfAbsent(stream,
                (name) -> new Meters(
                        Counter.builder("weir.push.events")
                            .description("Pushed events, by outcome")
                            .tag("stream", name)
                            .tag("outcome", "accepted")
                            .tag("reason", "none")
                            .register(this.registry),
                        DistributionSummary.builder("weir.push.batch.size")
                            .description("Events per accepted request")
                            .tag("stream", name)
                            .publishPercentiles(0.5, 0.99)
                            .register(this.registry),
                        Timer.builder("weir.push.ack.time")
                            .description("From handing a request's events to Kafka to the last acknowledgement")
                            .tag("stream", name)
                            .publishPercentiles(0.5, 0.99)
                            .register(this.registry)));
    }

    private record Meters(Counter accepted, DistributionSummary batchSize, Timer ackTime) {
    }

}
