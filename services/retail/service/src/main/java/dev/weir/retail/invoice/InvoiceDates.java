package dev.weir.retail.invoice;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * The invoice dates a client may write, and what each means. Invoice dates are the shop's
 * own wall-clock time (as in the data set) and are stored without a zone:
 * <ul>
 * <li>{@code 2011-12-09T12:50:00} (seconds and fractions optional): that time on the
 * shop's clock;</li>
 * <li>{@code 2011-12-09}: the start of that day, {@code 00:00:00} on the shop's
 * clock;</li>
 * <li>{@code 2011-12-09T12:50:00Z} or {@code 2011-12-09T12:50:00+01:00}: that instant,
 * converted to the shop's time zone, {@link #SHOP_ZONE} (the UK retailer's).</li>
 * </ul>
 * Dates are read strictly ({@code 2011-02-30} is refused, not moved to March).
 */
final class InvoiceDates {

    /** The shop's time zone: an offset date-time is converted to it. */
    static final ZoneId SHOP_ZONE = ZoneId.of("Europe/London");

    /** An anchored pattern for the forms above (the OpenAPI document shows it). */
    static final String PATTERN = "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?)?$";

    /** What a client is told when a date cannot be read. */
    static final String EXPECTED = "must be an ISO-8601 date (2011-12-09) or date-time, with or without an offset "
            + "(2011-12-09T12:50:00, 2011-12-09T12:50:00Z, 2011-12-09T12:50:00+01:00)";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE
        .withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME
        .withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ISO_OFFSET_DATE_TIME
        .withResolverStyle(ResolverStyle.STRICT);

    private InvoiceDates() {
    }

    /**
     * The shop's local date-time a client's text means, or empty if it is none of the
     * forms.
     */
    static Optional<LocalDateTime> parse(String text) {
        if (!text.matches(PATTERN)) {
            return Optional.empty();
        }
        try {
            if (text.indexOf('T') < 0) {
                return Optional.of(LocalDate.parse(text, DATE).atStartOfDay());
            }
            if (text.endsWith("Z") || text.lastIndexOf('+') > 0 || text.lastIndexOf('-') > text.indexOf('T')) {
                return Optional.of(OffsetDateTime.parse(text, OFFSET).atZoneSameInstant(SHOP_ZONE).toLocalDateTime());
            }
            return Optional.of(LocalDateTime.parse(text, LOCAL));
        }
        catch (DateTimeParseException ex) {
            return Optional.empty();
        }
    }

}
