package dev.weir.ingest.pull.run;

import dev.weir.ingest.pull.http.Upstream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A run's live counts, safe to read from another thread (the CLI's progress line, the
 * admin API while the run is going, metrics).
 */
public final class RunCounters implements Upstream.Requests {

    private final AtomicLong requests = new AtomicLong();

    private final AtomicLong pages = new AtomicLong();

    private final AtomicLong pagesSkipped = new AtomicLong();

    private final AtomicLong records = new AtomicLong();

    private final AtomicLong recordsFiltered = new AtomicLong();

    private final AtomicLong retries = new AtomicLong();

    private final AtomicLong rateLimited = new AtomicLong();

    private final AtomicLong deadLetters = new AtomicLong();

    @Override
    public void requested() {
        this.requests.incrementAndGet();
    }

    @Override
    public void retried() {
        this.retries.incrementAndGet();
    }

    @Override
    public void rateLimited() {
        this.rateLimited.incrementAndGet();
    }

    void pageDone(long records, long filtered, long deadLetters) {
        this.pages.incrementAndGet();
        this.records.addAndGet(records);
        this.recordsFiltered.addAndGet(filtered);
        this.deadLetters.addAndGet(deadLetters);
    }

    void pageSkipped() {
        this.pagesSkipped.incrementAndGet();
    }

    void deadLettered(long count) {
        this.deadLetters.addAndGet(count);
    }

    /** A consistent-enough copy of the counts. */
    public Snapshot snapshot() {
        return new Snapshot(this.requests.get(), this.pages.get(), this.pagesSkipped.get(), this.records.get(),
                this.recordsFiltered.get(), this.retries.get(), this.rateLimited.get(), this.deadLetters.get());
    }

    /**
     * Counts of a run.
     *
     * @param requests HTTP requests sent (every attempt)
     * @param pages pages fetched and done (published and checkpointed)
     * @param pagesSkipped pages not fetched because a recent run did them (fingerprints)
     * @param records records published
     * @param recordsFiltered records not published because they are older than the
     * incremental cursor
     * @param retries retries, of failed attempts and of retriable responses
     * @param rateLimited 429 responses
     * @param deadLetters pages and records sent to the dead-letter topic
     */
    public record Snapshot(long requests, long pages, long pagesSkipped, long records, long recordsFiltered,
            long retries, long rateLimited, long deadLetters) {
    }

}
