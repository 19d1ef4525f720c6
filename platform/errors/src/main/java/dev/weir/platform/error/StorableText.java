package dev.weir.platform.error;

/**
 * The one rule for text a Weir service takes from a client, on every transport: it must
 * not hold a NUL character (U+0000), which PostgreSQL's text types cannot store, nor a
 * lone surrogate, which is not a character and would be replaced by {@code ?} when
 * written as UTF-8. A value that breaks it is the client's error (422 /
 * {@code INVALID_ARGUMENT}), never a failure of the database.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Why the text cannot be taken, or null when it can (and for null). */
    public static String problem(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            }
            else if (Character.isSurrogate(c)) {
                return "must not contain a lone surrogate (U+"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + ")";
            }
        }
        return null;
    }

}
