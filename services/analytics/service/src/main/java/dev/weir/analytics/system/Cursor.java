package dev.weir.analytics.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The position after the last item of a keyset-paginated page, as an opaque URL-safe
 * token ({@code after}): the values of the sort key's columns, in order.
 */
public final class Cursor {

    private static final char SEPARATOR = '\u001f';

    private Cursor() {
    }

    /** The token for a position. */
    public static String of(Object... values) {
        StringBuilder text = new StringBuilder();
        for (Object value : values) {
            if (!text.isEmpty()) {
                text.append(SEPARATOR);
            }
            text.append(value);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position in a token, or null when there is none.
     * @param parts how many values the token must hold
     * @throws dev.weir.platform.error.WeirException a problem naming {@code after} when
     * the token was not made by this service for this list
     */
    public static List<String> parse(String token, int parts) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            List<String> values = List.of(text.split(String.valueOf(SEPARATOR), -1));
            if (values.size() == parts) {
                return values;
            }
        }
        catch (IllegalArgumentException ex) {
            // not base64: fall through
        }
        throw Params.invalid("after", "is not a position of this list: use the 'next' link of the previous page");
    }

    /**
     * A finite number of a parsed position, as a problem naming {@code after} when it is
     * not.
     */
    public static double number(String value) {
        try {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number)) {
                return number;
            }
        }
        catch (NumberFormatException ex) {
            // fall through
        }
        throw Params.invalid("after", "is not a position of this list: use the 'next' link of the previous page");
    }

    /**
     * A decimal of a parsed position, as a problem naming {@code after} when it is not.
     */
    public static java.math.BigDecimal decimal(String value) {
        try {
            return new java.math.BigDecimal(value);
        }
        catch (NumberFormatException ex) {
            throw Params.invalid("after", "is not a position of this list: use the 'next' link of the previous page");
        }
    }

}
