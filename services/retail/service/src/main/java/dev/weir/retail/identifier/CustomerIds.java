package dev.weir.retail.identifier;

/**
 * Customer ids: how a client may write one, and its canonical form. REST and gRPC
 * requests are checked against {@link #PATTERN} and {@link #MAX_LENGTH}; the service and
 * the bulk importer store and look up {@link #canonical} ids only.
 */
public final class CustomerIds {

    /** What a client may send as a customer id (before {@link #canonical}). */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";

    /** What a client is told when an id does not match {@link #PATTERN}. */
    public static final String PATTERN_MESSAGE = "must be letters, digits, '.', '_' or '-'";

    /** The longest customer id a client may send. */
    public static final int MAX_LENGTH = 64;

    private CustomerIds() {
    }

    /**
     * The canonical form of a customer id: surrounding blanks removed, and a number
     * written as a float ({@code 17850.0}, as spreadsheet exports do) written as the
     * integer it is ({@code 17850}). Returns {@code null} for a missing or blank id.
     */
    public static String canonical(String id) {
        if (id == null) {
            return null;
        }
        String value = id.strip();
        if (value.isEmpty()) {
            return null;
        }
        int dot = value.indexOf('.');
        if (dot > 0 && isDigits(value, 0, dot) && isZeros(value, dot + 1)) {
            return value.substring(0, dot);
        }
        return value;
    }

    private static boolean isDigits(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZeros(String value, int from) {
        if (from >= value.length()) {
            return false;
        }
        for (int i = from; i < value.length(); i++) {
            if (value.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

}
