package dev.weir.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import tools.jackson.databind.JsonNode;

/**
 * A run's progress as it goes, from the counts the service sends: on a terminal a live
 * line (pages, records, requests per second, retries, 429s); on a pipe or in a log a
 * plain line every few seconds. Written to stderr (the writer given), so stdout holds
 * only the report.
 */
final class RunProgress implements AutoCloseable {

    /** When to show progress. */
    enum Mode {

        /** A live line on a terminal, plain lines otherwise. */
        AUTO,
        /** Plain lines every few seconds. */
        LINE,
        /** Only the final report. */
        NONE

    }

    private static final long LINE_EVERY_SECONDS = 5;

    private final String connector;

    private final PrintWriter out;

    private final ProgressBar bar;

    private final ScheduledExecutorService lines;

    private volatile long startNanos = System.nanoTime();

    private volatile Counts counts = new Counts(0, 0, 0, 0, 0, 0, 0);

    private RunProgress(String connector, PrintWriter out, boolean live, boolean lines) {
        this.connector = connector;
        this.out = out;
        this.bar = live ? new ProgressBarBuilder().setTaskName(connector)
            .setMaxRenderedLength(120)
            .setInitialMax(-1)
            .setUnit(" pages", 1)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .hideEta()
            .continuousUpdate()
            .build() : null;
        this.lines = lines ? Executors
            .newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon(true).name("run-progress").factory()) : null;
        if (this.lines != null) {
            this.lines.scheduleAtFixedRate(this::printLine, LINE_EVERY_SECONDS, LINE_EVERY_SECONDS, TimeUnit.SECONDS);
        }
    }

    static RunProgress start(Mode mode, PrintWriter out, String connector) {
        boolean terminal = Terminal.current().interactive();
        return new RunProgress(connector, out, mode == Mode.AUTO && terminal,
                mode == Mode.LINE || (mode == Mode.AUTO && !terminal));
    }

    /**
     * The run has started (or is being followed from now on).
     * @param resumedSync the unfinished sync it resumes, or null
     */
    void started(String runId, String resumedSync) {
        this.startNanos = System.nanoTime();
        String line = "Run " + runId + " of " + this.connector
                + ((resumedSync == null) ? "" : " (resumes the unfinished sync " + resumedSync + ")");
        if (this.bar != null) {
            this.bar.setExtraMessage(" starting");
        }
        this.out.println(line);
        this.out.flush();
    }

    /** The run's counts now (a run view's live report counts, or its committed ones). */
    void update(JsonNode run) {
        JsonNode c = run.path("report").isObject() ? run.path("report").path("counts") : run;
        Counts snapshot = new Counts(c.path("requests").asLong(), c.path("pages").asLong(),
                c.path("pages_skipped").asLong(), c.path("records").asLong(), c.path("retries").asLong(),
                c.path("rate_limited").asLong(), c.path("dead_letters").asLong());
        this.counts = snapshot;
        if (this.bar != null) {
            this.bar.stepTo(snapshot.pages() + snapshot.pagesSkipped());
            this.bar.setExtraMessage(" " + describe(snapshot, false));
        }
    }

    private void printLine() {
        this.out.println(this.connector + ": " + describe(this.counts, true));
        this.out.flush();
    }

    /** Short enough for the live line to fit an 80-column terminal beside its bar. */
    private String describe(Counts c, boolean withPages) {
        double seconds = Math.max(0.001, (System.nanoTime() - this.startNanos) / 1e9);
        return String.format("%s%s%,d records, %.1f req/s, %,d retries, %,d 429s%s",
                withPages ? String.format("%,d pages, ", c.pages()) : "",
                (c.pagesSkipped() > 0) ? String.format("%,d skipped, ", c.pagesSkipped()) : "", c.records(),
                c.requests() / seconds, c.retries(), c.rateLimited(),
                (c.deadLetters() > 0) ? String.format(", %,d to DLQ", c.deadLetters()) : "");
    }

    private record Counts(long requests, long pages, long pagesSkipped, long records, long retries, long rateLimited,
            long deadLetters) {
    }

    @Override
    public void close() {
        if (this.bar != null) {
            this.bar.close();
        }
        if (this.lines != null) {
            this.lines.shutdownNow();
        }
    }

}
