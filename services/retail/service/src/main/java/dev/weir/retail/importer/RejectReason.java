package dev.weir.retail.importer;

/** Why a well-formed row of the file was not stored. */
public enum RejectReason {

    /** The row is identical, in every column, to an earlier row of the same file. */
    DUPLICATE_LINE("duplicate_line"),

    /**
     * The database already holds a different line at the row's place on its invoice (same
     * invoice and line number, another stock code, quantity or price): a line added
     * through the API, or another file with the same invoice numbers. Stored lines are
     * never overwritten.
     */
    CONFLICTS_WITH_STORED_LINE("conflicts_with_stored_line");

    private final String ruleName;

    RejectReason(String ruleName) {
        this.ruleName = ruleName;
    }

    /** The name the report and the documentation use. */
    public String ruleName() {
        return this.ruleName;
    }

}
