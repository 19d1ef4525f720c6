package dev.weir.ingest.pull.run;

/**
 * Hears a run's progress as it happens (the CLI's progress line, tests). Called on the
 * run's threads: keep it quick.
 */
interface RunListener {

    RunListener NONE = new RunListener() {
    };

    /** The run has its lock and its id. */
    default void started(RunInfo run) {
    }

    /** A page is done: its records acknowledged by Kafka and its checkpoint committed. */
    default void pageDone(PageEvent page) {
    }

    /** A page was not fetched: a recent run did it. */
    default void pageSkipped(PageEvent page) {
    }

    /**
     * @param runId the run
     * @param connector its connector
     * @param syncId the sync it works on; equal to {@code runId} unless it resumes an
     * unfinished run
     */
    record RunInfo(java.util.UUID runId, String connector, java.util.UUID syncId) {
    }

    /**
     * @param stream the stream
     * @param partition the partition ({@code ""} for a stream pulled once)
     * @param url the page's URL, credentials masked
     * @param records records published from it
     * @param counts the run's counts after it
     */
    record PageEvent(String stream, String partition, String url, int records, RunCounts counts) {
    }

}
