package dev.weir.ingest.pull.run;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import dev.weir.ingest.pull.definition.ConnectorConfig;
import dev.weir.ingest.pull.run.PageAssembler.Assembled;
import dev.weir.ingest.pull.run.RequestPlanner.PlannedPage;
import dev.weir.ingest.pull.run.RunTally.PageOutcome;
import dev.weir.ingest.pull.spi.PageState;

/**
 * Ends a page, whatever came of it: publishes what it holds and waits for Kafka's acks,
 * counts it ({@link RunTally}), then advances its partition's checkpoint in one
 * transaction with its fingerprint, the child partitions it lists and the run's counts. A
 * page is done only here, after its acks.
 */
final class PageCommitter {

    private final ConnectorConfig config;

    private final UUID syncId;

    private final UUID runId;

    private final CheckpointRepository checkpoints;

    private final RecordSink sink;

    private final RunTally tally;

    private final Clock clock;

    PageCommitter(ConnectorConfig config, UUID syncId, UUID runId, PullRun.Parts parts, RunTally tally) {
        this.config = config;
        this.syncId = syncId;
        this.runId = runId;
        this.checkpoints = parts.checkpoints();
        this.sink = parts.sink();
        this.clock = parts.clock();
        this.tally = tally;
    }

    /** Checks between a page's acks and its checkpoint that the run may still commit. */
    @FunctionalInterface
    interface Guard {

        void check() throws InterruptedException, RunStoppedException;

    }

    /**
     * A page read: its records and dead letters published and acknowledged, then its
     * checkpoint.
     * @param cursor the incremental cursor to keep
     * @param cursorMax the greatest cursor value of the sync so far
     */
    void done(StreamCheckpoint partition, PlannedPage page, Fetch.Fetched fetched, Assembled assembled, String cursor,
            String cursorMax, Guard guard) throws InterruptedException, RunStoppedException {
        this.sink.publish(assembled.toPublish());
        guard.check();
        RunCounts counts = this.tally.count(PageOutcome.done(partition.stream(), partition.partitionKey(), page.url(),
                assembled.records().size(), assembled.filtered(), assembled.reasons()));
        this.checkpoints.commit(new CheckpointRepository.PageCommit(this.config.name(), this.syncId, this.runId,
                partition.stream(), partition.partitionKey(), assembled.next(), cursor, cursorMax, page.fingerprint(),
                page.url(), assembled.selected(), fetched.fetchedAt(), this.config.fingerprintTtl(),
                assembled.children(), counts));
    }

    /**
     * A page done recently, not fetched: the partition moves to the page after it, and
     * the child partitions that page listed join this sync.
     */
    void skipped(StreamCheckpoint partition, PlannedPage page, PageState next, String cursor) {
        RunCounts counts = this.tally
            .count(PageOutcome.skipped(partition.stream(), partition.partitionKey(), page.url()));
        this.checkpoints.skip(this.config.name(), this.syncId, this.runId, partition.stream(), partition.partitionKey(),
                page.fingerprint(), next, cursor, counts);
    }

    /** Publishes an unreadable page to the dead-letter topic and counts it. */
    void deadLetter(StreamCheckpoint partition, RawRecords.Origin origin,
            org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> deadLetter, String reason)
            throws InterruptedException {
        this.sink.publish(List.of(deadLetter));
        this.tally
            .count(PageOutcome.deadLettered(partition.stream(), partition.partitionKey(), origin.sourceUrl(), reason));
    }

    /**
     * Moves past a dead-lettered page without a fingerprint (the next sync tries it
     * again).
     * @param next the state of the page after it, or null when the partition ends there
     */
    void passBadPage(StreamCheckpoint partition, RawRecords.Origin origin, PageState next) {
        this.checkpoints
            .commit(new CheckpointRepository.PageCommit(this.config.name(), this.syncId, this.runId, partition.stream(),
                    partition.partitionKey(), next, partition.cursor(), partition.cursorMax(), null, origin.sourceUrl(),
                    0, origin.fetchedAt(), this.config.fingerprintTtl(), List.of(), this.tally.snapshot()));
    }

    /**
     * Ends a partition whose request cannot be planned (a parent record without a field a
     * template needs).
     */
    void unplannable(StreamCheckpoint partition, String cursor, String cursorMax) {
        this.checkpoints.commit(new CheckpointRepository.PageCommit(this.config.name(), this.syncId, this.runId,
                partition.stream(), partition.partitionKey(), null, cursor, cursorMax, null, "", 0,
                this.clock.instant(), this.config.fingerprintTtl(), List.of(), this.tally.snapshot()));
    }

}
