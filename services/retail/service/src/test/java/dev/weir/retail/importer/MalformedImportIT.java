package dev.weir.retail.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A file not in a supported format stores nothing, whatever the database held; nor does
 * an empty one.
 */
class MalformedImportIT {

    @TempDir
    Path directory;

    @Test
    void rejectsAFileWithABadQuantityNamingLineAndColumnAndLeavesTheDatabaseAsItWas() throws IOException {
        ImportDatabase database = ImportDatabase.create();
        database.importFile(TestFiles.SAMPLE);
        Map<String, String> before = database.fingerprint();
        List<String> lines = new ArrayList<>(Files.readAllLines(TestFiles.SAMPLE));
        // line 9,001 (invoice 537160), after thousands of rows that are already stored,
        // before one that is new
        lines.set(9_000, lines.get(9_000).replaceFirst("^([^,]*,[^,]*,(\"[^\"]*\"|[^,]*),)[^,]*,", "$1six,"));
        lines.add("999999,NEW,A ROW THAT IS NEW,1,2011-12-31 23:59:00,1.0,99999.0,Nowhere");
        Path file = this.directory.resolve("bad.csv");
        Files.write(file, lines);

        assertThatExceptionOfType(ImportFormatException.class).isThrownBy(() -> database.importFile(file))
            .satisfies((ex) -> {
                assertThat(ex.line()).isEqualTo(9_001);
                assertThat(ex.column()).isEqualTo("Quantity");
                assertThat(ex.getMessage()).startsWith("line 9001, column Quantity: 'six' is not a whole number");
            });
        assertThat(database.fingerprint()).isEqualTo(before);
    }

    @Test
    void rejectsAFileWithABadRowAfterThousandsOfInvoicesWereWrittenWhileReadingAndStoresNothing() throws IOException {
        ImportDatabase database = ImportDatabase.create();
        StringBuilder csv = new StringBuilder(RetailCsvTest.HEADER);
        for (int i = 0; i < 5_000; i++) {
            csv.append(700_000 + i)
                .append(",CODE,A THING,1,2011-01-01 10:00:00,1.5,")
                .append(20_000 + i % 300)
                .append(".0,United Kingdom\n");
        }
        csv.append("705000,CODE,A THING,1,2011-01-01 10:00:00,cheap,20000.0,United Kingdom\n");
        Path file = this.directory.resolve("bad-at-the-end.csv");
        Files.writeString(file, csv);

        assertThatExceptionOfType(ImportFormatException.class).isThrownBy(() -> database.importFile(file))
            .satisfies((ex) -> assertThat(ex.line()).isEqualTo(5_002));

        assertThat(database.fingerprint().values()).allMatch((table) -> table.startsWith("0 rows"));
        // the invoices read before the bad row had been inserted, and were rolled back
        await("the import's statistics").atMost(Duration.ofSeconds(15))
            .until(() -> database
                .count("SELECT n_tup_ins FROM pg_stat_user_tables WHERE relid = 'retail.invoice'::regclass") >= 4_000);
    }

    @Test
    void rejectsANulByteNamingTheFilesLineNotTheDatabasesAndStoresNothing() throws IOException {
        ImportDatabase database = ImportDatabase.create();
        List<String> lines = new ArrayList<>(Files.readAllLines(TestFiles.SAMPLE));
        lines.set(7_000, lines.get(7_000).replaceFirst("^([^,]*,[^,]*,)", "$1NUL\u0000"));
        Path file = this.directory.resolve("nul.csv");
        Files.write(file, lines);

        assertThatExceptionOfType(ImportFormatException.class).isThrownBy(() -> database.importFile(file))
            .satisfies((ex) -> {
                assertThat(ex.line()).isEqualTo(7_001);
                assertThat(ex.column()).isEqualTo("Description");
                assertThat(ex.getMessage()).contains("'NUL\\u0000").doesNotContain("\u0000").doesNotContain("COPY");
            });
        assertThat(database.fingerprint().values()).allMatch((table) -> table.startsWith("0 rows"));
    }

    @Test
    void rejectsAFileWithAnotherHeaderAndStoresNothing() throws IOException {
        ImportDatabase database = ImportDatabase.create();
        Path file = this.directory.resolve("other.csv");
        Files.writeString(file, "Invoice,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n");

        assertThatExceptionOfType(ImportFormatException.class).isThrownBy(() -> database.importFile(file))
            .satisfies((ex) -> {
                assertThat(ex.line()).isEqualTo(1);
                assertThat(ex.column()).isEqualTo("InvoiceNo");
            });
        assertThat(database.fingerprint().values()).allMatch((table) -> table.startsWith("0 rows"));
    }

    @Test
    void importsAFileWithOnlyAHeaderAsNothingToStore() throws IOException {
        ImportDatabase database = ImportDatabase.create();
        database.importFile(TestFiles.SAMPLE);
        Map<String, String> before = database.fingerprint();
        Path file = this.directory.resolve("header.csv");
        Files.writeString(file, RetailCsvTest.HEADER);

        ImportReport report = database.importFile(file);

        assertThat(report.format()).isEqualTo(ImportFormat.HEADER_ONLY);
        assertThat(report.linesRead()).isZero();
        assertThat(report.reconciles()).isTrue();
        assertThat(database.fingerprint()).isEqualTo(before);
    }

}
