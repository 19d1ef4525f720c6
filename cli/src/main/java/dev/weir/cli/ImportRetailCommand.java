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
        "Prints the reconciliation report on stdout (--json: one JSON document), progress on stderr: a bar on a "
                + "terminal (plain unless NO_COLOR), a line every 2 s otherwise.",
        "Exit status: 0 imported and reconciled, 3 the file is not in a supported format (nothing stored), 4 no such "
                + "file, 1 the import failed and was rolled back (docs/cli.md)." })
final class ImportRetailCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The CSV file, e.g. data/online-retail/online_retail.csv.gz")
    Path file;

    @Mixin
    DatabaseOptions database;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = this.spec.commandLine().getOut();
        PrintWriter err = this.spec.commandLine().getErr();
        if (!Files.isRegularFile(this.file)) {
            throw new CommandFailure(ExitCode.NOT_FOUND, "no such file: " + this.file);
        }
        ImportReport report;
        try (DatabaseOptions.Database db = this.database.open();
                TerminalProgress progress = new TerminalProgress(err, Terminal.current())) {
            report = RetailImporter.importFile(db.dataSource(), this.file, progress);
        }
        catch (ImportFormatException ex) {
            throw new CommandFailure(ExitCode.BAD_INPUT,
                    this.file + " is not an Online Retail CSV (nothing was stored): " + ex.getMessage(), ex);
        }
        catch (ImportFailedException | UncheckedIOException ex) {
            throw new CommandFailure(ExitCode.FAILED, "the import failed and was rolled back: " + ex.getMessage(), ex);
        }
        if (this.json.enabled()) {
            JsonOutput.print(out, ImportReportJson.of(report));
        }
        else {
            out.println(report.render());
            out.flush();
        }
        if (!report.reconciles()) {
            throw new CommandFailure(ExitCode.FAILED,
                    "the report does not reconcile; this is a bug, please report it.");
        }
        return ExitCode.OK;
    }

    /**
     * Progress on stderr: on a terminal a bar with rows/s (plain when {@code NO_COLOR} is
     * set); on a pipe or in a log, a line every few seconds.
     */
    private static final class TerminalProgress implements ImportProgress, AutoCloseable {

        private final PrintWriter out;

        private final Terminal terminal;

        private final long startNanos = System.nanoTime();

        private ProgressBar bar;

        private long lastLineNanos;

        private long rows;

        TerminalProgress(PrintWriter out, Terminal terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public void started(long totalBytes) {
            if (this.terminal.interactive()) {
                this.bar = new ProgressBarBuilder().setTaskName("Reading")
                    .setInitialMax(totalBytes)
                    .setUnit(" MB", 1 << 20)
                    .setStyle(this.terminal.colour() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
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
