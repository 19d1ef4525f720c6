package dev.weir.pipeline.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.weir.platform.kafka.EventTimes;

/**
 * Reading values out of raw JSON the way cleaners need: absent, {@code null} and empty
 * text are all "no value" (null); numbers may come as text ({@code "51.5"}); a field may
 * have several names (a producer's choice), the first present wins.
 */
public final class JsonValues {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonValues() {
    }

    /** Parses JSON bytes. */
    public static JsonNode parse(byte[] json) {
        return JSON.readTree(json);
    }

    /** The node of the first of {@code names} present and not null, or null. */
    public static JsonNode field(JsonNode node, String... names) {
        if (node == null) {
            return null;
        }
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull() && !value.isMissingNode()) {
                return value;
            }
        }
        return null;
    }

    /** Text of a field (numbers and booleans as written), null when absent or blank. */
    public static String text(JsonNode node, String... names) {
        JsonNode value = field(node, names);
        if (value == null) {
            return null;
        }
        String text = value.isString() ? value.stringValue()
                : (value.isValueNode() ? value.asString() : value.toString());
        return (text == null || text.isBlank()) ? null : text.strip();
    }

    /**
     * A number (from a JSON number or numeric text), or null when absent or blank.
     * @throws NumberFormatException when it is text that is not a number
     */
    public static BigDecimal decimal(JsonNode node, String... names) {
        JsonNode value = field(node, names);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        String text = text(node, names);
        return (text != null) ? new BigDecimal(text) : null;
    }

    /** A number as a double, or null. */
    public static Double number(JsonNode node, String... names) {
        BigDecimal value = decimal(node, names);
        return (value != null) ? value.doubleValue() : null;
    }

    /** A whole number, or null; {@code 17850.0} is 17850. */
    public static Long whole(JsonNode node, String... names) {
        BigDecimal value = decimal(node, names);
        return (value != null) ? value.longValueExact() : null;
    }

    /** A boolean (JSON boolean, or text/number: true, false, 1, 0, yes, no), or null. */
    public static Boolean bool(JsonNode node, String... names) {
        JsonNode value = field(node, names);
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = text(node, names);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "y" -> true;
            case "false", "0", "no", "n" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + text);
        };
    }

    /**
     * An instant from ISO-8601 text (with an offset or {@code Z}; without one it is taken
     * as UTC; a space instead of {@code T} is accepted) or epoch seconds (a number, or
     * milliseconds when larger than 10^11), or null when absent.
     * @throws DateTimeParseException when it is text that is not a time
     */
    public static Instant instant(JsonNode node, String... names) {
        JsonNode value = field(node, names);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return epoch(value.decimalValue());
        }
        String text = text(node, names);
        if (text == null) {
            return null;
        }
        return instant(text);
    }

    /** An instant from text, as {@link #instant(JsonNode, String...)}. */
    public static Instant instant(String text) {
        if (text.chars().allMatch((c) -> Character.isDigit(c) || c == '.')) {
            return epoch(new BigDecimal(text));
        }
        String iso = (text.length() > 10 && text.charAt(10) == ' ') ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        Instant utc = EventTimes.rfc3339(iso);
        if (utc != null) {
            return utc;
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        }
        catch (DateTimeParseException ex) {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        }
    }

    /** A local date-time (no zone) from ISO text, or null. */
    public static LocalDateTime localDateTime(JsonNode node, String... names) {
        String text = text(node, names);
        if (text == null) {
            return null;
        }
        String iso = (text.length() > 10 && text.charAt(10) == ' ') ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        return LocalDateTime.parse(iso);
    }

    /** The {@code dim_date} key of a date: {@code yyyymmdd}. */
    public static int dateKey(LocalDate date) {
        return date.getYear() * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    private static Instant epoch(BigDecimal seconds) {
        if (seconds.compareTo(BigDecimal.valueOf(100_000_000_000L)) > 0) {
            return Instant.ofEpochMilli(seconds.longValue());
        }
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

}
