package dev.weir.analytics.system;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The position after the last item of a keyset-paginated page, as an opaque URL-safe
 * token ({@code after}): the values of the sort key's columns, in order. A token holds
 * only what a page of this service can end at: UTF-8 text without NUL (PostgreSQL text
 * cannot hold it) and numbers as the service writes them; anything else is refused as a
 * problem naming {@code after} before it reaches a query.
 */
public final class Cursor {

    private static final char SEPARATOR = '\u001f';

    private static final String NOT_A_POSITION = "is not a position of this list: use the 'next' link of the previous page";

    /** A decimal as {@link BigDecimal#toPlainString()} and whole numbers write it. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]{1,40}(\\.[0-9]{1,40})?");

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
     * the token was not made by this service for this list: not base64url, not UTF-8,
     * holding NUL, or not {@code parts} values
     */
    public static List<String> parse(String token, int parts) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(token)))
                .toString();
            List<String> values = List.of(text.split(String.valueOf(SEPARATOR), -1));
            if (values.size() == parts && text.indexOf('\u0000') < 0) {
                return values;
            }
        }
        catch (IllegalArgumentException | CharacterCodingException ex) {
            // not base64url or not UTF-8: fall through
        }
        throw Params.invalid("after", NOT_A_POSITION);
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
        throw Params.invalid("after", NOT_A_POSITION);
    }

    /**
     * A decimal of a parsed position, written as the service writes one (no exponent, so
     * none beyond what PostgreSQL's numeric holds), as a problem naming {@code after}
     * when it is not.
     */
    public static BigDecimal decimal(String value) {
        if (!PLAIN_DECIMAL.matcher(value).matches()) {
            throw Params.invalid("after", NOT_A_POSITION);
        }
        return new BigDecimal(value);
    }

}
