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
 */
@ConfigurationProperties("weir.retail")
@Validated
public record RetailProperties(@DefaultValue("50") @Min(1) int defaultPageSize,
        @DefaultValue("1000") @Min(1) @Max(10000) int maxPageSize) {
}
