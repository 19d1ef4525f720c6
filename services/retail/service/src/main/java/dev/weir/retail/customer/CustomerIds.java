package dev.weir.retail.customer;

/** The one rule for spelling customer ids, shared by the API and the bulk importer. */
public final class CustomerIds {

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
