package dev.weir.retail.importer;

/**
 * The normalisation rules an import applies, each counted in the report. Line counts are
 * over the rows that are not duplicates, except where a rule says "lines stored".
 */
public enum ImportRule {

    /** {@code 17850.0} is customer {@code 17850} (CustomerIds.canonical). */
    CUSTOMER_ID_CANONICAL("customer_id_canonical",
            "lines whose customer id was rewritten to its canonical form (17850.0 -> 17850)"),

    /** An empty CustomerID: the invoice has no customer and keeps the row's country. */
    NO_CUSTOMER("no_customer", "lines without a customer id (their invoice has no customer)"),

    /** {@code 85123a} is {@code 85123A} (StockCodes.canonical). */
    STOCK_CODE_CANONICAL("stock_code_canonical",
            "lines whose stock code was rewritten to its canonical form (85123a -> 85123A)"),

    /** Postage, fees, discounts, manual corrections, gift vouchers (StockCodeKind.of). */
    NON_PRODUCT_CODE("non_product_code", "lines with a non-product stock code (POST, D, M, gift vouchers, ...)"),

    /** {@code C536379}: a cancellation (InvoiceKind.of). */
    CANCELLATION_INVOICE("cancellation_invoice", "invoices numbered C... (cancellations)"),

    /** {@code A563185}: an adjustment (InvoiceKind.of). */
    ADJUSTMENT_INVOICE("adjustment_invoice", "invoices numbered A... (adjustments)"),

    /** A customer keeps the first country it is seen with. */
    CUSTOMER_FIRST_COUNTRY("customer_first_country", "customers seen with several countries (the first is kept)"),

    /** An invoice keeps the first date it is seen with. */
    INVOICE_FIRST_DATE("invoice_first_date", "invoices seen with several dates (the first is kept)"),

    /** An invoice keeps the customer and country of its first row. */
    INVOICE_FIRST_CUSTOMER("invoice_first_customer",
            "invoices seen with several customers or countries (the first is kept)"),

    /** The catalogue's description is the latest non-empty one. */
    CATALOGUE_LATEST_DESCRIPTION("catalogue_latest_description",
            "stock codes seen with several descriptions (the latest non-empty is kept)"),

    /**
     * The catalogue's price is the latest positive price on a sale line, for products.
     */
    CATALOGUE_LATEST_PRICE("catalogue_latest_price",
            "product codes sold at several positive prices (the latest is kept)"),

    /** Non-product codes, and products never sold at a positive price, have no price. */
    CATALOGUE_NO_PRICE("catalogue_no_price",
            "stock codes without a catalogue price (non-product, or never sold at a positive price)"),

    /** An empty description on a line is the catalogue's. */
    DESCRIPTION_FROM_CATALOGUE("description_from_catalogue",
            "lines stored with an empty description, given the catalogue's"),

    /** An empty description the catalogue cannot fill stays empty (NULL). */
    DESCRIPTION_MISSING("description_missing", "lines stored without a description (none in the catalogue either)"),

    /** Returns and cancellations: kept as they are. */
    NEGATIVE_QUANTITY("negative_quantity", "lines with a negative quantity (kept as they are)"),

    /** Free items, samples, unpriced rows: kept as they are. */
    ZERO_PRICE("zero_price", "lines with a zero unit price (kept as they are)"),

    /** Bad-debt adjustments: kept as they are. */
    NEGATIVE_PRICE("negative_price", "lines with a negative unit price (kept as they are)");

    private final String ruleName;

    private final String description;

    ImportRule(String ruleName, String description) {
        this.ruleName = ruleName;
        this.description = description;
    }

    /** The name the report and the documentation use. */
    public String ruleName() {
        return this.ruleName;
    }

    /** What is counted. */
    public String description() {
        return this.description;
    }

}
