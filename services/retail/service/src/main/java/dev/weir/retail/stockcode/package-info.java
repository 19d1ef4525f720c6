/**
 * The stock-code catalogue: {@code /stockcode} over REST (and its fast GET route) and
 * {@code retail.v1.StockCodes} over gRPC, both through {@link StockCodeService}.
 */
package dev.weir.retail.stockcode;
