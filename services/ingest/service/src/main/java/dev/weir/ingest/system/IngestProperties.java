package dev.weir.ingest.system;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
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
 */
@ConfigurationProperties("weir.ingest")
@Validated
public record IngestProperties(@DefaultValue("weir-data") @NotNull Path dataDir,
        @DefaultValue("60s") @NotNull Duration lockLease, @DefaultValue("2m") @NotNull Duration ackTimeout,
        @DefaultValue("1000000") @Min(1024) @Max(10_000_000) int maxRecordBytes,
        @DefaultValue("15s") @NotNull Duration stopTimeout, @DefaultValue @Valid Schedules schedules,
        @DefaultValue @Valid Topics topics, @DefaultValue @Valid Fingerprints fingerprints) {

    /** Where user connectors and override files are. */
    public Path connectorsDir() {
        return this.dataDir.resolve("connectors");
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

}
