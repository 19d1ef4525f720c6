package dev.weir.retail.invoice;

import java.time.LocalDateTime;
import java.util.List;

/**
 * An invoice with its lines.
 *
 * @param invoiceNo the number; a string, as real numbers carry {@code C} and {@code A}
 * prefixes
 * @param invoiceDate when it was issued (shop local time, as recorded)
 * @param customerId the customer, or {@code null} for the sales recorded without one
 * @param country the country it was sold to
 * @param kind sale, cancellation or adjustment
 * @param version the version, for ETags; changes when a line is added
 * @param lines the lines in the order they were added
 */
public record Invoice(String invoiceNo, LocalDateTime invoiceDate, String customerId, String country, InvoiceKind kind,
        long version, List<InvoiceLine> lines) {

    /** This invoice with the given lines. */
    public Invoice withLines(List<InvoiceLine> lines) {
        return new Invoice(this.invoiceNo, this.invoiceDate, this.customerId, this.country, this.kind, this.version,
                List.copyOf(lines));
    }

}
