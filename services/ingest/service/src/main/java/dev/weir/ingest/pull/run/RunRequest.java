package dev.weir.ingest.pull.run;

import java.time.Instant;

/**
 * What is asked of a run.
 *
 * @param trigger what starts it
 * @param refetch start a new sync and fetch every page, even pages done within their
 * fingerprint's lifetime
 * @param scheduledFor the schedule's fire time (schedule runs only), so a fire time
 * starts one run cluster-wide
 */
record RunRequest(RunTrigger trigger, boolean refetch, Instant scheduledFor) {

    static RunRequest of(RunTrigger trigger, boolean refetch) {
        return new RunRequest(trigger, refetch, null);
    }

}
