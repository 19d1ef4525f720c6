package dev.weir.ingest.pull.run;

import java.time.Instant;

/**
 * Where a stream of a connector stands: its partitions (one for a stream pulled once, one
 * per parent record or {@code for_each} value otherwise), how many are done in their
 * current sync, and the pages done.
 *
 * @param stream the stream
 * @param partitions partitions known
 * @param done partitions done in their current sync
 * @param pages pages done in the current sync
 * @param cursor the greatest incremental cursor of a complete sync, or null
 * @param updatedAt when a page of the stream was last done, or null
 */
public record CheckpointSummary(String stream, long partitions, long done, long pages, String cursor,
        Instant updatedAt) {

    /** Partitions still to pull in the current sync. */
    public long pending() {
        return this.partitions - this.done;
    }

}
