package dev.weir.retail.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading files of both layouts, plain and gzip, and naming line and column in errors.
 */
class RetailCsvTest {

    static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    @TempDir
    Path directory;

    @Test
    void readsTheUciExportSample() throws IOException {
        DistinctRows rows = RetailCsv.read(TestFiles.SAMPLE, ImportProgress.NONE);
        assertThat(rows.format).isEqualTo(ImportFormat.UCI_EXPORT);
        assertThat(rows.charset).isEqualTo(StandardCharsets.UTF_8);
        assertThat(rows.gzip).isFalse();
        assertThat(rows.linesRead).isEqualTo(10_000);
        assertThat(rows.duplicates).isEqualTo(196);
        assertThat(rows.count).isEqualTo(10_000 - 196);
        RetailBatch batch = RetailBatch.of(rows);
        assertThat(batch.invoiceNos[0]).isEqualTo("536365");
        assertThat(RetailValues.formatDate(batch.invoiceDates[0])).isEqualTo("2010-12-01 08:26:00");
        assertThat(batch.customerIds[batch.invoiceCustomers[0]]).isEqualTo("17850");
        assertThat(batch.codes[batch.lineCodes[0]]).isEqualTo("85123A");
        assertThat(batch.lineQuantity(0)).isEqualTo(6);
        assertThat(batch.linePrice(0)).isEqualTo(2550);
    }

    @Test
    void readsAValueTheSameWhetherItsRowIsQuotedOrNot() throws IOException {
        // the first row takes the reader's fast path, the second (a quoted field) the
        // general one: their values must intern alike
        Path file = write("quoted.csv", StandardCharsets.UTF_8,
                HEADER + "536365,85123A,WHITE HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"
                        + "536365,85123A,\"WHITE HEART\",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"
                        + "\"536366\",85123A,WHITE HEART,6,2010-12-01 08:26:00,2.55,17850.0,\"United Kingdom\"\n");
        DistinctRows rows = RetailCsv.read(file, ImportProgress.NONE);
        assertThat(rows.duplicates).isEqualTo(1);
        assertThat(rows.count).isEqualTo(2);
        assertThat(rows.symbols[RetailCsv.DESCRIPTION].size()).isEqualTo(1);
        assertThat(rows.symbols[RetailCsv.COUNTRY].size()).isEqualTo(1);
        assertThat(rows.symbols[RetailCsv.INVOICE_NO].size()).isEqualTo(2);
    }

    @Test
    void readsKaggleDataCsvInIso88591WithItsDatesAndIntegerCustomerIds() throws IOException {
        Path file = write("data.csv", StandardCharsets.ISO_8859_1, HEADER
                + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom\r\n"
                + "539492,gift_0001_40,Dotcomgiftshop Gift Voucher £40.00,1,12/20/2010 10:14,34.04,,United Kingdom\r\n");
        DistinctRows rows = RetailCsv.read(file, ImportProgress.NONE);
        assertThat(rows.format).isEqualTo(ImportFormat.KAGGLE);
        assertThat(rows.charset).isEqualTo(StandardCharsets.ISO_8859_1);
        RetailBatch batch = RetailBatch.of(rows);
        assertThat(RetailValues.formatDate(batch.invoiceDates[0])).isEqualTo("2010-12-01 08:26:00");
        assertThat(RetailValues.formatDate(batch.invoiceDates[1])).isEqualTo("2010-12-20 10:14:00");
        assertThat(batch.customerIds[batch.invoiceCustomers[0]]).isEqualTo("17850");
        assertThat(batch.invoiceCustomers[1]).isEqualTo(-1);
        assertThat(batch.descriptions[batch.lineDescription(1)]).isEqualTo("Dotcomgiftshop Gift Voucher £40.00");
        assertThat(batch.codes[batch.lineCodes[1]]).isEqualTo("GIFT_0001_40");
    }

    @Test
    void readsUtf8PoundSignsAsUtf8() throws IOException {
        Path file = write("utf8.csv", StandardCharsets.UTF_8, HEADER
                + "539492,gift_0001_40,Dotcomgiftshop Gift Voucher £40.00,1,2010-12-20 10:14:00,34.04,,United Kingdom\n");
        DistinctRows rows = RetailCsv.read(file, ImportProgress.NONE);
        assertThat(rows.charset).isEqualTo(StandardCharsets.UTF_8);
        assertThat(RetailBatch.of(rows).descriptions[0]).isEqualTo("Dotcomgiftshop Gift Voucher £40.00");
    }

    @Test
    void fallsBackToIso88591ForTheWholeFileWhenOneValueIsNotUtf8() throws IOException {
        // "Â£" in UTF-8 on line 2 is valid UTF-8 too; the lone 0xA3 on line 3 is not
        byte[] bytes = concat((HEADER + "1,A,ONE Â£,1,2010-12-20 10:14:00,1,,UK\n").getBytes(StandardCharsets.UTF_8),
                "2,B,TWO £,1,2010-12-20 10:14:00,1,,UK\n".getBytes(StandardCharsets.ISO_8859_1));
        Path file = this.directory.resolve("mixed.csv");
        Files.write(file, bytes);
        RetailBatch batch = RetailBatch.of(RetailCsv.read(file, ImportProgress.NONE));
        assertThat(batch.charset).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(batch.descriptions).containsExactly("ONE Ã\u0082Â£", "TWO £");
    }

    @Test
    void readsGzipToldByItsMagicBytesWhateverTheFileIsCalled() throws IOException {
        byte[] plain = Files.readAllBytes(TestFiles.SAMPLE);
        Path gzipNamedCsv = this.directory.resolve("sample.csv");
        Files.write(gzipNamedCsv, gzip(plain));
        Path plainNamedGz = this.directory.resolve("sample.csv.gz");
        Files.write(plainNamedGz, plain);

        DistinctRows fromGzip = RetailCsv.read(gzipNamedCsv, ImportProgress.NONE);
        DistinctRows fromPlain = RetailCsv.read(plainNamedGz, ImportProgress.NONE);
        assertThat(fromGzip.gzip).isTrue();
        assertThat(fromPlain.gzip).isFalse();
        assertThat(fromGzip.linesRead).isEqualTo(fromPlain.linesRead).isEqualTo(10_000);
        assertThat(fromGzip.duplicates).isEqualTo(fromPlain.duplicates).isEqualTo(196);
        assertThat(fromGzip.sizeOnDisk).isLessThan(fromPlain.sizeOnDisk / 4);
    }

    @Test
    void readsCrlfLineEndingsAsLf() throws IOException {
        String lf = Files.readString(TestFiles.SAMPLE);
        Path crlf = write("crlf.csv", StandardCharsets.UTF_8, lf.replace("\n", "\r\n"));
        DistinctRows rows = RetailCsv.read(crlf, ImportProgress.NONE);
        assertThat(rows.linesRead).isEqualTo(10_000);
        assertThat(rows.duplicates).isEqualTo(196);
        RetailBatch batch = RetailBatch.of(rows);
        assertThat(batch.invoiceCountries[0]).isEqualTo("United Kingdom");
    }

    @Test
    void skipsAUtf8ByteOrderMarkBeforeTheHeader() throws IOException {
        Path file = this.directory.resolve("bom.csv");
        Files.write(file, concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
                (HEADER + "1,A,X,1,2010-12-20 10:14:00,1,,UK\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(RetailCsv.read(file, ImportProgress.NONE).linesRead).isEqualTo(1);
    }

    @Test
    void setsAsideRowsIdenticalInEveryColumnToAnEarlierRowOnly() throws IOException {
        Path file = write("dups.csv", StandardCharsets.UTF_8, HEADER + "1,A,X,1,2010-12-20 10:14:00,1.5,17850.0,UK\n"
                + "1,A,X,1,2010-12-20 10:14:00,1.5,17850.0,UK\n" + "1,A,X,1,2010-12-20 10:14:00,1.50,17850.0,UK\n"
                + "1,a,X,1,2010-12-20 10:14:00,1.5,17850.0,UK\n" + "1,A,X,1,2010-12-20 10:14:00,1.5,17850.0,UK\n");
        DistinctRows rows = RetailCsv.read(file, ImportProgress.NONE);
        assertThat(rows.linesRead).isEqualTo(5);
        assertThat(rows.duplicates).isEqualTo(2);
        assertThat(rows.count).isEqualTo(3);
    }

    @Test
    void readsAHeaderWithoutRowsAsNothingToImport() throws IOException {
        DistinctRows rows = RetailCsv.read(write("header.csv", StandardCharsets.UTF_8, HEADER), ImportProgress.NONE);
        assertThat(rows.format).isEqualTo(ImportFormat.HEADER_ONLY);
        assertThat(rows.linesRead).isZero();
    }

    @Test
    void reportsProgressInBytesOnDiskAndRows() throws IOException {
        List<String> calls = new ArrayList<>();
        ImportProgress progress = new ImportProgress() {

            @Override
            public void started(long totalBytes) {
                calls.add("started " + totalBytes);
            }

            @Override
            public void advanced(long bytesRead, long rowsRead) {
                calls.add("advanced " + bytesRead + " " + rowsRead);
            }

            @Override
            public void phase(String description) {
                calls.add("phase " + description);
            }

        };
        Path file = this.directory.resolve("sample.csv.gz");
        Files.write(file, gzip(Files.readAllBytes(TestFiles.SAMPLE)));
        long size = Files.size(file);
        RetailCsv.read(file, progress);
        assertThat(calls).first().isEqualTo("started " + size);
        assertThat(calls).last().isEqualTo("advanced " + size + " 10000");
        assertThat(calls).filteredOn((call) -> call.startsWith("advanced")).hasSize(2);
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThatFormatError("", 1, "InvoiceNo").hasMessageContaining("the file is empty");
    }

    @Test
    void rejectsAnotherHeaderNamingTheFirstColumnThatDiffers() {
        assertThatFormatError("InvoiceNo,StockCode,Description,Quantity,Date,UnitPrice,CustomerID,Country\n", 1,
                "InvoiceDate")
            .hasMessageContaining("the header has 'Date' where InvoiceDate is expected");
    }

    @Test
    void rejectsAHeaderWithAColumnMissing() {
        assertThatFormatError("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID\n", 1,
                "Country");
    }

    @Test
    void rejectsARowWithTooFewFieldsNamingTheFirstMissingColumn() {
        assertThatFormatError(HEADER + "1,A,X,1,2010-12-20 10:14:00,1,,UK\n" + "2,A,X,1,2010-12-20 10:14:00,1\n", 3,
                "CustomerID")
            .hasMessage("line 3, column CustomerID: the row has 6 fields; expected 8");
    }

    @Test
    void rejectsARowWithTooManyFields() {
        assertThatFormatError(HEADER + "1,A,X,1,2010-12-20 10:14:00,1,,UK,extra\n", 2, "column 9");
    }

    @Test
    void countsLinesInsideQuotedFieldsWhenNamingTheLineOfAnError() {
        assertThatFormatError(
                HEADER + "1,A,\"TWO\nLINES\",1,2010-12-20 10:14:00,1,,UK\n" + "1,A,X,one,2010-12-20 10:14:00,1,,UK\n",
                4, "Quantity")
            .hasMessage("line 4, column Quantity: 'one' is not a whole number within ±2147483647");
    }

    @Test
    void rejectsAQuantityThatIsNotAWholeNumber() {
        assertThatFormatError(HEADER + "1,A,X,1.5,2010-12-20 10:14:00,1,,UK\n", 2, "Quantity");
        assertThatFormatError(HEADER + "1,A,X,99999999999,2010-12-20 10:14:00,1,,UK\n", 2, "Quantity");
    }

    @Test
    void rejectsAPriceThatIsNotADecimalOrHasMoreThanThreeDecimals() {
        assertThatFormatError(HEADER + "1,A,X,1,2010-12-20 10:14:00,£1,,UK\n", 2, "UnitPrice");
        assertThatFormatError(HEADER + "1,A,X,1,2010-12-20 10:14:00,1e-05,,UK\n", 2, "UnitPrice");
        assertThatFormatError(HEADER + "1,A,X,1,2010-12-20 10:14:00,0.0005,,UK\n", 2, "UnitPrice")
            .hasMessageContaining("'0.0005' is not a decimal number with at most 9 integer digits and 3 decimals");
    }

    @Test
    void readsPricesWithUpToThreeSignificantDecimals() {
        assertThat(price("2.55")).isEqualTo(2550);
        assertThat(price("18.0")).isEqualTo(18000);
        assertThat(price("0.001")).isEqualTo(1);
        assertThat(price("-11062.06")).isEqualTo(-11_062_060);
        assertThat(price("2.5500")).isEqualTo(2550);
        assertThat(price("7")).isEqualTo(7000);
    }

    @Test
    void rejectsADateInNeitherLayout() {
        assertThatFormatError(HEADER + "1,A,X,1,2010-12-20T10:14:00,1,,UK\n", 2, "InvoiceDate")
            .hasMessageContaining("is not a date like 2010-12-01 08:26:00 (UCI export) or 12/1/2010 8:26");
    }

    @Test
    void rejectsAnImpossibleDate() {
        assertThatFormatError(HEADER + "1,A,X,1,2010-12-20 10:14:00,1,,UK\n2,A,X,1,2011-02-29 10:14:00,1,,UK\n", 3,
                "InvoiceDate");
    }

    @Test
    void rejectsADateInTheOtherLayoutThanTheFirstRowsNamingTheLine() {
        assertThatFormatError(HEADER + "1,A,X,1,2010-12-20 10:14:00,1,,UK\n2,A,X,1,12/20/2010 10:14,1,,UK\n", 3,
                "InvoiceDate")
            .hasMessageContaining(
                    "'12/20/2010 10:14' is not a valid date like 2010-12-01 08:26:00 (the format of line 2");
    }

    @Test
    void rejectsAnEmptyInvoiceNumberOrStockCode() {
        assertThatFormatError(HEADER + ",A,X,1,2010-12-20 10:14:00,1,,UK\n", 2, "InvoiceNo");
        assertThatFormatError(HEADER + "1, ,X,1,2010-12-20 10:14:00,1,,UK\n", 2, "StockCode")
            .hasMessage("line 2, column StockCode: the value is empty");
    }

    @Test
    void reportsTheFirstProblemInFileOrderWhateverFindsIt() {
        // records are found on one thread and checked on another, thousands at a time; a
        // bad
        // value must still win over a malformed record further down, and the other way
        // round
        String badQuantity = "7,A,X,one,2010-12-20 10:14:00,1,,UK\n";
        String unclosedQuote = "8,A,\"NEVER CLOSED,1,2010-12-20 10:14:00,1,,UK\n";
        // the header is line 1, rows 1 to 5,000 lines 2 to 5,001
        assertThatFormatError(HEADER + rows(1, 5_001) + badQuantity + rows(5_002, 9_000) + unclosedQuote, 5_002,
                "Quantity");
        assertThatFormatError(HEADER + rows(1, 5_001) + unclosedQuote + rows(5_002, 9_000) + badQuantity, 5_002,
                "Description")
            .hasMessageContaining("never closed");
        assertThatFormatError(HEADER + rows(1, 9_001) + "9,A,X,1,2010-12-20 10:14:00\n" + badQuantity, 9_002,
                "UnitPrice")
            .hasMessageContaining("the row has 5 fields");
    }

    @Test
    void readsARecordLargerThanTheBuffersItIsHandedOverInWholeAndRefusesItsDescriptionAsTooLong() throws IOException {
        // the longest description the API takes is 200 characters: a record of 1 MB is
        // read whole (its length counted exactly, its line named), then refused
        String longDescription = "LONG ".repeat(200_000);
        Path file = write("long.csv", StandardCharsets.UTF_8,
                HEADER + rows(1, 4) + "4,A,\"" + longDescription + "\",1,2010-12-20 10:14:00,1,,UK\n" + rows(5, 5_001));
        ImportFormatException ex = org.assertj.core.api.Assertions.catchThrowableOfType(ImportFormatException.class,
                () -> RetailCsv.read(file, ImportProgress.NONE));
        assertThat(ex.line()).isEqualTo(5);
        assertThat(ex.column()).isEqualTo("Description");
        assertThat(ex.getMessage()).contains("the value is 1000000 characters long; at most 200");
    }

    /** Valid rows, one invoice each, numbered {@code [from, to)}. */
    private static String rows(int from, int to) {
        StringBuilder rows = new StringBuilder();
        for (int row = from; row < to; row++) {
            rows.append(row).append(",A,ITEM ").append(row).append(",1,2010-12-20 10:14:00,1,,UK\n");
        }
        return rows.toString();
    }

    @Test
    void formatsDatesAsPostgresqlReadsThemZerosIncluded() {
        assertThat(RetailValues.formatDate(20000101000000L)).isEqualTo("2000-01-01 00:00:00");
        assertThat(RetailValues.formatDate(20101209080705L)).isEqualTo("2010-12-09 08:07:05");
        assertThat(RetailValues.formatDate(99991231235959L)).isEqualTo("9999-12-31 23:59:59");
    }

    private static long price(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return RetailValues.parsePriceMillis(bytes, 0, bytes.length);
    }

    private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertThatFormatError(String content,
            long line, String column) {
        Path file;
        try {
            file = write("bad.csv", StandardCharsets.UTF_8, content);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return org.assertj.core.api.Assertions.assertThatThrownBy(() -> RetailCsv.read(file, ImportProgress.NONE))
            .isInstanceOfSatisfying(ImportFormatException.class, (ex) -> {
                assertThat(ex.line()).as("line").isEqualTo(line);
                assertThat(ex.column()).as("column").isEqualTo(column);
                assertThat(ex.getMessage()).startsWith("line " + line + ", column " + column + ": ");
            });
    }

    private Path write(String name, Charset charset, String content) throws IOException {
        Path file = this.directory.resolve(name);
        Files.writeString(file, content, charset);
        return file;
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

}
