package dev.weir.retail.importer;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import dev.weir.retail.identifier.CustomerIds;
import dev.weir.retail.identifier.InvoiceNumbers;
import dev.weir.retail.identifier.StockCodes;
import dev.weir.retail.identifier.TextLimits;

/**
 * Reads an Online Retail CSV file, plain or gzip (told by its magic bytes), into its
 * {@link DistinctRows}: checks the header, detects the layout from the first data row,
 * checks every value, and sets aside rows identical to an earlier one.
 */
final class RetailCsv {

    static final List<String> HEADER = List.of("InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
            "UnitPrice", "CustomerID", "Country");

    static final int INVOICE_NO = 0;

    static final int STOCK_CODE = 1;

    static final int DESCRIPTION = 2;

    static final int QUANTITY = 3;

    static final int INVOICE_DATE = 4;

    static final int UNIT_PRICE = 5;

    static final int CUSTOMER_ID = 6;

    static final int COUNTRY = 7;

    static final int COLUMNS = HEADER.size();

    private static final int PROGRESS_EVERY = 10_000;

    /**
     * The longest value of each column, in characters: what the API accepts for the same
     * field; 0 for the columns that are parsed (quantity, date, price).
     */
    private static final int[] MAX_LENGTHS = { InvoiceNumbers.MAX_LENGTH, StockCodes.MAX_LENGTH, TextLimits.DESCRIPTION,
            0, 0, 0, CustomerIds.MAX_LENGTH, TextLimits.COUNTRY };

    private static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

    private RetailCsv() {
    }

    /**
     * Sees each row as soon as it is read (its values checked, the file's encoding not
     * yet known). Duplicates are set aside only when the whole file is read, so a row
     * identical to an earlier one is seen too; its values are all known by then.
     */
    interface RowSink {

        RowSink NONE = (ids, date, symbols) -> {
        };

        /**
         * @param ids the row's value in each column, as a symbol id of {@code symbols}
         * @param date the row's InvoiceDate as {@code yyyyMMddHHmmss}
         * @param symbols each column's values so far; the descriptions' are being added
         * to on another thread while the file is read, so they are not to be looked at
         */
        void row(int[] ids, long date, Symbols[] symbols);

    }

    static DistinctRows read(Path file, ImportProgress progress) throws IOException {
        return read(file, progress, RowSink.NONE);
    }

    static DistinctRows read(Path file, ImportProgress progress, RowSink sink) throws IOException {
        long size = Files.size(file);
        progress.started(size);
        try (CountingInputStream counted = new CountingInputStream(Files.newInputStream(file))) {
            BufferedInputStream buffered = new BufferedInputStream(counted, 1 << 16);
            boolean gzip = startsWith(buffered, new byte[] { 0x1f, (byte) 0x8b });
            // No buffer over the gzip stream: a BufferedInputStream drops the bytes it
            // inflated in a read that then fails, so a truncated file would seem to end
            // earlier than it does. The reader asks for large chunks anyway.
            CsvReader csv = null;
            try {
                PushbackInputStream text = new PushbackInputStream(
                        gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered, UTF8_BOM.length);
                byte[] first = text.readNBytes(UTF8_BOM.length);
                if (!Arrays.equals(first, UTF8_BOM)) {
                    text.unread(first);
                }
                // rows are 75-85 bytes (Kaggle's shorter dates and ids, the UCI export's
                // longer); gzip shrinks this data about 6 times. A guess a little high
                // costs less than growing the row arrays by half near the end.
                long expectedRows = (gzip ? size * 7 : size) / 72;
                csv = new CsvReader(text, HEADER);
                return new Reading(csv, gzip, size, expectedRows, counted, progress, sink).read();
            }
            catch (EOFException | ZipException ex) {
                // only the gzip stream ends early or finds damaged data: name the file's
                // line
                throw new ImportFormatException((csv != null) ? csv.currentLine() : 1,
                        "the compressed data ends or is damaged in this line: the .gz file is truncated or corrupt ("
                                + Printable.message(ex.getMessage()) + ")");
            }
        }
    }

    private static boolean startsWith(InputStream in, byte[] magic) throws IOException {
        in.mark(magic.length);
        byte[] first = in.readNBytes(magic.length);
        in.reset();
        return Arrays.equals(first, magic);
    }

    /** One pass over one file. */
    private static final class Reading {

        private final CsvReader csv;

        private final boolean gzip;

        private final long size;

        private final CountingInputStream counted;

        private final ImportProgress progress;

        private final RowSink sink;

        private final Symbols[] symbols = new Symbols[COLUMNS];

        /**
         * The symbols the read-ahead thread interns into, by column: the descriptions,
         * the longest values, which need no check; null for the columns this thread
         * interns.
         */
        private final Symbols[] internedAhead = new Symbols[COLUMNS];

        private final int[] ids = new int[COLUMNS];

        /** How many distinct values of each column were seen so far. */
        private final int[] distinct = new int[COLUMNS];

        /** The first value (in file order) that is not valid UTF-8, or null. */
        private DistinctRows.NotUtf8 firstNotUtf8;

        private ImportFormat format = ImportFormat.HEADER_ONLY;

        private long formatLine;

        private int[] quantities = new int[256];

        private long[] prices = new long[1024];

        private long[] dates = new long[1024];

        private final DistinctRows.Builder rows;

        private long linesRead;

        Reading(CsvReader csv, boolean gzip, long size, long expectedRows, CountingInputStream counted,
                ImportProgress progress, RowSink sink) {
            this.csv = csv;
            this.rows = new DistinctRows.Builder(expectedRows);
            this.gzip = gzip;
            this.size = size;
            this.counted = counted;
            this.progress = progress;
            this.sink = sink;
            for (int column = 0; column < COLUMNS; column++) {
                this.symbols[column] = new Symbols();
            }
            this.internedAhead[DESCRIPTION] = this.symbols[DESCRIPTION];
        }

        DistinctRows read() throws IOException {
            readHeader();
            try (ReadAhead ahead = new ReadAhead(this.csv, COLUMNS, this.counted::count, this.internedAhead)) {
                while (true) {
                    ReadAhead.Batch batch = ahead.next();
                    for (int record = 0; record < batch.count(); record++) {
                        this.linesRead++;
                        readRow(batch, record);
                        if (this.linesRead % PROGRESS_EVERY == 0) {
                            this.progress.advanced(batch.bytesRead(), this.linesRead);
                        }
                    }
                    if (batch.last()) {
                        batch.rethrowFailure();
                        break;
                    }
                    ahead.release(batch);
                }
            }
            this.progress.advanced(this.counted.count(), this.linesRead);
            boolean utf8 = Arrays.stream(this.symbols).allMatch(Symbols::allValidUtf8);
            return this.rows.build(this.format, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1, this.gzip,
                    this.size, this.linesRead, this.symbols, this.quantities, this.prices, this.dates,
                    utf8 ? null : this.firstNotUtf8);
        }

        private void readHeader() throws IOException {
            if (!this.csv.next()) {
                throw new ImportFormatException(1, HEADER.get(0),
                        "the file is empty; expected the header " + String.join(",", HEADER));
            }
            for (int field = 0; field < Math.max(COLUMNS, this.csv.fieldCount()); field++) {
                if (field >= this.csv.fieldCount()) {
                    throw new ImportFormatException(this.csv.line(), HEADER.get(field),
                            "the header has no column " + HEADER.get(field) + "; expected " + String.join(",", HEADER));
                }
                if (field >= COLUMNS) {
                    throw new ImportFormatException(this.csv.line(), this.csv.columnName(field), "the header has "
                            + this.csv.fieldCount() + " columns; expected " + String.join(",", HEADER));
                }
                if (!this.csv.text(field).equals(HEADER.get(field))) {
                    throw new ImportFormatException(this.csv.line(), HEADER.get(field),
                            "the header has " + Printable.quoted(this.csv.text(field)) + " where " + HEADER.get(field)
                                    + " is expected; expected " + String.join(",", HEADER));
                }
            }
        }

        private void readRow(ReadAhead.Batch batch, int record) {
            byte[] bytes = batch.bytes();
            for (int column = 0; column < COLUMNS; column++) {
                int id;
                if (this.internedAhead[column] != null) {
                    id = batch.id(record, column);
                }
                else {
                    id = this.symbols[column].intern(bytes, batch.start(record, column), batch.end(record, column),
                            batch.hash(record, column));
                }
                // symbol ids are given in file order: a value seen for the first time
                // gets the next one
                if (id == this.distinct[column]) {
                    this.distinct[column]++;
                    checkText(batch, record, column);
                    if (this.internedAhead[column] == null) {
                        checkNewValue(batch, record, column, id);
                    }
                }
                this.ids[column] = id;
            }
            this.rows.add(this.ids);
            this.sink.row(this.ids, this.dates[this.ids[INVOICE_DATE]], this.symbols);
        }

        /**
         * Checks a value of any column the first time it appears, as the API checks its
         * text: no NUL byte (PostgreSQL's text cannot hold one; the database would name
         * its COPY's line, not the file's), no more characters than the API takes. Notes
         * the first value that is not UTF-8, which makes the whole file read as
         * ISO-8859-1.
         */
        private void checkText(ReadAhead.Batch batch, int record, int column) {
            byte[] b = batch.bytes();
            int from = batch.start(record, column);
            int to = batch.end(record, column);
            boolean ascii = true;
            for (int i = from; i < to; i++) {
                if (b[i] == 0) {
                    throw invalid(batch, record, column,
                            "holds a NUL byte (shown as \\u0000), which no text in the database can hold");
                }
                ascii &= b[i] >= 0;
            }
            int max = MAX_LENGTHS[column];
            if (max > 0 && to - from > max) {
                int characters = Symbols.characters(b, from, to);
                if (characters > max) {
                    throw new ImportFormatException(batch.line(record), HEADER.get(column), "the value is " + characters
                            + " characters long; at most " + max + " are allowed, as in the API");
                }
            }
            if (!ascii && this.firstNotUtf8 == null && !Symbols.isValidUtf8(b, from, to)) {
                this.firstNotUtf8 = new DistinctRows.NotUtf8(batch.line(record), HEADER.get(column),
                        Printable.quoted(b, from, to));
            }
        }

        /** Checks a value the first time it appears; later rows with it are fine. */
        private void checkNewValue(ReadAhead.Batch batch, int record, int column, int id) {
            byte[] b = batch.bytes();
            int from = batch.start(record, column);
            int to = batch.end(record, column);
            switch (column) {
                case INVOICE_NO, STOCK_CODE, COUNTRY -> {
                    if (isBlank(b, from, to)) {
                        throw new ImportFormatException(batch.line(record), HEADER.get(column), "the value is empty");
                    }
                }
                case QUANTITY -> {
                    long quantity = RetailValues.parseQuantity(b, from, to);
                    if (quantity == RetailValues.INVALID) {
                        throw invalid(batch, record, column, "is not a whole number within ±2147483647");
                    }
                    this.quantities = grow(this.quantities, id);
                    this.quantities[id] = (int) quantity;
                }
                case UNIT_PRICE -> {
                    long price = RetailValues.parsePriceMillis(b, from, to);
                    if (price == RetailValues.INVALID) {
                        throw invalid(batch, record, column,
                                "is not a decimal number with at most 9 integer digits and 3 decimals, like 2.55");
                    }
                    this.prices = grow(this.prices, id);
                    this.prices[id] = price;
                }
                case INVOICE_DATE -> {
                    this.dates = grow(this.dates, id);
                    this.dates[id] = parseDate(batch, record);
                }
                default -> {
                    // CustomerID takes any text
                }
            }
        }

        private long parseDate(ReadAhead.Batch batch, int record) {
            byte[] b = batch.bytes();
            int from = batch.start(record, INVOICE_DATE);
            int to = batch.end(record, INVOICE_DATE);
            if (this.format == ImportFormat.HEADER_ONLY) {
                this.formatLine = batch.line(record);
                if (RetailValues.parseIsoDate(b, from, to) != RetailValues.INVALID) {
                    this.format = ImportFormat.UCI_EXPORT;
                }
                else if (RetailValues.parseKaggleDate(b, from, to) != RetailValues.INVALID) {
                    this.format = ImportFormat.KAGGLE;
                }
                else {
                    throw invalid(batch, record, INVOICE_DATE,
                            "is not a date like 2010-12-01 08:26:00 (UCI export) or 12/1/2010 8:26 (Kaggle data.csv)");
                }
            }
            long date = (this.format == ImportFormat.UCI_EXPORT) ? RetailValues.parseIsoDate(b, from, to)
                    : RetailValues.parseKaggleDate(b, from, to);
            if (date == RetailValues.INVALID) {
                String example = (this.format == ImportFormat.UCI_EXPORT) ? "2010-12-01 08:26:00" : "12/1/2010 8:26";
                throw invalid(batch, record, INVOICE_DATE, "is not a valid date like " + example
                        + " (the format of line " + this.formatLine + ", " + this.format.description() + ")");
            }
            return date;
        }

        private static ImportFormatException invalid(ReadAhead.Batch batch, int record, int column, String problem) {
            return new ImportFormatException(batch.line(record), HEADER.get(column),
                    Printable.quoted(batch.bytes(), batch.start(record, column), batch.end(record, column)) + " "
                            + problem);
        }

        private static boolean isBlank(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] != ' ' && b[i] != '\t') {
                    return false;
                }
            }
            return true;
        }

        private static int[] grow(int[] values, int id) {
            return (id < values.length) ? values : Arrays.copyOf(values, values.length * 2);
        }

        private static long[] grow(long[] values, int id) {
            return (id < values.length) ? values : Arrays.copyOf(values, values.length * 2);
        }

    }

    /** Counts the bytes read from the file on disk, for progress. */
    private static final class CountingInputStream extends FilterInputStream {

        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                this.count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                this.count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            this.count += skipped;
            return skipped;
        }

        long count() {
            return this.count;
        }

    }

}
