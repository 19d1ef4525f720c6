package dev.weir.ingest.pull.run;

import java.util.Locale;

/** Where a run is. */
enum RunStatus {

    /** Going (or died without saying so: the next run of its connector finds out). */
    RUNNING,

    /** Every stream pulled to its end (dead letters may have been sent). */
    SUCCEEDED,

    /** Stopped by a permanent failure; the next run resumes where it stopped. */
    FAILED,

    /** Stopped from outside (shutdown, kill); the next run resumes where it stopped. */
    INTERRUPTED;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RunStatus of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

}
