package dev.weir.ingest.pull.run;

import java.util.Locale;

/** What started a run. */
enum RunTrigger {

    /** {@code POST /connectors/{name}/runs}. */
    API,

    /** The connector's schedule. */
    SCHEDULE,

    /** {@code weir connector run}. */
    CLI;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

}
