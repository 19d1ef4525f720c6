package dev.weir.retail.invoice;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an invoice records, read from its number as the shop writes it. */
public enum InvoiceKind {

    /** A plain number: goods sold. */
    SALE,

    /**
     * {@code C} and digits ({@code C536379}): a cancellation; its quantities are
     * negative.
     */
    CANCELLATION,

    /** {@code A} and digits ({@code A563185}): an accounting adjustment (bad debt). */
    ADJUSTMENT;

    public static InvoiceKind of(String invoiceNo) {
        if (invoiceNo.length() > 1 && Character.isDigit(invoiceNo.charAt(1))) {
            char prefix = invoiceNo.charAt(0);
            if (prefix == 'C') {
                return CANCELLATION;
            }
            if (prefix == 'A') {
                return ADJUSTMENT;
            }
        }
        return SALE;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InvoiceKind fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

}
