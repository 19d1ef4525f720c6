package dev.weir.retail.stockcode;

import java.math.BigDecimal;

/**
 * An entry of the catalogue.
 *
 * @param stockCode the code, upper case
 * @param description what it is, or {@code null} when unknown
 * @param unitPrice the catalogue price, or {@code null} for codes without a fixed price
 * (postage, fees)
 * @param kind a product or one of the non-product kinds
 * @param details a longer description (a product's {@code description} in the products
 * API), or {@code null}
 * @param version the version, for ETags and conditional writes
 */
public record StockCode(String stockCode, String description, BigDecimal unitPrice, StockCodeKind kind, String details,
        long version) {
}
