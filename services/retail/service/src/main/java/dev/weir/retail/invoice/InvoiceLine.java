package dev.weir.retail.invoice;

import java.math.BigDecimal;

/**
 * One line of an invoice, with the description and unit price it was sold with.
 *
 * @param invoiceNo the invoice
 * @param lineNo the position on the invoice, from 1
 * @param stockCode the catalogue code
 * @param description the description on the invoice
 * @param quantity how many; negative on cancellations and stock corrections
 * @param unitPrice the price of one
 */
public record InvoiceLine(String invoiceNo, int lineNo, String stockCode, String description, int quantity,
        BigDecimal unitPrice) {
}
