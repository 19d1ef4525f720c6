package dev.weir.retail.importer;

/**
 * The layouts of the Online Retail CSV the importer reads. Both have the header
 * {@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country};
 * the first data row's date tells them apart.
 */
public enum ImportFormat {

    /** The UCI export: {@code 2010-12-01 08:26:00}, customer ids like {@code 17850.0}. */
    UCI_EXPORT("UCI export (dates like 2010-12-01 08:26:00, customer ids like 17850.0)"),

    /**
     * Kaggle's {@code data.csv}: {@code 12/1/2010 8:26}, customer ids like {@code 17850}.
     */
    KAGGLE("Kaggle data.csv (dates like 12/1/2010 8:26, customer ids like 17850)"),

    /**
     * A header and no data rows: nothing to tell the layouts apart, nothing to import.
     */
    HEADER_ONLY("header only, no data rows");

    private final String description;

    ImportFormat(String description) {
        this.description = description;
    }

    public String description() {
        return this.description;
    }

}
