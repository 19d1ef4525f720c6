package dev.weir.ingest.pull.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

import dev.weir.ingest.pull.definition.ConnectorConfig;
import dev.weir.ingest.pull.definition.Secrets;
import dev.weir.ingest.pull.definition.StreamConfig;
import dev.weir.ingest.pull.http.Upstream;
import dev.weir.ingest.pull.run.RequestPlanner.PlannedPage;
import dev.weir.ingest.pull.spi.Authenticator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Fetches a planned page: from the copy a stopped run kept when it read the page (so it
 * is published without being fetched again), or from the upstream within the budget and
 * the retry policy; then reads its body as JSON. Keeps a copy of each page read until its
 * checkpoint is committed.
 */
final class PageFetcher {

    private final ConnectorConfig config;

    private final Upstream upstream;

    private final Authenticator authenticator;

    private final ReceivedPageRepository received;

    private final Secrets secrets;

    private final Clock clock;

    private final boolean refetch;

    PageFetcher(ConnectorConfig config, Upstream upstream, Authenticator authenticator, ReceivedPageRepository received,
            Secrets secrets, Clock clock, boolean refetch) {
        this.config = config;
        this.upstream = upstream;
        this.authenticator = authenticator;
        this.received = received;
        this.secrets = secrets;
        this.clock = clock;
        this.refetch = refetch;
    }

    Fetch fetch(PlannedPage page, StreamConfig stream) throws InterruptedException {
        Optional<Upstream.Response> kept = this.refetch ? Optional.empty()
                : this.received.find(this.config.name(), page.fingerprint(), this.config.fingerprintTtl());
        if (kept.isPresent()) {
            return read(kept.get(), true);
        }
        return switch (this.upstream.get(page.request(), this.authenticator)) {
            case Upstream.Outcome.Answered answered -> read(answered.response(), false);
            case Upstream.Outcome.TooLarge tooLarge ->
                new Fetch.BadPage(tooLarge.head(), tooLarge.reason(), null, this.clock.instant());
            case Upstream.Outcome.Refused refused -> new Fetch.Failed(
                    this.secrets.mask(refusal(page.url(), stream, refused) + excerpt(refused.response().body())));
            case Upstream.Outcome.Unreachable unreachable -> new Fetch.Failed("GET " + page.url() + " failed"
                    + (unreachable.retried() ? " after " + this.config.retry().maxAttempts() + " attempts" : "") + ": "
                    + this.secrets.mask(describe(unreachable.failure())));
        };
    }

    /**
     * Keeps a page read, until its commit forgets it, so that a run stopped before then
     * publishes it from here next time.
     */
    void keep(PlannedPage page, Fetch.Fetched fetched) {
        if (!fetched.kept()) {
            this.received.keep(this.config.name(), page.fingerprint(), fetched.response());
        }
    }

    private Fetch read(Upstream.Response response, boolean kept) {
        byte[] body = response.body();
        if (body.length == 0) {
            return new Fetch.BadPage(body, "the body is empty", response.status(), this.clock.instant());
        }
        try {
            JsonNode tree = EngineJson.PAGES.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                return new Fetch.BadPage(body, "the body is empty", response.status(), this.clock.instant());
            }
            return new Fetch.Fetched(response, tree, kept, this.clock.instant());
        }
        catch (JacksonException ex) {
            String where = (ex.getLocation() != null)
                    ? " at line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() : "";
            return new Fetch.BadPage(body, "not JSON" + where + ": " + ex.getOriginalMessage(), response.status(),
                    this.clock.instant());
        }
    }

    /** Why the last answer ends the run, as the retry policy decided it. */
    private String refusal(String url, StreamConfig stream, Upstream.Outcome.Refused refused) {
        int status = refused.response().status();
        String get = "GET " + url + " answered " + status;
        return switch (refused.refusal()) {
            case PERMANENT -> switch (status) {
                case 401 -> get + " Unauthorized: the credentials of auth (" + authType() + ") were refused";
                case 403 -> get + " Forbidden: the credentials of auth (" + authType() + ") may not read this resource";
                case 404 -> get + " Not Found: check base_url and the path of stream " + stream.name();
                default -> get + " (not retried: a client error)";
            };
            case WAIT_TOO_LONG -> get + " asking to wait " + refused.retryAfter().orElseThrow().toSeconds()
                    + " s (Retry-After), longer than retry.max_retry_after ("
                    + this.config.retry().maxRetryAfter().toSeconds() + " s)";
            case ATTEMPTS_EXHAUSTED -> "GET " + url + " still answered " + status + " after "
                    + this.config.retry().maxAttempts() + " attempts";
        };
    }

    private String authType() {
        return this.config.auth().getClass().getSimpleName();
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip()
            .replaceAll("\\s+", " ");
        String excerpt = (body.length > 200) ? text + "..." : text;
        return excerpt.isEmpty() ? "" : ": " + excerpt;
    }

    private static String describe(IOException ex) {
        String message = ex.getMessage();
        return ex.getClass().getSimpleName() + ((message != null && !message.isBlank()) ? ": " + message : "");
    }

}
