package dev.weir.retail.system;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Retail service's settings ({@code weir.retail.*}).
 *
 * @param defaultPageSize items per page of a list when the client gives no {@code limit}
 * @param maxPageSize the largest {@code limit} a client may ask for
 * @param lookupConcurrency how many queries for single customers (and, apart, single
 * invoices) run at once; concurrent lookups beyond that share a query (see
 * {@link CoalescingLookup})
 * @param lookupMaxBatch the most keys one shared lookup query asks for
 * @param outbox how the events of the Retail service are published
 */
@ConfigurationProperties("weir.retail")
@Validated
public record RetailProperties(@DefaultValue("50") @Min(1) int defaultPageSize,
        @DefaultValue("1000") @Min(1) @Max(10000) int maxPageSize,
        @DefaultValue("2") @Min(1) @Max(64) int lookupConcurrency,
        @DefaultValue("128") @Min(1) @Max(4096) int lookupMaxBatch, @DefaultValue @Valid Outbox outbox) {

    /** A lookup by key sized by these settings. */
    public <K, V> CoalescingLookup<K, V> lookup(
            java.util.function.Function<java.util.List<K>, java.util.Map<K, V>> query) {
        return new CoalescingLookup<>(query, this.lookupConcurrency, this.lookupMaxBatch);
    }

    /**
     * The outbox relay ({@code weir.retail.outbox.*}), which publishes the service's
     * events to Kafka topic {@code weir.events.retail}.
     *
     * @param pollInterval how often the relay looks for events when nothing woke it (a
     * commit in this process or a PostgreSQL notification from another one normally does
     * at once), and how often a standby relay tries to take over
     * @param batchSize the most events published (and then marked published) at once
     * @param retention how long published events stay in the outbox table before they are
     * deleted
     * @param retryBackoffMax the longest wait between attempts while Kafka is down (the
     * wait doubles from 100 ms up to this)
     */
    public record Outbox(@DefaultValue("500ms") @DurationMin(millis = 1) Duration pollInterval,
            @DefaultValue("500") @Min(1) @Max(5000) int batchSize,
            @DefaultValue("1h") @DurationMin(seconds = 1) Duration retention,
            @DefaultValue("30s") @DurationMin(millis = 100) Duration retryBackoffMax) {

    }

}
