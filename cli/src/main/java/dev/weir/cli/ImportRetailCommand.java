package dev.weir.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.weir.retail.importer.ImportFailedException;
import dev.weir.retail.importer.ImportFormatException;
import dev.weir.retail.importer.ImportProgress;
import dev.weir.retail.importer.ImportReport;
import dev.weir.retail.importer.RetailImporter;

/**
 * {@code weir import retail FILE}: the UCI Online Retail CSV into the Retail service's
 * schema, in one transaction, with a progress bar on a terminal and a reconciliation
 * report at the end. Works whether or not {@code weir up} is running (it attaches to the
 * embedded PostgreSQL it runs).
 */
@Command(name = "retail", mixinStandardHelpOptions = true, description = {
        "Import the Online Retail CSV (UCI export or Kaggle layout, plain or .gz) into the Retail API's tables.",
        "One transaction: a killed import leaves the database as it was. Importing a file twice changes nothing.",
        "A large import (50,000 new lines or more, and at least as many as stored) loads its lines in bulk: readers of invoices and stock codes wait for it until it commits, and it waits at most 5 s for them (docs/import.md).",
        "Exit status: 0 imported and reconciled, 2 the file is not in a supported format (nothing stored), 1 other failures." })
final class ImportRetailCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The CSV file, e.g. data/online-retail/online_retail.csv.gz")
    Path file;

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = this.spec.commandLine().getOut();
        PrintWriter err = this.spec.commandLine().getErr();
        if (!Files.isRegularFile(this.file)) {
            err.println("weir import retail: no such file: " + this.file);
            return 2;
        }
        try (DatabaseOptions.Database db = this.database.open()) {
            ImportReport report;
            try (TerminalProgress progress = new TerminalProgress(out, System.console() != null)) {
                report = RetailImporter.importFile(db.dataSource(), this.file, progress);
            }
            out.println(report.render());
            out.flush();
            if (!report.reconciles()) {
                err.println("weir import retail: the report does not reconcile; this is a bug, please report it.");
                return 1;
            }
            return 0;
        }
        catch (ImportFormatException ex) {
            err.println("weir import retail: " + this.file + " is not an Online Retail CSV: " + ex.getMessage());
            err.println("Nothing was stored.");
            return 2;
        }
        catch (ImportFailedException | UncheckedIOException ex) {
            err.println("weir import retail: the import failed and was rolled back: " + ex.getMessage());
            return 1;
        }
    }

    /**
     * Progress on a terminal (a bar with rows/s); on a pipe or in a log, a line every few
     * seconds.
     */
    private static final class TerminalProgress implements ImportProgress, AutoCloseable {

        private final PrintWriter out;

        private final boolean terminal;

        private final long startNanos = System.nanoTime();

        private ProgressBar bar;

        private long lastLineNanos;

        private long rows;

        TerminalProgress(PrintWriter out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public void started(long totalBytes) {
            if (this.terminal) {
                this.bar = new ProgressBarBuilder().setTaskName("Reading")
                    .setInitialMax(totalBytes)
                    .setUnit(" MB", 1 << 20)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(200)
                    .build();
            }
        }

        @Override
        public void advanced(long bytesRead, long rowsRead) {
            this.rows = rowsRead;
            long rate = rowsPerSecond();
            if (this.bar != null) {
                this.bar.stepTo(bytesRead);
                this.bar.setExtraMessage(String.format("%,d rows, %,d rows/s", rowsRead, rate));
            }
            else if (System.nanoTime() - this.lastLineNanos > 2_000_000_000L) {
                this.lastLineNanos = System.nanoTime();
                this.out.printf("read %,d rows (%,d rows/s)%n", rowsRead, rate);
                this.out.flush();
            }
        }

        @Override
        public void phase(String description) {
            if (this.bar != null) {
                this.bar.setExtraMessage(String.format("%,d rows, %s", this.rows, description));
            }
            else {
                this.out.println(description + " ...");
                this.out.flush();
            }
        }

        private long rowsPerSecond() {
            long nanos = Math.max(1, System.nanoTime() - this.startNanos);
            return Math.round(this.rows * 1e9 / nanos);
        }

        @Override
        public void close() {
            if (this.bar != null) {
                this.bar.close();
            }
        }

    }

}
