package dev.weir.retail.identifier;

import java.util.Locale;

/**
 * Stock codes: how a client may write one, and its canonical form. REST and gRPC requests
 * are checked against {@link #PATTERN} and {@link #MAX_LENGTH}; the service and the bulk
 * importer store and look up {@link #canonical} codes only.
 */
public final class StockCodes {

    /**
     * What a client may send as a new stock code (the data set has codes with spaces:
     * {@code BANK CHARGES}).
     */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9 _.-]*";

    /** What a client is told when a code does not match {@link #PATTERN}. */
    public static final String PATTERN_MESSAGE = "must be letters, digits, spaces, '.', '_' or '-'";

    /** The longest stock code a client may send. */
    public static final int MAX_LENGTH = 32;

    private StockCodes() {
    }

    /**
     * The canonical form of a stock code: trimmed and upper case. The source data spells
     * 112 codes both ways ({@code 85123a} and {@code 85123A}); they are the same product.
     */
    public static String canonical(String code) {
        return (code != null) ? code.strip().toUpperCase(Locale.ROOT) : null;
    }

}
