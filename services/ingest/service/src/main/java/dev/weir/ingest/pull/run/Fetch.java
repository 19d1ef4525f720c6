package dev.weir.ingest.pull.run;

import java.time.Instant;

import dev.weir.ingest.pull.http.Upstream;
import tools.jackson.databind.JsonNode;

/** What fetching a page came to. */
sealed interface Fetch {

    /**
     * A page answered and read as JSON.
     *
     * @param response the answer
     * @param body its body as JSON
     * @param kept whether it came from the copy a stopped run kept rather than from the
     * upstream
     * @param fetchedAt when it was answered
     */
    record Fetched(Upstream.Response response, JsonNode body, boolean kept, Instant fetchedAt) implements Fetch {
    }

    /**
     * A page that cannot be read: not JSON, too large; for the dead-letter topic.
     *
     * @param body its raw body (the beginning of a body too large)
     * @param reason why, for the {@code weir-dlq-reason} header and the report
     * @param status the HTTP status, or null when no whole answer came
     */
    record BadPage(byte[] body, String reason, Integer status, Instant fetchedAt) implements Fetch {
    }

    /**
     * No page: the upstream refused, or could not be reached after the retries; the run
     * stops.
     *
     * @param reason the URL, the status or failure and why it was not retried, secrets
     * masked
     */
    record Failed(String reason) implements Fetch {
    }

}
