package dev.weir.analytics.system;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;

/**
 * Query parameters checked one by one, each failure a problem naming the parameter:
 * dates, months, instants, ranges (a {@code to} before its {@code from}), numbers in
 * bounds and choices.
 */
public final class Params {

    private Params() {
    }

    /** A date {@code yyyy-MM-dd}, or null when absent. */
    public static LocalDate date(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        }
        catch (DateTimeParseException ex) {
            throw invalid(name, "must be a date yyyy-MM-dd, got '" + value + "'");
        }
    }

    /** A month {@code yyyy-MM}, or null when absent. */
    public static YearMonth month(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return YearMonth.parse(value);
        }
        catch (DateTimeParseException ex) {
            throw invalid(name, "must be a month yyyy-MM, got '" + value + "'");
        }
    }

    /**
     * An instant: ISO-8601 with an offset ({@code 2024-01-01T00:00:00Z}) or a date (its
     * start, UTC), or null when absent.
     */
    public static OffsetDateTime instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        }
        catch (DateTimeParseException ex) {
            try {
                return LocalDate.parse(value).atStartOfDay().atOffset(java.time.ZoneOffset.UTC);
            }
            catch (DateTimeParseException again) {
                throw invalid(name,
                        "must be a date-time with an offset (2024-01-01T00:00:00Z) or a date (2024-01-01), got '"
                                + value + "'");
            }
        }
    }

    /** Checks that {@code to} is not before {@code from} (either may be absent). */
    public static <T extends Comparable<? super T>> void range(String fromName, T from, String toName, T to) {
        if (from != null && to != null && to.compareTo(from) < 0) {
            throw invalid(toName, "must not be before " + fromName + " (" + from + "), got " + to);
        }
    }

    /** A number in {@code [min, max]}, or the default when absent. */
    public static double number(String name, String value, double min, double max, Double defaultValue) {
        if (value == null || value.isEmpty()) {
            if (defaultValue == null) {
                throw invalid(name, "is required");
            }
            return defaultValue;
        }
        double number;
        try {
            number = Double.parseDouble(value);
        }
        catch (NumberFormatException ex) {
            throw invalid(name, "must be a number, got '" + value + "'");
        }
        if (!(number >= min && number <= max)) {
            throw invalid(name, "must be between " + format(min) + " and " + format(max) + ", got " + value);
        }
        return number;
    }

    /** A whole number in {@code [min, max]}, or the default when absent. */
    public static int integer(String name, String value, int min, int max, int defaultValue) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        int number;
        try {
            number = Integer.parseInt(value);
        }
        catch (NumberFormatException ex) {
            throw invalid(name, "must be a whole number, got '" + value + "'");
        }
        if (number < min || number > max) {
            throw invalid(name, "must be between " + min + " and " + max + ", got " + value);
        }
        return number;
    }

    /** One of {@code choices} (case-insensitive), or the first choice when absent. */
    public static String choice(String name, String value, String... choices) {
        if (value == null || value.isEmpty()) {
            return choices[0];
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (!Arrays.asList(choices).contains(lower)) {
            throw invalid(name, "must be one of " + List.of(choices) + ", got '" + value + "'");
        }
        return lower;
    }

    /** Text that must be present and not blank. */
    public static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(name, "is required");
        }
        return value;
    }

    /** A page size: the default when absent, else between 1 and the largest page. */
    public static int limit(String value, AnalyticsProperties.Pages pages) {
        return integer("limit", value, 1, pages.maxSize(), pages.defaultSize());
    }

    public static WeirException invalid(String name, String detail) {
        return WeirException.invalid(new FieldError(name, "query", detail));
    }

    private static String format(double value) {
        return (value == Math.rint(value)) ? Long.toString((long) value) : Double.toString(value);
    }

}
