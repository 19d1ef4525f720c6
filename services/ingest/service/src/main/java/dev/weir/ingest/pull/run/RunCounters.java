package dev.weir.ingest.pull.run;

import dev.weir.ingest.pull.http.Upstream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A run's live counts, safe to read from another thread (the CLI's progress line, the
 * admin API while the run is going, metrics).
 */
final class RunCounters implements Upstream.Requests {

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
    RunCounts snapshot() {
        return new RunCounts(this.requests.get(), this.pages.get(), this.pagesSkipped.get(), this.records.get(),
                this.recordsFiltered.get(), this.retries.get(), this.rateLimited.get(), this.deadLetters.get());
    }

}
