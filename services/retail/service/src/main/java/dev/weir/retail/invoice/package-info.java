/**
 * Invoices and their lines: {@code /invoice} and {@code /customer/{id}/invoice} over REST
 * (and the fast GET route of an invoice), {@code retail.v1.Invoices} over gRPC, all
 * through {@link InvoiceService}, which reaches customers and stock codes through their
 * services.
 */
package dev.weir.retail.invoice;
