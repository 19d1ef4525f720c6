package dev.weir.retail.customer;

import java.util.stream.Stream;

/**
 * A customer's invoices as {@code retail.v1} messages, for
 * {@code retail.v1.Customers/ListCustomerInvoices}. The invoice feature provides them, as
 * it serves {@code GET /customer/{id}/invoice}: invoices know their customer, customers
 * know nothing of invoices, so the dependency runs one way only.
 */
public interface CustomerInvoiceMessages {

    /**
     * The customer's invoices with their lines, in number order, read as the caller takes
     * them; {@code not-found} at once if there is no such customer.
     */
    Stream<dev.weir.retail.api.v1.Invoice> invoicesOf(String customerId);

}
