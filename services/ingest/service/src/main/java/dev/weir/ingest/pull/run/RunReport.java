package dev.weir.ingest.pull.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a run did: its outcome, counts per stream and for the whole run, the dead letters
 * it sent (their reasons) and, when it stopped early, why. Kept with the run's history
 * and printed by {@code weir connector run}.
 */
final class RunReport {

    private static final int MAX_REASONS = 20;

    private final UUID runId;

    private final String connector;

    private final UUID syncId;

    private final RunRequest request;

    private final Instant startedAt;

    private final RunCounters counters;

    private final Map<String, StreamCounts> streams = Collections.synchronizedMap(new LinkedHashMap<>());

    private final List<String> deadLetters = Collections.synchronizedList(new ArrayList<>());

    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    private volatile RunStatus status = RunStatus.RUNNING;

    private volatile String error;

    private volatile Instant finishedAt;

    RunReport(UUID runId, String connector, UUID syncId, RunRequest request, Instant startedAt, RunCounters counters) {
        this.runId = runId;
        this.connector = connector;
        this.syncId = syncId;
        this.request = request;
        this.startedAt = startedAt;
        this.counters = counters;
    }

    StreamCounts stream(String name) {
        return this.streams.computeIfAbsent(name, (n) -> new StreamCounts());
    }

    void deadLetter(String stream, String url, String reason) {
        if (this.deadLetters.size() < MAX_REASONS) {
            this.deadLetters.add(stream + " " + url + ": " + reason);
        }
    }

    void note(String note) {
        this.notes.add(note);
    }

    void finish(RunStatus status, String error, Instant finishedAt) {
        this.status = status;
        this.error = error;
        this.finishedAt = finishedAt;
    }

    UUID runId() {
        return this.runId;
    }

    RunStatus status() {
        return this.status;
    }

    RunCounters counters() {
        return this.counters;
    }

    /** The report as data (for the run history and the admin API). */
    ReportView view() {
        Map<String, ReportView.StreamCounts> streamViews = new LinkedHashMap<>();
        synchronized (this.streams) {
            this.streams.forEach((name, counts) -> streamViews.put(name, counts.view()));
        }
        Instant end = (this.finishedAt != null) ? this.finishedAt : Instant.now();
        return new ReportView(this.runId, this.connector, this.syncId, !this.syncId.equals(this.runId),
                this.request.trigger().label(), this.request.refetch(), this.status.label(), this.startedAt,
                this.finishedAt, Duration.between(this.startedAt, end).toMillis() / 1000.0, this.counters.snapshot(),
                streamViews, List.copyOf(this.deadLetters), List.copyOf(this.notes), this.error);
    }

    /** The report as text, for people. */
    String render() {
        ReportView view = view();
        StringBuilder text = new StringBuilder();
        text.append(String.format("Run %s of %s: %s in %.1f s%s%s%n", view.runId(), view.connector(), view.status(),
                view.durationSeconds(), view.resumed() ? " (resumed the unfinished sync " + view.syncId() + ")" : "",
                view.refetch() ? " (refetch)" : ""));
        text.append(String.format("  %-24s %10s %8s %8s %10s %9s %12s%n", "stream", "partitions", "pages", "skipped",
                "records", "filtered", "dead letters"));
        view.streams()
            .forEach((name, s) -> text.append(String.format("  %-24s %,10d %,8d %,8d %,10d %,9d %,12d%n", name,
                    s.partitions(), s.pages(), s.pagesSkipped(), s.records(), s.recordsFiltered(), s.deadLetters())));
        RunCounts c = view.counts();
        text.append(String.format("  requests %,d, retries %,d, 429s %,d, dead letters %,d%n", c.requests(),
                c.retries(), c.rateLimited(), c.deadLetters()));
        if (!view.deadLetterReasons().isEmpty()) {
            text.append("  dead letters (topic weir.dlq.").append(view.connector()).append("):\n");
            view.deadLetterReasons().forEach((reason) -> text.append("    ").append(reason).append('\n'));
        }
        view.notes().forEach((note) -> text.append("  note: ").append(note).append('\n'));
        if (view.error() != null) {
            text.append("  stopped: ").append(view.error()).append('\n');
        }
        return text.toString();
    }

    static final class StreamCounts {

        final AtomicLong partitions = new AtomicLong();

        final AtomicLong pages = new AtomicLong();

        final AtomicLong pagesSkipped = new AtomicLong();

        final AtomicLong records = new AtomicLong();

        final AtomicLong recordsFiltered = new AtomicLong();

        final AtomicLong deadLetters = new AtomicLong();

        ReportView.StreamCounts view() {
            return new ReportView.StreamCounts(this.partitions.get(), this.pages.get(), this.pagesSkipped.get(),
                    this.records.get(), this.recordsFiltered.get(), this.deadLetters.get());
        }

    }

}
