package dev.weir.ingest.push;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import dev.weir.platform.kafka.EventTimes;
import tools.jackson.databind.JsonNode;

/**
 * Reads an event's time field: RFC 3339 text with an offset
 * ({@code 2017-07-17T08:01:02Z}, {@code ...+02:00}), or a number of seconds (below 10^11)
 * or milliseconds since the epoch, as GBFS feeds write {@code last_reported}.
 */
final class EventTime {

    private static final long MILLIS_FROM = 100_000_000_000L;

    /** 0001-01-01 to 9999-12-31: what Parquet timestamps and every reader take. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private EventTime() {
    }

    /** The time, or null if the value is not one. */
    static Instant of(JsonNode value) {
        Instant time = null;
        if (value == null) {
            return null;
        }
        if (value.isString()) {
            String text = value.asString();
            time = EventTimes.rfc3339(text);
            if (time == null) {
                try {
                    time = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                }
                catch (DateTimeParseException ex) {
                    return null;
                }
            }
        }
        else if (value.isNumber()) {
            BigDecimal number = value.decimalValue();
            if (number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1000)) > 0) {
                return null;
            }
            long whole = number.longValue();
            time = (Math.abs(whole) < MILLIS_FROM) ? Instant.ofEpochMilli(number.movePointRight(3).longValue())
                    : Instant.ofEpochMilli(whole);
        }
        return (time != null && !time.isBefore(EARLIEST) && !time.isAfter(LATEST)) ? time : null;
    }

}
