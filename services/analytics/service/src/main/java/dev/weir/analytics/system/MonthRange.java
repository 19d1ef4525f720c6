package dev.weir.analytics.system;

import java.time.YearMonth;

import io.swagger.v3.oas.annotations.Parameter;

/**
 * The query parameters {@code from} and {@code to} of a range of months (both included,
 * both optional), as the client sent them; bound with {@code @ParameterObject}. An
 * endpoint gives its own examples with a method-level {@code @Parameter(name = "from",
 * example = ...)}.
 *
 * @param from the first month, {@code yyyy-MM}
 * @param to the last month, {@code yyyy-MM}
 */
public record MonthRange(@Parameter(description = "First month, yyyy-MM") String from,
        @Parameter(description = "Last month, yyyy-MM") String to) {

    /**
     * The months, read and checked one parameter after the other.
     * @throws dev.weir.platform.error.WeirException a validation problem naming the
     * parameter: not a month, or {@code to} before {@code from}
     */
    public Range<YearMonth> months() {
        return Range.read(this.from, this.to, Params::month);
    }

}
