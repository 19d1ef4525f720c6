package dev.weir.testing.upstreams;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A {@code Retry-After} header value: a number of seconds ({@code Retry-After: 2}) or an
 * HTTP-date ({@code Retry-After: Fri, 21 Nov 2026 18:03:02 GMT}), both of which RFC 9110
 * allows and clients must read.
 */
public final class RetryAfter {

    /**
     * How an upstream writes the {@code Retry-After} of the 429s its rate limit answers.
     */
    public enum Format {

        /** Whole seconds, at least 1. */
        SECONDS,

        /** An IMF-fixdate in GMT, rounded up to the next whole second. */
        HTTP_DATE

    }

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
        .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
        .withZone(ZoneOffset.UTC);

    private final Format format;

    private final Duration wait;

    private RetryAfter(Format format, Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("Retry-After cannot be negative: " + wait);
        }
        this.format = format;
        this.wait = wait;
    }

    /** {@code Retry-After: <seconds>}. */
    public static RetryAfter seconds(long seconds) {
        return new RetryAfter(Format.SECONDS, Duration.ofSeconds(seconds));
    }

    /** {@code Retry-After: <HTTP-date>}, the date this long after the answer. */
    public static RetryAfter httpDate(Duration fromNow) {
        return new RetryAfter(Format.HTTP_DATE, fromNow);
    }

    /** The header value for an answer given at {@code now}. */
    String headerValue(Instant now) {
        return headerValue(this.format, this.wait, now);
    }

    static String headerValue(Format format, Duration wait, Instant now) {
        return switch (format) {
            case SECONDS -> Long.toString(Math.max(1, ceilSeconds(wait)));
            case HTTP_DATE -> HTTP_DATE.format(
                    Instant.ofEpochSecond(now.getEpochSecond() + ceilSeconds(wait) + ((now.getNano() > 0) ? 1 : 0)));
        };
    }

    private static long ceilSeconds(Duration wait) {
        return wait.getSeconds() + ((wait.getNano() > 0) ? 1 : 0);
    }

    @Override
    public String toString() {
        return "Retry-After " + this.format + " " + this.wait;
    }

}
