package dev.weir.retail.client.rest;

import java.time.LocalDateTime;
import java.util.List;

/**
 * An invoice with its lines ({@code GET /invoice/{invoice_no}}).
 *
 * @param invoiceNo the number; "C..." a cancellation, "A..." an adjustment
 * @param invoiceDate when it was issued, on the shop's clock (no time zone)
 * @param kind {@code sale}, {@code cancellation} or {@code adjustment}
 * @param country the country it was sold to
 * @param customer the customer's path ({@code /customer/17850}), or {@code null} for
 * sales recorded without one
 * @param lines the lines in the order they were added
 */
public record Invoice(String invoiceNo, LocalDateTime invoiceDate, String kind, String country, Link customer,
        List<InvoiceLine> lines) {

    /**
     * A link to another resource.
     *
     * @param url its path on the same service
     */
    public record Link(String url) {
    }

}
