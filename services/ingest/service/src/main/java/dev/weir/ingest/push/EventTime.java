package dev.weir.ingest.push;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

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
            time = rfc3339(text);
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

    /**
     * The instant of the one form nearly every client sends,
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|+HH:MM|-HH:MM)} with upper case {@code T} and
     * {@code Z}, a year from 0001, seconds below 60 and an offset within 18 hours, read
     * without {@link DateTimeFormatter} (which costs several times as much per event).
     * Such a text is a valid RFC 3339 date-time, and {@code OffsetDateTime.parse} gives
     * it the same instant. Null for anything else (another form, a leap second, a day the
     * month does not have): the caller then asks the general parser.
     */
    static Instant rfc3339(String text) {
        int length = text.length();
        if (length < 20 || length > 35 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int from = ++at;
            while (at < length && at - from < 10 && isDigit(text.charAt(at))) {
                at++;
            }
            int count = at - from;
            if (count < 1 || count > 9) {
                return null;
            }
            nanos = digits(text, from, count);
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (at == length - 1 && text.charAt(at) == 'Z') {
            offsetSeconds = 0;
        }
        else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
            int offsetHours = digits(text, at + 1, 2);
            int offsetMinutes = digits(text, at + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59
                    || offsetHours * 60 + offsetMinutes > 18 * 60) {
                return null;
            }
            offsetSeconds = ((text.charAt(at) == '-') ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        }
        else {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> Year.isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The number the digits at {@code from} write, or -1 if one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

}
