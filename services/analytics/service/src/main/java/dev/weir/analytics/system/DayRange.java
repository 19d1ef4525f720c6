package dev.weir.analytics.system;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Parameter;

/**
 * The query parameters {@code from} and {@code to} of a range of days (both included,
 * both optional), as the client sent them; bound with {@code @ParameterObject}. An
 * endpoint gives its own examples with a method-level {@code @Parameter(name = "from",
 * example = ...)}.
 *
 * @param from the first day, {@code yyyy-MM-dd}
 * @param to the last day, {@code yyyy-MM-dd}
 */
public record DayRange(@Parameter(description = "First day, yyyy-MM-dd") String from,
        @Parameter(description = "Last day, yyyy-MM-dd") String to) {

    /**
     * The days, read and checked one parameter after the other.
     * @throws dev.weir.platform.error.WeirException a validation problem naming the
     * parameter: not a date, or {@code to} before {@code from}
     */
    public Range<LocalDate> days() {
        return Range.read(this.from, this.to, Params::date);
    }

}
