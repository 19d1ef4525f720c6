package dev.weir.retail.importer;

import java.time.Duration;

/**
 * When an import loads its invoice lines in bulk, and how long it waits for the locks
 * that takes.
 * <p>
 * In bulk, the keys of {@code invoice_line} are dropped inside the import's transaction,
 * the lines are copied, and the keys are added back, which checks every line of the table
 * in one pass instead of one query per new line (see {@link InvoiceLineKeys}). That is
 * about 8 times cheaper per line, but it checks the lines already stored too, and it
 * locks {@code invoice}, {@code invoice_line} and {@code stock_code} against readers
 * until the commit. So it is used only when the import brings at least
 * {@code minimumLines} new lines <i>and</i> at least as many new lines as the table
 * holds: the load at least doubles the table, the set-wise check costs at most about
 * twice the new lines' share, and it stays several times faster than checking the new
 * lines one by one. A small file into a big table takes the row-by-row path, which never
 * keeps readers waiting.
 *
 * @param minimumLines the fewest new lines worth locking readers out for
 * @param lockTimeout how long to wait for the tables' locks before giving up (nothing
 * stored)
 */
record BulkMode(long minimumLines, Duration lockTimeout) {

    /**
     * 50,000 lines take about half a second row by row: below that, the time bulk saves
     * is not worth making readers wait.
     */
    static final BulkMode DEFAULT = new BulkMode(50_000, Duration.ofSeconds(5));

    /** Never in bulk: every line is checked as it is stored. */
    static final BulkMode NEVER = new BulkMode(Long.MAX_VALUE, DEFAULT.lockTimeout);

    /**
     * Whether to load in bulk.
     * @param newLines lines the import certainly adds (those of the invoices it creates)
     * @param storedLines lines in {@code invoice_line} before the import
     */
    boolean pays(long newLines, long storedLines) {
        return newLines >= this.minimumLines && storedLines <= newLines;
    }

}
