package dev.weir.retail.importer;

import java.time.Duration;

/**
 * When an import loads its invoice lines in bulk, and how long it waits for the locks
 * that takes.
 * <p>
 * In bulk, the keys of {@code invoice_line} are dropped inside the import's transaction,
 * the lines are copied, and the keys are added back, which checks every line of the table
 * in one pass instead of one query per new line (see {@link InvoiceLineKeys}). That is
 * much cheaper per line, but it checks the lines already stored too, and it locks
 * {@code invoice}, {@code invoice_line} and {@code stock_code} against readers until the
 * commit. So it is used only when the import brings at least {@code minimumLines} new
 * lines <i>and</i> at least as many new lines as the table holds: the load at least
 * doubles the table, so the set-wise check costs at most about twice the new lines'
 * share. A small file into a big table takes the row-by-row path, which never keeps
 * readers waiting. The figures behind both thresholds are in {@code docs/import.md}
 * ("Large imports: bulk mode").
 *
 * @param minimumLines the fewest new lines worth locking readers out for
 * @param lockTimeout how long to wait for the tables' locks before giving up (nothing
 * stored)
 */
record BulkMode(long minimumLines, Duration lockTimeout) {

    /**
     * Below 50,000 new lines, the time bulk saves is not worth making readers wait; a
     * bulk import waits at most 5 s for its locks.
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
