package dev.weir.retail.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.weir.retail.system.RetailSchema;

/**
 * Imports the UCI Online Retail CSV (or Kaggle's {@code data.csv}) into schema
 * {@code retail}: customers, the stock code catalogue, invoices and their lines.
 * <p>
 * <b>Design.</b> One transaction, from the first byte read to the commit.
 * <ol>
 * <li><i>Read</i> ({@link RetailCsv}, {@link CsvReader}): one pass over the bytes (gzip
 * told by its magic bytes), a hand-written RFC 4180 reader, no string per field, which
 * runs on a thread of its own ({@link ReadAhead}) and hands records over in batches. Each
 * column's values are interned into small int ids ({@link Symbols}): a row is eight ints,
 * so duplicate rows are found exactly by sorting the rows' hashes once the file is read
 * ({@link DistinctRows}), and each distinct quantity, price and date is parsed and
 * checked once. The encoding is decided at the end (strict UTF-8, else ISO-8859-1) and
 * the distinct values are decoded then; {@link RetailBatch} applies the rules (shared
 * with the API: {@code CustomerIds}, {@code StockCodes}, {@code StockCodeKind},
 * {@code InvoiceKind}). Meanwhile {@link EarlyHeaders} writes each customer and invoice
 * as soon as its first row is read, on a background thread that has the connection, so
 * PostgreSQL stores them while the file is read. A format error anywhere rolls back what
 * was written: nothing is stored.</li>
 * <li><i>Write</i> ({@link RetailWriter}): the customers and invoices not written yet,
 * and the catalogue entries, with {@code INSERT ... SELECT FROM unnest(arrays) ON
 * CONFLICT DO NOTHING} (rows already there win and are never updated); the stored lines
 * of invoices that existed are read and matched by line number; the new lines are
 * streamed with {@code COPY} straight into {@code invoice_line}.</li>
 * <li><i>Lines in bulk</i> ({@link BulkMode}, {@link InvoiceLineKeys}): when the file
 * brings at least 50,000 new lines and at least as many as the table holds, the import
 * locks {@code invoice}, {@code invoice_line} and {@code stock_code} (waiting at most 5
 * s, else it fails and stores nothing), drops the primary and foreign keys of
 * {@code invoice_line}, copies, and adds the same keys back: PostgreSQL checks every line
 * in one join instead of two queries per line. Otherwise the keys stay and check each
 * line as it is stored, and readers never wait. The lock is taken last, so only the copy
 * and the checks run while readers of invoices and the catalogue wait.</li>
 * </ol>
 * A killed import never sends {@code COMMIT}, so PostgreSQL rolls everything back: the
 * database is as it was before, keys included. No committed state ever lacks a key.
 * <p>
 * How fast each step is, and what was measured and tried instead, is in
 * {@code docs/import.md} ("Speed"), not here.
 */
public final class RetailImporter {

    private final DataSource dataSource;

    private final BulkMode bulkMode;

    RetailImporter(DataSource dataSource) {
        this(dataSource, BulkMode.DEFAULT);
    }

    RetailImporter(DataSource dataSource, BulkMode bulkMode) {
        this.dataSource = dataSource;
        this.bulkMode = bulkMode;
    }

    /**
     * The importer's one door: brings schema {@code retail} up to date if it is behind
     * (the import may run before the service ever has), then imports the file in one
     * transaction. Runs in the caller's process, like {@code psql \copy}: the file is
     * streamed from where it lies.
     * @param dataSource the Retail service's database
     * @param file the UCI export or Kaggle's {@code data.csv}, plain or gzip
     * @param progress told what the import is doing, from the importing thread
     * @return what was read, stored, found present and rejected, exactly
     * @throws ImportFormatException for a file not in a supported format; nothing is
     * stored
     * @throws ImportFailedException when the database fails; nothing is stored
     * @throws UncheckedIOException when the file cannot be read; nothing is stored
     */
    public static ImportReport importFile(DataSource dataSource, Path file, ImportProgress progress) {
        try {
            RetailSchema.migrateIfBehind(dataSource);
        }
        catch (RuntimeException ex) {
            throw new ImportFailedException(
                    "The schema could not be brought up to date, nothing was imported: " + ex.getMessage(), ex);
        }
        return new RetailImporter(dataSource).importFile(file, progress);
    }

    /** Imports the file in one transaction, into a schema that is up to date. */
    ImportReport importFile(Path file, ImportProgress progress) {
        long startedAt = System.nanoTime();
        PhaseClock clock = new PhaseClock(progress);
        Imported imported = importInOneTransaction(file, progress, clock);
        clock.stop();
        return report(file, imported.batch(), imported.written(), clock,
                Duration.ofNanos(System.nanoTime() - startedAt));
    }

    private Imported importInOneTransaction(Path file, ImportProgress progress, PhaseClock clock) {
        clock.start("reading");
        try (Connection connection = this.dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                RetailBatch batch;
                EarlyHeaders.Sent early;
                try (EarlyHeaders headers = new EarlyHeaders(connection)) {
                    DistinctRows rows = RetailCsv.read(file, progress, headers);
                    clock.start("applying the rules");
                    batch = RetailBatch.of(rows);
                    clock.start("writing customers");
                    early = headers.finish();
                }
                RetailWriter.Written written = new RetailWriter(connection, clock, this.bulkMode, early).write(batch);
                clock.start("recording the import's event");
                ImportFinishedEvent.append(connection, report(file, batch, written, clock, Duration.ZERO));
                clock.start("committing");
                connection.commit();
                return new Imported(batch, written);
            }
            catch (IOException ex) {
                rollback(connection, ex);
                throw new UncheckedIOException("Could not read " + file + ": " + Printable.message(ex.getMessage()),
                        ex);
            }
            catch (SQLException | RuntimeException ex) {
                rollback(connection, ex);
                throw ex;
            }
            finally {
                restore(connection, autoCommit);
            }
        }
        catch (SQLException ex) {
            throw new ImportFailedException(
                    "The import failed and was rolled back, nothing was stored: " + Printable.message(ex.getMessage()),
                    ex);
        }
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        }
        catch (SQLException ex) {
            // the connection is gone, and the server rolls back by itself
            failure.addSuppressed(ex);
        }
    }

    /**
     * Hands the connection back as it was lent; a broken one the pool discards anyway.
     */
    private static void restore(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        }
        catch (SQLException ex) {
            // the failure that broke it is already on its way up
        }
    }

    private record Imported(RetailBatch batch, RetailWriter.Written written) {
    }

    private static ImportReport report(Path file, RetailBatch batch, RetailWriter.Written written, PhaseClock clock,
            Duration elapsed) {
        DistinctRows rows = batch.rows;
        Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
        rejected.put(RejectReason.DUPLICATE_LINE, rows.duplicates);
        rejected.put(RejectReason.CONFLICTS_WITH_STORED_LINE, written.linesConflicting);
        Map<ImportRule, Long> rules = new EnumMap<>(batch.rules);
        written.rules.forEach((rule, count) -> rules.merge(rule, count, Long::sum));
        return new ImportReport(file, rows.format, rows.charset.name(), rows.gzip, rows.sizeOnDisk, rows.linesRead,
                written.linesStored, written.linesAlreadyPresent, rejected,
                new ImportReport.Counts(written.customersAdded, batch.customerCount - written.customersAdded),
                new ImportReport.Counts(written.stockCodesAdded, batch.codeCount - written.stockCodesAdded),
                new ImportReport.Counts(written.invoicesAdded, batch.invoiceCount - written.invoicesAdded),
                written.invoicesExtended, written.bulk, rules, clock.durations(), elapsed,
                (rows.notUtf8 != null) ? List.of(rows.notUtf8.warning()) : List.of());
    }

}
