package dev.weir.retail.stockcode;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a stock code stands for. Most are products; the shop's books also use codes for
 * postage, fees, discounts and manual corrections, which analyses of sales must leave
 * out.
 */
public enum StockCodeKind {

    PRODUCT, POSTAGE, CARRIAGE, DISCOUNT, MANUAL, BANK_CHARGES, FEE, SAMPLE, ADJUSTMENT, GIFT_VOUCHER, COMMISSION;

    /** The non-product codes of the Online Retail data set, with what each stands for. */
    private static final Map<String, StockCodeKind> KNOWN_NON_PRODUCTS = Map.ofEntries(Map.entry("POST", POSTAGE),
            Map.entry("DOT", POSTAGE), Map.entry("C2", CARRIAGE), Map.entry("D", DISCOUNT), Map.entry("M", MANUAL),
            Map.entry("BANK CHARGES", BANK_CHARGES), Map.entry("AMAZONFEE", FEE), Map.entry("S", SAMPLE),
            Map.entry("B", ADJUSTMENT), Map.entry("CRUK", COMMISSION));

    /**
     * The kind a code has by the shop's naming rules: known non-product codes, gift
     * vouchers, else product.
     */
    public static StockCodeKind of(String stockCode) {
        StockCodeKind known = KNOWN_NON_PRODUCTS.get(stockCode);
        if (known != null) {
            return known;
        }
        return stockCode.startsWith("GIFT_") ? GIFT_VOUCHER : PRODUCT;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StockCodeKind fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

}
