package dev.weir.ingest.pull.definition;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.util.unit.DataSize;

/**
 * A connector's definition, read from YAML (snake_case keys) and validated: where the API
 * is, how to authenticate, how hard to press it, and its streams. The name is the
 * dataset: records go to {@code weir.raw.<name>}, unreadable pages to
 * {@code weir.dlq.<name>}. Every option, its default and its meaning are listed in
 * {@code docs/connectors.md}.
 *
 * @param name the connector and its dataset (lower case letters, digits, {@code _} and
 * {@code -})
 * @param description what the connector pulls, for people
 * @param baseUrl the API's base URL; stream paths are relative to it
 * @param headers headers of every request (values may hold secret references)
 * @param params query parameters of every request
 * @param auth how requests carry credentials
 * @param budget how many requests per second and at once
 * @param timeouts connect and read timeouts of each request
 * @param retry how failed requests are retried
 * @param onBadPage what a run does after sending an unreadable page to the dead-letter
 * topic
 * @param schedule a Spring cron expression (six fields, seconds first), or null for none;
 * the definition may say it in five fields, as crontab does ({@link DefinitionReader})
 * @param scheduleZone the time zone the schedule's times are in (UTC unless said)
 * @param fingerprintTtl how long a page done stays done: within it, a new run does not
 * fetch it again
 * @param maxPageSize the largest response body read; a larger one is a bad page
 * @param streams the streams, parents before their children
 */
public record ConnectorConfig(String name, String description, URI baseUrl, Map<String, String> headers,
        Map<String, String> params, AuthConfig auth, Budget budget, Timeouts timeouts, Retry retry,
        BadPagePolicy onBadPage, String schedule, ZoneId scheduleZone, Duration fingerprintTtl, DataSize maxPageSize,
        List<StreamConfig> streams) {

    /** The zone of a schedule that names none: UTC, by that name. */
    public static final ZoneId UTC = ZoneId.of("UTC");

    public ConnectorConfig {
        scheduleZone = (scheduleZone != null) ? scheduleZone : UTC;
        headers = Map.copyOf(headers);
        params = Map.copyOf(params);
        streams = List.copyOf(streams);
    }

    /** The stream named so. */
    public Optional<StreamConfig> stream(String name) {
        return this.streams.stream().filter((stream) -> stream.name().equals(name)).findFirst();
    }

    /** The streams whose parent is {@code parent}, in declaration order. */
    public List<StreamConfig> children(String parent) {
        return this.streams.stream()
            .filter((stream) -> stream.parent() != null && stream.parent().stream().equals(parent))
            .toList();
    }

    /** The topic of the dataset's raw records. */
    public String rawTopic() {
        return "weir.raw." + this.name;
    }

    /** The topic of the dataset's dead letters. */
    public String deadLetterTopic() {
        return "weir.dlq." + this.name;
    }

    /**
     * The request budget.
     *
     * @param requestsPerSecond requests started per second at most, over the whole run (a
     * token bucket holding one token: requests are spaced evenly)
     * @param concurrency requests in flight at once at most; also how many partitions of
     * a stream (children of different parents) are pulled side by side
     */
    public record Budget(double requestsPerSecond, int concurrency) {
    }

    /**
     * @param connect how long to wait for a connection
     * @param read how long to wait for a whole response (headers and body)
     */
    public record Timeouts(Duration connect, Duration read) {
    }

    /**
     * @param maxAttempts attempts per request, the first included
     * @param initialBackoff the backoff cap of the first retry; it doubles per retry
     * (full jitter: the wait is random between zero and the cap)
     * @param maxBackoff the largest backoff cap
     * @param maxRetryAfter the longest {@code Retry-After} honoured; an upstream asking
     * for longer stops the run
     */
    public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    }

    /** What a run does after dead-lettering a page it cannot read. */
    public enum BadPagePolicy {

        /**
         * Go on with the next page (or the next partition when the next page is unknown).
         */
        CONTINUE,

        /** Stop the run as failed; the next run fetches the page again. */
        FAIL

    }

}
