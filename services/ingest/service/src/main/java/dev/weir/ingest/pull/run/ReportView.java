package dev.weir.ingest.pull.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A run's report, as the admin API shows it and the run history keeps it (live while the
 * run goes on in this process).
 *
 * @param runId the run
 * @param connector its connector
 * @param syncId the sync it worked on
 * @param resumed whether it resumed an unfinished run's sync
 * @param trigger what started it
 * @param refetch whether it fetched pages done recently too
 * @param status running, succeeded, failed or interrupted
 * @param startedAt when it started
 * @param finishedAt when it ended, or null
 * @param durationSeconds how long it ran (so far)
 * @param counts its counts
 * @param streams counts per stream, in the order of the definition
 * @param deadLetterReasons the first dead letters' stream, URL and reason
 * @param notes things worth knowing (a partition cut short by a bad page)
 * @param error why it stopped early, or null
 */
public record ReportView(UUID runId, String connector, UUID syncId, boolean resumed, String trigger, boolean refetch,
        String status, Instant startedAt, Instant finishedAt, double durationSeconds, RunCounts counts,
        Map<String, StreamCounts> streams, List<String> deadLetterReasons, List<String> notes, String error) {

    /**
     * Counts of one stream in a run.
     *
     * @param partitions partitions pulled (1 unless the stream has a parent or for_each)
     * @param pages pages fetched and done
     * @param pagesSkipped pages not fetched (fingerprints)
     * @param records records published
     * @param recordsFiltered records older than the incremental cursor
     * @param deadLetters pages and records dead-lettered
     */
    public record StreamCounts(long partitions, long pages, long pagesSkipped, long records, long recordsFiltered,
            long deadLetters) {
    }

}
