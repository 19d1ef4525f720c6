package dev.weir.edge.limit;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;

/**
 * A rate limit: {@code requests} per {@code period}, refilled smoothly (a limit of
 * {@code 60/min} allows a burst of 60, then one a second), written {@code 100/s},
 * {@code 6000/min} or {@code 50000/h}.
 *
 * @param requests how many calls
 * @param period in how long
 */
public record RatePlan(long requests, Duration period) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})\\s*/\\s*(s|sec|second|m|min|minute|h|hour)");

    /**
     * The plan {@code text} describes.
     * @throws WeirException (invalid, field {@code limit}) when it is not a plan
     */
    public static RatePlan parse(String text) {
        Matcher matcher = TEXT.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw WeirException.invalid(FieldError.body("limit",
                    "must be requests per period, such as 100/s, 6000/min or 50000/h, got '" + text + "'"));
        }
        Duration period = switch (matcher.group(2).charAt(0)) {
            case 's' -> Duration.ofSeconds(1);
            case 'm' -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
        return new RatePlan(Long.parseLong(matcher.group(1)), period);
    }

    /** As it is written: {@code 100/min}. */
    @Override
    public String toString() {
        String unit = this.period.equals(Duration.ofSeconds(1)) ? "s"
                : this.period.equals(Duration.ofMinutes(1)) ? "min" : "h";
        return this.requests + "/" + unit;
    }

}
