package dev.weir.retail.outbox;

/**
 * The kinds of event the Retail service publishes, each a CloudEvents {@code type}
 * ({@code weir.retail.<aggregate>.<what happened>}). The catalogue is in
 * {@code docs/events.md}; a new kind is added here and there.
 */
public enum RetailEvent {

    /** A customer was created; data: the customer. */
    CUSTOMER_CREATED("customer.created"),

    /** A customer's country changed; data: the customer after the change. */
    CUSTOMER_UPDATED("customer.updated"),

    /** A customer was deleted; data: the customer as it was. */
    CUSTOMER_DELETED("customer.deleted"),

    /** An invoice was created; data: the invoice. */
    INVOICE_CREATED("invoice.created"),

    /** A line was added to an invoice; data: the line with its invoice's link. */
    INVOICE_LINE_ADDED("invoice.line_added"),

    /** A stock code was added to the catalogue; data: the catalogue entry. */
    STOCKCODE_CREATED("stockcode.created"),

    /**
     * A catalogue entry's description, price or kind changed; data: the entry after the
     * change.
     */
    STOCKCODE_UPDATED("stockcode.updated"),

    /** A bulk import committed; data: its counts. One event per import, not per line. */
    IMPORT_FINISHED("import.finished");

    private final String type;

    RetailEvent(String name) {
        this.type = "weir.retail." + name;
    }

    /** The CloudEvents {@code type}, e.g. {@code weir.retail.customer.created}. */
    public String type() {
        return this.type;
    }

}
