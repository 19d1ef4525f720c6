package dev.weir.ingest.system;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The Ingest service's settings ({@code weir.ingest.*}). Connectors have their own
 * options, in their definitions.
 *
 * @param dataDir Weir's data directory; user connectors and override files are in its
 * {@code connectors/} ({@code WEIR_DATA_DIR})
 * @param lockLease how long a connector's lock outlives a replica that died holding it; a
 * live run renews it every third of this
 * @param ackTimeout how long a page waits for Kafka to acknowledge its records before the
 * run stops (the page is then fetched again next time)
 * @param maxRecordBytes the largest record published; a larger one goes to the
 * dead-letter topic (cut short), as does the part over this of a bad page's body
 * @param stopTimeout how long stopping the service waits for runs to reach the end of a
 * page
 * @param schedules running connectors on their schedules
 * @param topics the topics of connector datasets
 * @param fingerprints the request fingerprint store
 * @param push the push endpoint, {@code POST /events/{stream}}
 * @param lake the lake writer
 */
@ConfigurationProperties("weir.ingest")
@Validated
public record IngestProperties(@DefaultValue("weir-data") @NotNull Path dataDir,
        @DefaultValue("60s") @NotNull Duration lockLease, @DefaultValue("2m") @NotNull Duration ackTimeout,
        @DefaultValue("1000000") @Min(1024) @Max(10_000_000) int maxRecordBytes,
        @DefaultValue("15s") @NotNull Duration stopTimeout, @DefaultValue @Valid Schedules schedules,
        @DefaultValue @Valid Topics topics, @DefaultValue @Valid Fingerprints fingerprints,
        @DefaultValue @Valid Push push, @DefaultValue @Valid Lake lake) {

    /** Where user connectors and override files are. */
    public Path connectorsDir() {
        return this.dataDir.resolve("connectors");
    }

    /** Where user stream declarations are. */
    public Path streamsDir() {
        return this.dataDir.resolve("streams");
    }

    /** The lake's location: {@link Lake#uri()}, or {@code <data dir>/lake}. */
    public URI lakeUri() {
        return (this.lake.uri() != null && !this.lake.uri().isBlank()) ? URI.create(this.lake.uri().strip())
                : this.dataDir.toAbsolutePath().resolve("lake").toUri();
    }

    /**
     * @param enabled whether this process runs connectors on their schedules (a CLI run
     * does not)
     * @param refresh how often schedules are read again (definitions may change)
     */
    public record Schedules(@DefaultValue("true") boolean enabled, @DefaultValue("1m") @NotNull Duration refresh) {
    }

    /**
     * @param rawPartitions partitions of each {@code weir.raw.<dataset>} topic
     * @param rawRetention how long raw records are kept
     * @param deadLetterRetention how long dead letters are kept
     */
    public record Topics(@DefaultValue("3") @Min(1) @Max(1000) int rawPartitions,
            @DefaultValue("7d") @NotNull Duration rawRetention,
            @DefaultValue("30d") @NotNull Duration deadLetterRetention) {
    }

    /**
     * @param purgeEvery how often expired fingerprints are deleted
     * @param purgeBatch rows deleted per statement, so the purge never holds many locks
     */
    public record Fingerprints(@DefaultValue("10m") @NotNull Duration purgeEvery,
            @DefaultValue("5000") @Min(1) @Max(1_000_000) int purgeBatch) {
    }

    /**
     * The push endpoint.
     *
     * @param enabled whether this process accepts pushed events
     * @param maxDecompressedBody the largest body after gzip decompression (the body on
     * the wire is limited by {@code weir.web.max-request-body}); larger: 413
     * @param maxEvents the most events in one request; more: 413
     * @param maxEventBytes the largest event (its JSON data); larger: 413, or rejected
     * alone with {@code ?partial=true}
     * @param maxNesting the deepest nesting of objects and arrays in an event; deeper:
     * 400
     * @param ackTimeout how long a request waits for Kafka to acknowledge its events;
     * longer: 503 with {@code Retry-After}
     * @param idempotencyTtl how long an {@code Idempotency-Key} and its answer are kept
     * @param idempotencyLease how long a request holding a key may take before a retry
     * with the same key takes it over (the holder is presumed dead)
     * @param streamsRefresh how often declarations (files, the database) are read again
     * @param producer Kafka producer settings of the push producer, over Spring's
     * {@code spring.kafka.producer.*} and the push defaults (linger 5 ms, 256 KB batches,
     * 128 MB buffer, 5 requests in flight); acks and idempotence cannot be changed
     */
    public record Push(@DefaultValue("true") boolean enabled,
            @DefaultValue("64MB") @NotNull DataSize maxDecompressedBody,
            @DefaultValue("10000") @Min(1) @Max(1_000_000) int maxEvents,
            @DefaultValue("256KB") @NotNull DataSize maxEventBytes,
            @DefaultValue("32") @Min(2) @Max(1000) int maxNesting, @DefaultValue("10s") @NotNull Duration ackTimeout,
            @DefaultValue("24h") @NotNull Duration idempotencyTtl,
            @DefaultValue("60s") @NotNull Duration idempotencyLease,
            @DefaultValue("10s") @NotNull Duration streamsRefresh, @DefaultValue Map<String, String> producer) {
    }

    /**
     * The lake writer.
     *
     * @param enabled whether this process writes the lake
     * @param uri where the lake is: {@code file:///path} or {@code s3://bucket/prefix}
     * ({@code WEIR_LAKE_URI}); {@code <data dir>/lake} when empty
     * @param topics the pattern of topics written to the lake
     * @param group the consumer group of lake writers
     * @param rollBytes a cycle ends when its records hold this many bytes
     * @param rollRows a cycle ends when it holds this many records
     * @param rollAge a cycle ends when its first record waited this long
     * @param memoryLimit DuckDB's memory limit for the staging tables (it spills to a
     * temporary directory beyond it)
     * @param threads DuckDB's threads for writing Parquet
     * @param compression Parquet compression: zstd, snappy, gzip or uncompressed
     * @param s3 S3-compatible storage settings, for {@code s3://} URIs
     */
    public record Lake(@DefaultValue("true") boolean enabled, String uri,
            @DefaultValue("weir\\.raw\\..+") @NotNull String topics, @DefaultValue("weir-lake") @NotNull String group,
            @DefaultValue("64MB") @NotNull DataSize rollBytes,
            @DefaultValue("500000") @Min(1) @Max(100_000_000) int rollRows,
            @DefaultValue("60s") @NotNull Duration rollAge, @DefaultValue("512MB") @NotNull DataSize memoryLimit,
            @DefaultValue("2") @Min(1) @Max(64) int threads, @DefaultValue("zstd") @NotNull String compression,
            @DefaultValue @Valid S3 s3) {
    }

    /**
     * @param endpoint the S3 API's URL, for MinIO and other S3-compatible stores; AWS's
     * own when empty ({@code WEIR_LAKE_S3_ENDPOINT})
     * @param region the region ({@code WEIR_LAKE_S3_REGION})
     * @param pathStyle path-style access ({@code http://host/bucket/key}), which most
     * S3-compatible stores need
     * @param accessKey the access key; the AWS SDK's default chain when empty
     * ({@code WEIR_LAKE_S3_ACCESS_KEY})
     * @param secretKey the secret key ({@code WEIR_LAKE_S3_SECRET_KEY})
     * @param partSize uploads larger than this are multipart, in parts of this size (at
     * least 5 MB, as S3 requires)
     */
    public record S3(String endpoint, @DefaultValue("us-east-1") @NotNull String region,
            @DefaultValue("true") boolean pathStyle, String accessKey, String secretKey,
            @DefaultValue("16MB") @NotNull DataSize partSize) {
    }

}
