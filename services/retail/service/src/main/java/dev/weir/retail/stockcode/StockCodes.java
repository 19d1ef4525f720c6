package dev.weir.retail.stockcode;

import java.util.Locale;

/** The one rule for spelling stock codes, shared by the API and the bulk importer. */
public final class StockCodes {

    private StockCodes() {
    }

    /**
     * The canonical form of a stock code: trimmed and upper case. The source data spells
     * 112 codes both ways ({@code 85123a} and {@code 85123A}); they are the same product.
     */
    public static String canonical(String code) {
        return (code != null) ? code.strip().toUpperCase(Locale.ROOT) : null;
    }

}
