package dev.weir.retail.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Bulk mode: the keys of {@code invoice_line} are set aside and added back within the
 * import's transaction. Small files here, with the mode's threshold lowered; the full
 * file takes it with the default one ({@link FullFileImportIT}, {@link KilledImportIT}).
 */
class BulkImportIT {

    /** Bulk for any file that brings at least as many lines as the table holds. */
    private static final BulkMode WHENEVER_IT_PAYS = new BulkMode(1, Duration.ofSeconds(5));

    @TempDir
    Path directory;

    @Test
    void addsBackTheKeysOfTheMigrationUnderTheSameNamesWithTheSameDefinitions() {
        ImportDatabase database = ImportDatabase.create();
        Map<String, String> migrated = database.keys();
        assertThat(migrated)
            .containsEntry("constraint retail.invoice_line.invoice_line_pkey",
                    "p: PRIMARY KEY (invoice_no, line_no), deferrable false, initially deferred false, validated true")
            .containsEntry("constraint retail.invoice_line.invoice_line_invoice_no_fkey",
                    "f: FOREIGN KEY (invoice_no) REFERENCES retail.invoice(invoice_no), deferrable false,"
                            + " initially deferred false, validated true")
            .containsEntry("constraint retail.invoice_line.invoice_line_stock_code_fkey",
                    "f: FOREIGN KEY (stock_code) REFERENCES retail.stock_code(stock_code), deferrable false,"
                            + " initially deferred false, validated true")
            .containsEntry("constraint retail.invoice_line.invoice_line_line_no_check",
                    "c: CHECK ((line_no > 0)), deferrable false, initially deferred false, validated true")
            .containsEntry("index retail.invoice_line_pkey",
                    "CREATE UNIQUE INDEX invoice_line_pkey ON retail.invoice_line USING btree (invoice_no, line_no)");
        Phases phases = new Phases();

        ImportReport report = database.importFile(TestFiles.SAMPLE, WHENEVER_IT_PAYS, phases);

        assertThat(report.linesInBulk()).isTrue();
        assertThat(phases.seen).contains("locking invoice lines", "adding the keys back (checks every line)");
        assertThat(report.render()).contains("stored in bulk");
        assertThat(report.linesStored()).isEqualTo(9_804);
        assertThat(database.keys()).isEqualTo(migrated);
        // and they hold
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> database.execute("INSERT INTO retail.invoice_line (invoice_no, line_no, stock_code,"
                    + " quantity, unit_price) VALUES ('536365', 99, 'NO SUCH CODE', 1, 1)"))
            .havingCause()
            .withMessageContaining("invoice_line_stock_code_fkey");
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> database.execute("INSERT INTO retail.invoice_line (invoice_no, line_no, stock_code,"
                    + " quantity, unit_price) VALUES ('536365', 1, '85123A', 1, 1)"))
            .havingCause()
            .withMessageContaining("invoice_line_pkey");
    }

    @Test
    void aLineThatBreaksAKeyFailsTheImportAndLeavesTheKeysAndRowsAsTheyWere() throws IOException {
        ImportDatabase database = ImportDatabase.create();
        database.importFile(TestFiles.SLICE_UCI);
        Map<String, String> keys = database.keys();
        Map<String, String> rows = database.fingerprint();
        // PostgreSQL must catch it, not the importer: a trigger makes one copied line
        // name a
        // stock code that does not exist
        database.execute("""
                CREATE FUNCTION retail.break_a_line() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.invoice_no = '536365' AND NEW.line_no = 3 THEN
                        NEW.stock_code := 'NO SUCH CODE';
                    END IF;
                    RETURN NEW;
                END $$""", "CREATE TRIGGER break_a_line BEFORE INSERT ON retail.invoice_line"
                + " FOR EACH ROW EXECUTE FUNCTION retail.break_a_line()");
        Phases phases = new Phases();

        assertThatExceptionOfType(ImportFailedException.class)
            .isThrownBy(() -> database.importFile(TestFiles.SAMPLE, WHENEVER_IT_PAYS, phases))
            .withMessageContaining("rolled back, nothing was stored")
            .withMessageContaining("invoice_line_stock_code_fkey");

        // it failed adding the keys back, after the lines were copied without them
        assertThat(phases.seen).endsWith("writing invoice lines", "adding the keys back (checks every line)");
        database.execute("DROP TRIGGER break_a_line ON retail.invoice_line", "DROP FUNCTION retail.break_a_line()");
        assertThat(database.keys()).isEqualTo(keys);
        assertThat(database.fingerprint()).isEqualTo(rows);
    }

    @Test
    void givesUpWithAClearMessageWhenAnotherTransactionHoldsTheTablesBeyondTheLockTimeout() throws SQLException {
        ImportDatabase database = ImportDatabase.create();
        database.importFile(TestFiles.SLICE_UCI);
        Map<String, String> rows = database.fingerprint();
        BulkMode halfASecond = new BulkMode(1, Duration.ofMillis(500));
        try (Connection reader = database.dataSource.getConnection(); Statement statement = reader.createStatement()) {
            // a long read of invoice lines, still open
            reader.setAutoCommit(false);
            statement.execute("SELECT count(*) FROM retail.invoice_line");
            // it gives up at its lock_timeout (the message says so) while the reader
            // still holds
            // its lock: it did not wait for the reader; the preemptive timeout only stops
            // a hang
            assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertThatExceptionOfType(ImportFailedException.class)
                        .isThrownBy(() -> database.importFile(TestFiles.SAMPLE, halfASecond, ImportProgress.NONE))
                        .withMessageStartingWith("Could not lock retail.invoice, retail.invoice_line,"
                                + " retail.stock_code within 500 ms (lock_timeout)")
                        .withMessageContaining("Nothing was stored"));

            // the reader went on undisturbed, and nobody queues for a lock any more
            statement.execute("SELECT count(*) FROM retail.invoice_line");
            assertThat(database.count("SELECT count(*) FROM pg_locks WHERE NOT granted")).isZero();
            reader.rollback();
        }
        assertThat(database.fingerprint()).isEqualTo(rows);
    }

    @Test
    void loadsRowByRowWhenTheFileBringsFewerLinesThanTheTableHoldsOrFewerThanTheMinimum() throws IOException {
        ImportDatabase database = ImportDatabase.create();
        // 9,804 lines, fewer than the default minimum of 50,000
        ImportReport sample = database.importFile(TestFiles.SAMPLE);
        assertThat(sample.linesInBulk()).isFalse();
        assertThat(sample.render()).contains("stored row by row");
        Path small = this.directory.resolve("small.csv");
        Files.writeString(small, RetailCsvTest.HEADER + """
                600001,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2011-12-10 10:00:00,2.55,17850.0,United Kingdom
                600001,71053,WHITE METAL LANTERN,6,2011-12-10 10:00:00,3.39,17850.0,United Kingdom
                """);
        Phases phases = new Phases();

        // 2 new lines into a table of 9,804: row by row even where any number would do
        ImportReport report = database.importFile(small, WHENEVER_IT_PAYS, phases);

        assertThat(report.linesInBulk()).isFalse();
        assertThat(report.linesStored()).isEqualTo(2);
        assertThat(phases.seen).doesNotContain("locking invoice lines", "adding the keys back (checks every line)");
    }

    /** The phases an import went through, in order. */
    private static final class Phases implements ImportProgress {

        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void started(long totalBytes) {
        }

        @Override
        public void advanced(long bytesRead, long rowsRead) {
        }

        @Override
        public void phase(String description) {
            this.seen.add(description);
        }

    }

}
