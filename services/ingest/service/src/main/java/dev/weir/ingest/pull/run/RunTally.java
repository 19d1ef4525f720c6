package dev.weir.ingest.pull.run;

import java.util.List;

/**
 * The one observer of a run's pages: each page's outcome, told once, updates the run's
 * counters, the report's counts per stream and its dead-letter reasons, the metrics and
 * the run's listener alike.
 */
final class RunTally {

    private final String connector;

    private final RunReport report;

    private final IngestMetrics metrics;

    private final RunListener listener;

    RunTally(String connector, RunReport report, IngestMetrics metrics, RunListener listener) {
        this.connector = connector;
        this.report = report;
        this.metrics = metrics;
        this.listener = listener;
    }

    /** How a page ended. */
    enum Kind {

        /** Fetched, published and checkpointed. */
        DONE,

        /** Not fetched: a recent run did it. */
        SKIPPED,

        /** Unreadable: sent whole to the dead-letter topic. */
        DEAD_LETTERED

    }

    /**
     * A page's outcome.
     *
     * @param stream its stream
     * @param partition its partition ({@code ""} for a stream pulled once)
     * @param url its URL, secrets masked
     * @param records records published from it
     * @param filtered records older than the incremental cursor
     * @param deadLetterReasons why each of its dead letters (records, or the page) is one
     */
    record PageOutcome(Kind kind, String stream, String partition, String url, int records, int filtered,
            List<String> deadLetterReasons) {

        static PageOutcome done(String stream, String partition, String url, int records, int filtered,
                List<String> deadLetterReasons) {
            return new PageOutcome(Kind.DONE, stream, partition, url, records, filtered, deadLetterReasons);
        }

        static PageOutcome skipped(String stream, String partition, String url) {
            return new PageOutcome(Kind.SKIPPED, stream, partition, url, 0, 0, List.of());
        }

        static PageOutcome deadLettered(String stream, String partition, String url, String reason) {
            return new PageOutcome(Kind.DEAD_LETTERED, stream, partition, url, 0, 0, List.of(reason));
        }

    }

    /** A partition of {@code stream} is being pulled. */
    void partitionStarted(String stream) {
        this.report.stream(stream).partitions.incrementAndGet();
    }

    /** Counts a page; returns the run's counts with it, for its checkpoint commit. */
    RunCounts count(PageOutcome page) {
        RunCounters counters = this.report.counters();
        RunReport.StreamCounts stream = this.report.stream(page.stream());
        int deadLetters = page.deadLetterReasons().size();
        switch (page.kind()) {
            case DONE -> {
                counters.pageDone(page.records(), page.filtered(), deadLetters);
                stream.pages.incrementAndGet();
                stream.records.addAndGet(page.records());
                stream.recordsFiltered.addAndGet(page.filtered());
                this.metrics.pageDone(this.connector, page.stream(), page.records(), deadLetters);
            }
            case SKIPPED -> {
                counters.pageSkipped();
                stream.pagesSkipped.incrementAndGet();
                this.metrics.pageSkipped(this.connector, page.stream());
            }
            case DEAD_LETTERED -> {
                counters.deadLettered(deadLetters);
                this.metrics.pageDone(this.connector, page.stream(), 0, deadLetters);
            }
        }
        stream.deadLetters.addAndGet(deadLetters);
        page.deadLetterReasons().forEach((reason) -> this.report.deadLetter(page.stream(), page.url(), reason));
        RunCounts counts = counters.snapshot();
        RunListener.PageEvent event = new RunListener.PageEvent(page.stream(), page.partition(), page.url(),
                page.records(), counts);
        switch (page.kind()) {
            case DONE -> this.listener.pageDone(event);
            case SKIPPED -> this.listener.pageSkipped(event);
            case DEAD_LETTERED -> {
                // the listener hears pages done and skipped
            }
        }
        return counts;
    }

    /** Something worth knowing for the report (a partition cut short). */
    void note(String note) {
        this.report.note(note);
    }

    /** The run's counts now. */
    RunCounts snapshot() {
        return this.report.counters().snapshot();
    }

}
