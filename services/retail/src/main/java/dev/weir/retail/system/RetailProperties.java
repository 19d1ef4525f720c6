package dev.weir.retail.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

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
 */
@ConfigurationProperties("weir.retail")
@Validated
public record RetailProperties(@DefaultValue("50") @Min(1) int defaultPageSize,
        @DefaultValue("1000") @Min(1) @Max(10000) int maxPageSize,
        @DefaultValue("2") @Min(1) @Max(64) int lookupConcurrency,
        @DefaultValue("128") @Min(1) @Max(4096) int lookupMaxBatch) {

    /** A lookup by key sized by these settings. */
    public <K, V> CoalescingLookup<K, V> lookup(
            java.util.function.Function<java.util.List<K>, java.util.Map<K, V>> query) {
        return new CoalescingLookup<>(query, this.lookupConcurrency, this.lookupMaxBatch);
    }

}
