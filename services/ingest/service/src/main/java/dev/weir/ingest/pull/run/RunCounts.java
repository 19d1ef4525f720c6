package dev.weir.ingest.pull.run;

/**
 * Counts of a run (in the admin API's run views and reports).
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
public record RunCounts(long requests, long pages, long pagesSkipped, long records, long recordsFiltered, long retries,
        long rateLimited, long deadLetters) {

}
