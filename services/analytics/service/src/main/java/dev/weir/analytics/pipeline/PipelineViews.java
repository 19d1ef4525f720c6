package dev.weir.analytics.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the pipeline-health endpoint answers. */
final class PipelineViews {

    private PipelineViews() {
    }

    /**
     * @param at when this answer was computed
     * @param datasets every dataset the warehouse loads
     */
    record PipelineHealth(Instant at, List<DatasetHealth> datasets) {
    }

    /**
     * @param counts the reconciliation counts (raw read, cleaned, dead-lettered by rule,
     * repeats, rows loaded ...), exact once loaded
     * @param runs the last runs of the connector that pulls the dataset, or null when it
     * is pushed or imported
     * @param export for retail, where the reading of the Retail API's export stands
     */
    record DatasetHealth(String dataset, Freshness freshness, Lag lag, DeadLetters deadLetters,
            Map<String, Long> counts, Runs runs, List<ExportState> export) {
    }

    /**
     * @param lastLoadedAt when the last batch of the dataset was committed
     * @param lastEventTime the newest event time in that batch
     * @param lastBatchFreshnessMs for that batch: from the oldest record's receipt to its
     * commit
     * @param secondsSinceLoad from the last batch to this answer
     * @param rowsLastHour rows loaded in the last hour
     * @param perMinute rows loaded per minute over the last 30 minutes (minutes with none
     * left out)
     */
    record Freshness(Instant lastLoadedAt, Instant lastEventTime, Long lastBatchFreshnessMs, Long secondsSinceLoad,
            long rowsLastHour, List<MinuteRows> perMinute) {
    }

    record MinuteRows(Instant minute, long rows) {
    }

    /**
     * The loader's consumer lag: records on the dataset's clean and dead-letter topics
     * not yet in the warehouse.
     *
     * @param available whether Kafka answered
     * @param records the lag, or null when not available
     * @param reason why it is not available
     */
    record Lag(boolean available, Long records, Map<String, Long> byTopic, String reason) {
    }

    /**
     * @param total every dead letter of the dataset
     * @param notReplayed those never replayed
     * @param byRule by the rule that rejected them, most first
     */
    record DeadLetters(long total, long notReplayed, List<RuleCount> byRule) {
    }

    /**
     * @param lastReason the reason of the latest one
     */
    record RuleCount(String rule, long count, String lastReason, Instant lastAt) {
    }

    /**
     * @param connector the connector that pulls the dataset
     * @param available whether the Ingest service answered
     * @param last its last runs, newest first
     * @param reason why they are not available
     */
    record Runs(String connector, boolean available, List<Run> last, String reason) {
    }

    record Run(String runId, String status, String trigger, Instant startedAt, Instant finishedAt,
            double durationSeconds, long pages, long records, long deadLetters, String error) {
    }

    record ExportState(String entity, Instant requestedAt, Instant startedAt, Instant finishedAt, long rowsRead) {
    }

}
