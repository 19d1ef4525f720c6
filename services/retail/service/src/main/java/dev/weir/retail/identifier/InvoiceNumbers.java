package dev.weir.retail.identifier;

import java.util.Locale;

/**
 * Invoice numbers: how a client may write one, and its canonical form. They are strings:
 * real numbers carry a {@code C} (cancellation) or {@code A} (adjustment) prefix. REST
 * and gRPC requests are checked against {@link #PATTERN} and {@link #MAX_LENGTH}; the
 * service and the bulk importer store and look up {@link #canonical} numbers only.
 */
public final class InvoiceNumbers {

    /** What a client may send as a new invoice number. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]*";

    /** What a client is told when a number does not match {@link #PATTERN}. */
    public static final String PATTERN_MESSAGE = "must be letters, digits, '_' or '-'";

    /** The longest invoice number a client may send. */
    public static final int MAX_LENGTH = 32;

    private InvoiceNumbers() {
    }

    /**
     * The canonical form of an invoice number: trimmed and upper case ({@code c536379} is
     * {@code C536379}).
     */
    public static String canonical(String invoiceNo) {
        return invoiceNo.strip().toUpperCase(Locale.ROOT);
    }

}
