package dev.weir.retail.importer;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the importer says about a bad file: the file's own line (never the database's COPY
 * line), the value escaped (never a raw byte a terminal would act on), the same length
 * limits as the API, and a warning naming the line that made a file ISO-8859-1.
 */
class ImportMessagesTest {

    static final String HEADER = RetailCsvTest.HEADER;

    /** Line 2 holds a quoted line break, so rows and lines differ from line 4 on. */
    static final String FIRST_ROWS = HEADER
            + "536365,85123A,\"WHITE HANGING\nHEART\",6,2010-12-01 08:26:00,2.55,17850.0," + "United Kingdom\n"
            + "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom\n";

    @TempDir
    Path directory;

    @Test
    void namesTheFilesLineAndColumnOfANulByteInAnyColumnAndShowsItEscaped() throws IOException {
        String[][] cases = {
                { "536366,22633,HAND\0WARMER,6,2010-12-01 08:28:00,1.85,17850.0,United Kingdom", "Description" },
                { "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850.0,United\0Kingdom", "Country" },
                { "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,178\0.0,United Kingdom", "CustomerID" },
                { "536366,226\0,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850.0,United Kingdom", "StockCode" } };
        for (String[] row : cases) {
            ImportFormatException ex = formatError(FIRST_ROWS + row[0] + "\n");
            assertThat(ex.line()).as(row[1]).isEqualTo(5);
            assertThat(ex.column()).as(row[1]).isEqualTo(row[1]);
            assertThat(ex.getMessage()).as(row[1]).contains("NUL").contains("\\u0000").doesNotContain("\0");
        }
    }

    @Test
    void namesTheLineWhereATruncatedGzipFileEnds() throws IOException {
        StringBuilder csv = new StringBuilder(FIRST_ROWS);
        for (int i = 0; i < 20_000; i++) {
            csv.append(540_000 + i)
                .append(",85123A,WHITE HANGING HEART T-LIGHT HOLDER,")
                .append(i % 50 + 1)
                .append(",2011-01-04 10:00:00,2.55,")
                .append(12_000 + i % 4000)
                .append(".0,United Kingdom\n");
        }
        byte[] whole = RetailCsvTest.gzip(csv.toString().getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        Path file = this.directory.resolve("truncated.csv.gz");
        Files.write(file, truncated);

        ImportFormatException ex = catchThrowableOfType(ImportFormatException.class,
                () -> RetailCsv.read(file, ImportProgress.NONE));

        assertThat(ex.line()).isEqualTo(lineWhereTheDataEnds(truncated)).isGreaterThan(1_000);
        assertThat(ex.column()).isNull();
        assertThat(ex.getMessage()).startsWith("line " + ex.line() + ": ").contains(".gz file is truncated");
    }

    @Test
    void neverEchoesRawBytesOfTheFileButEscapesAndCutsThem() throws IOException {
        ImportFormatException quantity = formatError(FIRST_ROWS
                + "536366,22633,HAND WARMER,6\u001b[2J\u001b]0;pwned\u0007,2010-12-01 08:28:00,1.85,17850.0,UK\n");
        assertThat(quantity.getMessage()).contains("'6\\u001b[2J\\u001b]0;pwned\\u0007' is not a whole number")
            .doesNotContain("\u001b")
            .doesNotContain("\u0007");

        byte[] latin = (FIRST_ROWS + "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,\u00a3\u009b1.85,17850.0,UK\n")
            .getBytes(StandardCharsets.ISO_8859_1);
        ImportFormatException price = formatError(latin);
        assertThat(price.getMessage()).contains("'\\xa3\\x9b1.85' is not a decimal number");

        ImportFormatException bidi = formatError(
                FIRST_ROWS + "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.8\u202e5,17850.0,UK\n");
        assertThat(bidi.getMessage()).contains("\\u202e").doesNotContain("\u202e");

        ImportFormatException huge = formatError(
                FIRST_ROWS + "536366,22633,HAND WARMER," + "9".repeat(100_000) + ",2010-12-01 08:28:00,1,1,UK\n");
        assertThat(huge.getMessage()).hasSizeLessThan(300).contains("(100000 bytes)");

        ImportFormatException header = formatError("InvoiceNo,Stock\u001bCode\n");
        assertThat(header.getMessage()).contains("'Stock\\u001bCode'").doesNotContain("\u001b");
    }

    @Test
    void refusesValuesLongerThanTheApiTakesNamingLineAndColumn() throws IOException {
        String[][] cases = {
                { "5".repeat(33) + ",22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850.0,UK", "InvoiceNo", "33",
                        "32" },
                { "536366," + "C".repeat(33) + ",HAND WARMER,6,2010-12-01 08:28:00,1.85,17850.0,UK", "StockCode", "33",
                        "32" },
                { "536366,22633," + "é".repeat(201) + ",6,2010-12-01 08:28:00,1.85,17850.0,UK", "Description", "201",
                        "200" },
                { "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85," + "1".repeat(65) + ",UK", "CustomerID", "65",
                        "64" },
                { "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850.0," + "U".repeat(65), "Country", "65",
                        "64" } };
        for (String[] row : cases) {
            ImportFormatException ex = formatError(FIRST_ROWS + row[0] + "\n");
            assertThat(ex.line()).as(row[1]).isEqualTo(5);
            assertThat(ex.column()).as(row[1]).isEqualTo(row[1]);
            assertThat(ex.getMessage()).as(row[1])
                .contains("is " + row[2] + " characters long; at most " + row[3] + " are allowed");
        }
        // at the limit, in characters rather than bytes, is fine
        Path file = this.directory.resolve("at-the-limit.csv");
        Files.writeString(file, FIRST_ROWS + "536366,22633," + "é".repeat(200) + ",6,2010-12-01 08:28:00,1.85,17850.0,"
                + "U".repeat(64) + "\n");
        assertThat(RetailCsv.read(file, ImportProgress.NONE).linesRead).isEqualTo(3);
    }

    @Test
    void warnsNamingTheLineAndValueThatMadeTheFileReadAsIso88591() throws IOException {
        byte[] utf8 = (FIRST_ROWS + "536366,22633,HAND WARMER £,6,2010-12-01 08:28:00,1.85,17850.0,UK\n")
            .getBytes(StandardCharsets.UTF_8);
        byte[] stray = "536367,22634,CHILDS BREAKFAST SET \u00a3,6,2010-12-01 08:28:00,9.95,17850.0,UK\n"
            .getBytes(StandardCharsets.ISO_8859_1);
        Path file = this.directory.resolve("stray.csv");
        Files.write(file, concat(utf8, stray));

        DistinctRows rows = RetailCsv.read(file, ImportProgress.NONE);

        assertThat(rows.charset).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(rows.notUtf8.warning()).isEqualTo(
                "line 6, column Description: 'CHILDS BREAKFAST SET \\xa3' is not UTF-8, so the whole file was read as "
                        + "ISO-8859-1; if the file is UTF-8, that line is damaged");

        Path clean = this.directory.resolve("clean.csv");
        Files.write(clean, utf8);
        assertThat(RetailCsv.read(clean, ImportProgress.NONE).notUtf8).isNull();
    }

    private ImportFormatException formatError(String csv) throws IOException {
        return formatError(csv.getBytes(StandardCharsets.UTF_8));
    }

    private ImportFormatException formatError(byte[] csv) throws IOException {
        Path file = Files.createTempFile(this.directory, "bad", ".csv");
        Files.write(file, csv);
        ImportFormatException ex = catchThrowableOfType(ImportFormatException.class,
                () -> RetailCsv.read(file, ImportProgress.NONE));
        assertThat(ex).as("a format error").isNotNull();
        return ex;
    }

    /** The line the bytes a truncated gzip file still yields end in. */
    private static long lineWhereTheDataEnds(byte[] truncated) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(truncated))) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                plain.write(buffer, 0, n);
            }
        }
        catch (EOFException expected) {
            // the end of what can be inflated
        }
        long line = 1;
        for (byte b : plain.toByteArray()) {
            if (b == '\n') {
                line++;
            }
        }
        return line;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

}
