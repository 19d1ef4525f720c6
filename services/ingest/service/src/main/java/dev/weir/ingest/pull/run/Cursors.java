package dev.weir.ingest.pull.run;

import java.math.BigDecimal;

/**
 * Incremental cursor values: compared as numbers when both are, as text otherwise (ISO
 * dates and times compare rightly as text).
 */
final class Cursors {

    private Cursors() {
    }

    static int compare(String a, String b) {
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b));
        }
        catch (NumberFormatException ex) {
            return a.compareTo(b);
        }
    }

    /** The greater of two cursor values; null is less than any. */
    static String greatest(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return (compare(a, b) >= 0) ? a : b;
    }

}
