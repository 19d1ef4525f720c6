package dev.weir.retail.client.rest;

import java.time.LocalDateTime;

/**
 * An invoice to open for a customer ({@code POST /customer/{customer_id}/invoice}).
 *
 * @param invoiceNo letters, digits, '_' or '-', at most 32
 * @param invoiceDate on the shop's clock, no time zone
 */
public record NewInvoice(String invoiceNo, LocalDateTime invoiceDate) {
}
