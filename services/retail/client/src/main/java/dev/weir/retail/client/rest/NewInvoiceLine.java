package dev.weir.retail.client.rest;

import java.math.BigDecimal;

/**
 * A stock code to add to an invoice ({@code POST /invoice/{invoice_no}/{stock_code}}).
 *
 * @param quantity not zero; negative on a cancellation
 * @param unitPrice the price of one, or {@code null} for the catalogue's
 */
public record NewInvoiceLine(int quantity, BigDecimal unitPrice) {

    /** A line at the catalogue's price. */
    public static NewInvoiceLine of(int quantity) {
        return new NewInvoiceLine(quantity, null);
    }

}
