package dev.weir.ingest.pull.run;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A run as the history shows it.
 *
 * @param runId the run
 * @param connector its connector
 * @param trigger api, schedule or cli
 * @param refetch whether it fetched pages done recently too
 * @param status running, succeeded, failed or interrupted
 * @param host the replica (host and process) it ran on
 * @param startedAt when it started
 * @param finishedAt when it ended, or null
 * @param durationSeconds how long it ran (so far)
 * @param pages pages fetched and done
 * @param pagesSkipped pages not fetched because a recent run did them
 * @param records records published
 * @param retries retried requests
 * @param rateLimited 429 responses
 * @param deadLetters pages and records sent to the dead-letter topic
 * @param resumed the run whose unfinished sync it resumed, or null
 * @param error why it stopped early, or null
 * @param scheduledFor the schedule's fire time it ran for (trigger {@code schedule}), or
 * null
 * @param report the full report once it has ended; while it runs in the process asked,
 * the report so far (with the requests sent); null otherwise
 */
public record RunView(UUID runId, String connector, String trigger, boolean refetch, String status, String host,
        Instant startedAt, Instant finishedAt, double durationSeconds, long pages, long pagesSkipped, long records,
        long retries, long rateLimited, long deadLetters, UUID resumed, String error, Instant scheduledFor,
        ReportView report) {

    /** The same without the report (for lists). */
    public RunView withoutReport() {
        return new RunView(this.runId, this.connector, this.trigger, this.refetch, this.status, this.host,
                this.startedAt, this.finishedAt, this.durationSeconds, this.pages, this.pagesSkipped, this.records,
                this.retries, this.rateLimited, this.deadLetters, this.resumed, this.error, this.scheduledFor, null);
    }

    /**
     * The same with the report's streams in {@code order} (the definition's; the run
     * history's JSON keeps no order), streams not in it last.
     */
    RunView inStreamOrder(List<String> order) {
        if (this.report == null) {
            return this;
        }
        Map<String, ReportView.StreamCounts> streams = new LinkedHashMap<>();
        order.forEach((stream) -> {
            if (this.report.streams().containsKey(stream)) {
                streams.put(stream, this.report.streams().get(stream));
            }
        });
        this.report.streams().forEach(streams::putIfAbsent);
        ReportView r = this.report;
        return new RunView(this.runId, this.connector, this.trigger, this.refetch, this.status, this.host,
                this.startedAt, this.finishedAt, this.durationSeconds, this.pages, this.pagesSkipped, this.records,
                this.retries, this.rateLimited, this.deadLetters, this.resumed, this.error, this.scheduledFor,
                new ReportView(r.runId(), r.connector(), r.syncId(), r.resumed(), r.trigger(), r.refetch(), r.status(),
                        r.startedAt(), r.finishedAt(), r.durationSeconds(), r.counts(), streams, r.deadLetterReasons(),
                        r.notes(), r.error()));
    }

    static RunView of(RunRepository.RunRow row) {
        return of(row, EngineJson.read(row.report(), ReportView.class));
    }

    static RunView of(RunRepository.RunRow row, ReportView report) {
        Instant end = (row.finishedAt() != null) ? row.finishedAt() : Instant.now();
        return new RunView(row.id(), row.connector(), row.trigger(), row.refetch(), row.status().label(), row.host(),
                row.startedAt(), row.finishedAt(), Duration.between(row.startedAt(), end).toMillis() / 1000.0,
                row.pages(), row.pagesSkipped(), row.records(), row.retries(), row.rateLimited(), row.deadLetters(),
                row.syncId().equals(row.id()) ? null : row.syncId(), row.error(), row.scheduledFor(), report);
    }

}
