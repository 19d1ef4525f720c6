package dev.weir.platform.kafka;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.format.DateTimeParseException;

/**
 * Reads event times. {@link Instant#parse} goes through a general
 * {@code DateTimeFormatter}, which was a fifth of the pipeline loader's reading time and
 * a tenth of the clean stage's, and {@code OffsetDateTime.parse} a large part of a pushed
 * event's cost. The form Weir writes ({@link Instant#toString()}) and nearly every client
 * sends ({@link #rfc3339}) is read directly, anything else by the general parser.
 */
public final class EventTimes {

    private EventTimes() {
    }

    /**
     * The instant, as {@link Instant#parse} reads it.
     * @throws DateTimeParseException when the text is not one
     */
    public static Instant parse(String text) {
        Instant fast = rfc3339(text);
        return (fast != null) ? fast : Instant.parse(text);
    }

    /**
     * The instant of the one form nearly every client sends,
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|+HH:MM|-HH:MM)} with upper case {@code T} and
     * {@code Z}, a year from 0001, seconds below 60 and an offset within 18 hours, read
     * without {@code DateTimeFormatter} (which costs several times as much per event).
     * Such a text is a valid RFC 3339 date-time, and {@code OffsetDateTime.parse} gives
     * it the same instant. Null for anything else (another form, a leap second, a day the
     * month does not have): the caller then asks the general parser.
     */
    public static Instant rfc3339(String text) {
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
