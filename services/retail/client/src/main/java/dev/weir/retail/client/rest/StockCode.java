package dev.weir.retail.client.rest;

import java.math.BigDecimal;

/**
 * A catalogue entry ({@code GET /stockcode/{stock_code}}); also what creates one
 * ({@code POST /stockcode}, {@code kind} may then be {@code null}).
 *
 * @param stockCode the code, upper case
 * @param description what it is, or {@code null}
 * @param unitPrice the catalogue price, or {@code null} for codes without one
 * @param kind {@code product}, {@code postage}, {@code carriage}, {@code discount},
 * {@code manual}, {@code bank_charges}, {@code fee}, {@code sample}, {@code adjustment},
 * {@code gift_voucher} or {@code commission}
 */
public record StockCode(String stockCode, String description, BigDecimal unitPrice, String kind) {
}
