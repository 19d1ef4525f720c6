package dev.weir.retail.client.rest;

import java.math.BigDecimal;

/**
 * A line of an invoice, with the description and price it was sold with.
 *
 * @param lineNo the position on the invoice, from 1
 * @param stockCode the catalogue code, upper case
 * @param description the description, or {@code null}
 * @param quantity how many; negative on cancellations
 * @param unitPrice the price of one, exact
 */
public record InvoiceLine(int lineNo, String stockCode, String description, int quantity, BigDecimal unitPrice) {
}
