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

    /**
     * The first value of the file that is not valid UTF-8, when that made the file read
     * as ISO-8859-1; else null.
     */
    final NotUtf8 notUtf8;

    private DistinctRows(Builder builder, ImportFormat format, Charset charset, boolean gzip, long sizeOnDisk,
            long linesRead, Symbols[] symbols, int[] quantities, long[] prices, long[] dates, NotUtf8 notUtf8) {
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
        this.notUtf8 = notUtf8;
    }

    int value(int column, int row) {
        return this.columns[column][row];
    }

    /**
     * Collects rows, then sets aside duplicates once the file is read. Each row's hash is
     * kept as it comes; at the end the (hash, row) pairs are sorted by hash with a radix
     * sort, and only rows of equal hash are compared. That reads and writes memory in
     * order, where a hash set probed once per row takes a cache miss per row into a table
     * of megabytes.
     */
    static final class Builder {

        private int[][] columns;

        private int[] hashes;

        private int count;

        private long duplicates;

        /**
         * @param expectedRows a guess of the number of rows, to size the arrays (they
         * grow when the guess is short)
         */
        Builder(long expectedRows) {
            int capacity = (int) Math.min(1 << 24, Math.max(1 << 10, expectedRows));
            this.columns = new int[RetailCsv.COLUMNS][capacity];
            this.hashes = new int[capacity];
        }

        /** Adds a row; duplicates are found in {@link #build}. */
        void add(int[] row) {
            if (this.count == this.hashes.length) {
                int larger = this.count + (this.count >> 1);
                for (int column = 0; column < RetailCsv.COLUMNS; column++) {
                    this.columns[column] = Arrays.copyOf(this.columns[column], larger);
                }
                this.hashes = Arrays.copyOf(this.hashes, larger);
            }
            for (int column = 0; column < RetailCsv.COLUMNS; column++) {
                this.columns[column][this.count] = row[column];
            }
            this.hashes[this.count] = hash(row);
            this.count++;
        }

        private static int hash(int[] row) {
            long h = 0;
            for (int value : row) {
                h = (h + value) * 0x9E3779B97F4A7C15L;
            }
            return (int) (h ^ (h >>> 32));
        }

        DistinctRows build(ImportFormat format, Charset charset, boolean gzip, long sizeOnDisk, long linesRead,
                Symbols[] symbols, int[] quantities, long[] prices, long[] dates, NotUtf8 notUtf8) {
            boolean[] duplicate = duplicates(this.columns, this.count, this.hashes);
            int kept = 0;
            for (int[] values : this.columns) {
                kept = 0;
                for (int row = 0; row < this.count; row++) {
                    if (!duplicate[row]) {
                        values[kept++] = values[row];
                    }
                }
            }
            this.duplicates = this.count - kept;
            this.count = kept;
            return new DistinctRows(this, format, charset, gzip, sizeOnDisk, linesRead, symbols, quantities, prices,
                    dates, notUtf8);
        }

    }

    /**
     * Which rows are identical to an earlier row.
     * @param columns {@code columns[column][row]}
     * @param count the number of rows
     * @param hashes each row's hash; identical rows have equal hashes
     */
    static boolean[] duplicates(int[][] columns, int count, int[] hashes) {
        long[] byHash = sortedByHash(hashes, count);
        boolean[] duplicate = new boolean[count];
        int from = 0;
        while (from < count) {
            int hash = (int) (byHash[from] >>> 32);
            int to = from + 1;
            while (to < count && (int) (byHash[to] >>> 32) == hash) {
                to++;
            }
            if (to - from > 1) {
                markDuplicates(columns, byHash, from, to, duplicate);
            }
            from = to;
        }
        return duplicate;
    }

    /**
     * {@code hash << 32 | row} for every row, sorted by hash (as unsigned) with a stable
     * radix sort of a byte per pass, so rows of equal hash stay in file order.
     */
    private static long[] sortedByHash(int[] hashes, int count) {
        long[] keys = new long[count];
        for (int row = 0; row < count; row++) {
            keys[row] = ((long) hashes[row] << 32) | row;
        }
        long[] other = new long[count];
        int[] offsets = new int[256];
        for (int shift = 32; shift < 64; shift += 8) {
            Arrays.fill(offsets, 0);
            for (int i = 0; i < count; i++) {
                offsets[(int) (keys[i] >>> shift) & 0xFF]++;
            }
            int sum = 0;
            for (int digit = 0; digit < 256; digit++) {
                int n = offsets[digit];
                offsets[digit] = sum;
                sum += n;
            }
            for (int i = 0; i < count; i++) {
                long key = keys[i];
                other[offsets[(int) (key >>> shift) & 0xFF]++] = key;
            }
            long[] sorted = other;
            other = keys;
            keys = sorted;
        }
        return keys;
    }

    /**
     * Marks the rows of {@code byHash[from, to)} (one hash, rows in file order) that are
     * identical to an earlier one. A few rows are compared pairwise; many (only when
     * distinct rows collide on purpose) are sorted by their values, so never more than n
     * log n comparisons.
     */
    private static void markDuplicates(int[][] columns, long[] byHash, int from, int to, boolean[] duplicate) {
        if (to - from <= 8) {
            for (int j = from + 1; j < to; j++) {
                int later = (int) byHash[j];
                for (int i = from; i < j; i++) {
                    int earlier = (int) byHash[i];
                    if (!duplicate[earlier] && sameRow(columns, earlier, later)) {
                        duplicate[later] = true;
                        break;
                    }
                }
            }
            return;
        }
        Integer[] rows = new Integer[to - from];
        for (int i = from; i < to; i++) {
            rows[i - from] = (int) byHash[i];
        }
        Arrays.sort(rows, (a, b) -> {
            for (int[] values : columns) {
                int order = Integer.compare(values[a], values[b]);
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(a, b);
        });
        for (int i = 1; i < rows.length; i++) {
            if (sameRow(columns, rows[i - 1], rows[i])) {
                duplicate[rows[i]] = true;
            }
        }
    }

    private static boolean sameRow(int[][] columns, int a, int b) {
        for (int[] values : columns) {
            if (values[a] != values[b]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where a file stops being UTF-8: the first value that is not.
     *
     * @param line the file's line
     * @param column the column, as the header names it
     * @param value the value, escaped ({@link Printable})
     */
    record NotUtf8(long line, String column, String value) {

        /** What the import report warns. */
        String warning() {
            return "line " + this.line + ", column " + this.column + ": " + this.value
                    + " is not UTF-8, so the whole file was read as ISO-8859-1; if the file is UTF-8, that line is damaged";
        }

    }

}
