package dev.weir.ingest.pull.run;

/**
 * A permanent failure that ends a run (a 401, a 404, retries run out, a bad page with
 * {@code on_bad_page: fail}, Kafka not acknowledging). The message names the URL and the
 * status, with credentials masked; the next run resumes at the page that failed.
 */
final class RunStoppedException extends Exception {

    RunStoppedException(String message) {
        super(message);
    }

}
