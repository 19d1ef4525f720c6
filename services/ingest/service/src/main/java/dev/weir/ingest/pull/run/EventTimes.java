package dev.weir.ingest.pull.run;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import tools.jackson.databind.JsonNode;

/**
 * A record's own time, read from its {@code time_field}: an ISO-8601 instant or date-time
 * with an offset; a local date-time or date, taken as UTC (what APIs asked for UTC
 * answer, e.g. Open-Meteo's {@code time} with {@code timezone=UTC}); or a number of
 * seconds since the epoch (milliseconds when it is too large to be seconds).
 */
final class EventTimes {

    /** Epoch seconds above this are read as milliseconds (the year 5138 in seconds). */
    private static final long LARGEST_SECONDS = 100_000_000_000L;

    private EventTimes() {
    }

    /** The time the value holds, or null when it holds none. */
    static Instant parse(JsonNode value) {
        if (value == null || value.isNull() || !value.isValueNode()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            long number = value.asLong();
            return (Math.abs(number) < LARGEST_SECONDS) ? Instant.ofEpochSecond(number) : Instant.ofEpochMilli(number);
        }
        if (!value.isString()) {
            return null;
        }
        String text = value.asString().strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        }
        catch (DateTimeParseException ex) {
            // not with an offset: local
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
        catch (DateTimeParseException ex) {
            // not a date-time: a date
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

}
