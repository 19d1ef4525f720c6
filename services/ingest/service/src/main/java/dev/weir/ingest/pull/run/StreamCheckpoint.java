package dev.weir.ingest.pull.run;

import java.util.UUID;

import dev.weir.ingest.pull.spi.PageState;
import tools.jackson.databind.JsonNode;

/**
 * Where one partition of a stream is in the current sync of its connector: the state of
 * the next page to fetch (null: the first), whether it is done, its incremental cursor,
 * and what it is bound to.
 *
 * @param stream the stream
 * @param partitionKey {@code ""} for a stream pulled once; the parent record's key, or
 * the {@code for_each} value, otherwise
 * @param syncId the sync the state belongs to
 * @param bindings the parent record or value, or null
 * @param pagination the state of the next page to fetch, or null for the first
 * @param done whether the partition is pulled to its end in this sync
 * @param cursor the incremental cursor of the last complete sync, or null
 * @param cursorMax the greatest cursor value seen in this sync so far, or null
 * @param pages pages done in this sync
 */
record StreamCheckpoint(String stream, String partitionKey, UUID syncId, JsonNode bindings, PageState pagination,
        boolean done, String cursor, String cursorMax, long pages) {

}
