package dev.weir.retail.outbox;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code outbox} in {@code /health}: the backlog, the lag, what this process's relay does
 * and its last publishing error.
 * <p>
 * It stays UP while Kafka is down or the relay lags, however far: the service still takes
 * every write and loses no event, and a DOWN here would make {@code /health} answer 503,
 * so a load balancer or orchestrator would stop the writes or restart the service, which
 * fixes nothing in Kafka and turns its outage into one of the Retail API. Alert on the
 * {@code weir.outbox.lag} metric instead. It is DOWN only when the outbox cannot be read
 * (the database is unreachable), when writes fail anyway.
 */
@Component
class OutboxHealthIndicator implements HealthIndicator {

    private final OutboxBacklog backlog;

    private final OutboxRelay relay;

    OutboxHealthIndicator(OutboxBacklog backlog, OutboxRelay relay) {
        this.backlog = backlog;
        this.relay = relay;
    }

    @Override
    public Health health() {
        RelayState state = this.relay.state();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("topic", OutboxRelay.TOPIC);
        details.put("relay", state.role().name().toLowerCase(java.util.Locale.ROOT));
        if (state.lastPublishedAt() != null) {
            details.put("last_published_at", state.lastPublishedAt().toString());
        }
        if (state.lastError() != null) {
            details.put("last_error", state.lastError());
            details.put("last_error_at", state.lastErrorAt().toString());
        }
        try {
            OutboxRepository.Backlog current = this.backlog.current();
            details.put("backlog", current.events());
            details.put("lag_seconds", current.lag().toMillis() / 1000.0);
            return Health.up().withDetails(details).build();
        }
        catch (RuntimeException ex) {
            return Health.down(ex).withDetails(details).build();
        }
    }

}
