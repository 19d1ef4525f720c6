package dev.weir.retail.importer;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * The rows of a file, in file order, without the rows identical to an earlier one
 * ({@code duplicate_line}). A row is its eight values' {@link Symbols} ids, one int array
 * per column; two rows are identical exactly when their ids are.
 */
final class DistinctRows {

    final ImportFormat format;

    final Charset charset;

    final boolean gzip;

    final long sizeOnDisk;

    final long linesRead;

    final long duplicates;

    final int count;

    /** {@code columns[column][row]}: the row's value in the column, as a symbol id. */
    final int[][] columns;

    /** The distinct values of each column. */
    final Symbols[] symbols;

    /** By Quantity symbol id. */
    final int[] quantities;

    /** By UnitPrice symbol id, in thousandths. */
    final long[] prices;

    /** By InvoiceDate symbol id, as {@code yyyyMMddHHmmss}. */
    final long[] dates;

    private DistinctRows(Builder builder, ImportFormat format, Charset charset, boolean gzip, long sizeOnDisk,
            long linesRead, Symbols[] symbols, int[] quantities, long[] prices, long[] dates) {
        this.format = format;
        this.charset = charset;
        this.gzip = gzip;
        this.sizeOnDisk = sizeOnDisk;
        this.linesRead = linesRead;
        this.duplicates = builder.duplicates;
        this.count = builder.count;
        this.columns = builder.columns;
        this.symbols = symbols;
        this.quantities = quantities;
        this.prices = prices;
        this.dates = dates;
    }

    int value(int column, int row) {
        return this.columns[column][row];
    }

    /**
     * Collects rows, setting aside duplicates with an open-addressing set of rows. A slot
     * holds the row's hash (high half) and its index + 1 (low half; 0 is empty), so a
     * probe only reads the columns of a row whose hash matches.
     */
    static final class Builder {

        private int[][] columns;

        private int count;

        private long duplicates;

        private long[] slots;

        /**
         * @param expectedRows a guess of the number of rows, to size the set (it grows
         * when the guess is short)
         */
        Builder(long expectedRows) {
            int capacity = (int) Math.min(1 << 24, Math.max(1 << 10, expectedRows));
            this.columns = new int[RetailCsv.COLUMNS][capacity];
            this.slots = new long[Integer.highestOneBit(capacity) * 4];
        }

        /**
         * Adds the row unless an identical one was added before; returns whether it was
         * added.
         */
        boolean add(int[] row) {
            int hash = hash(row);
            int mask = this.slots.length - 1;
            int slot = hash & mask;
            for (long entry = this.slots[slot]; entry != 0; entry = this.slots[slot]) {
                if ((int) (entry >>> 32) == hash && sameRow((int) entry - 1, row)) {
                    this.duplicates++;
                    return false;
                }
                slot = (slot + 1) & mask;
            }
            if (this.count == this.columns[0].length) {
                for (int column = 0; column < RetailCsv.COLUMNS; column++) {
                    this.columns[column] = Arrays.copyOf(this.columns[column], this.count * 2);
                }
            }
            for (int column = 0; column < RetailCsv.COLUMNS; column++) {
                this.columns[column][this.count] = row[column];
            }
            this.count++;
            this.slots[slot] = ((long) hash << 32) | this.count;
            if (this.count * 2L > this.slots.length) {
                rehash();
            }
            return true;
        }

        private boolean sameRow(int stored, int[] row) {
            for (int column = 0; column < RetailCsv.COLUMNS; column++) {
                if (this.columns[column][stored] != row[column]) {
                    return false;
                }
            }
            return true;
        }

        private void rehash() {
            long[] larger = new long[this.slots.length * 2];
            int mask = larger.length - 1;
            for (long entry : this.slots) {
                if (entry != 0) {
                    int slot = (int) (entry >>> 32) & mask;
                    while (larger[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    larger[slot] = entry;
                }
            }
            this.slots = larger;
        }

        private static int hash(int[] row) {
            long h = 0;
            for (int value : row) {
                h = (h + value) * 0x9E3779B97F4A7C15L;
            }
            int folded = (int) (h ^ (h >>> 32));
            return (folded != 0) ? folded : 1;
        }

        DistinctRows build(ImportFormat format, Charset charset, boolean gzip, long sizeOnDisk, long linesRead,
                Symbols[] symbols, int[] quantities, long[] prices, long[] dates) {
            return new DistinctRows(this, format, charset, gzip, sizeOnDisk, linesRead, symbols, quantities, prices,
                    dates);
        }

    }

}
