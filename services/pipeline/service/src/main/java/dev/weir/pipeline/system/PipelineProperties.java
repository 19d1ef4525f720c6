package dev.weir.pipeline.system;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Pipeline service's settings ({@code weir.pipeline.*}).
 *
 * @param dataDir Weir's data directory; the clean stage's local state (RocksDB stores,
 * restored from Kafka when lost) is in its {@code pipeline/} ({@code WEIR_DATA_DIR})
 * @param datasets the datasets this process cleans and loads (empty: all)
 * @param clean the clean stage (Kafka Streams)
 * @param loader the warehouse loader
 * @param topics the topics the pipeline declares
 * @param retail reading the Retail service's export
 * @param ingest where the Ingest service's admin API is, for reconciliation
 */
@ConfigurationProperties("weir.pipeline")
@Validated
public record PipelineProperties(@DefaultValue("weir-data") @NotNull Path dataDir,
        @DefaultValue("") List<String> datasets, @DefaultValue @Valid Clean clean, @DefaultValue @Valid Loader loader,
        @DefaultValue @Valid Topics topics, @DefaultValue @Valid Retail retail, @DefaultValue @Valid Ingest ingest) {

    /** Whether this process handles {@code dataset}. */
    public boolean handles(String dataset) {
        List<String> named = this.datasets.stream().filter((name) -> !name.isBlank()).toList();
        return named.isEmpty() || named.contains(dataset);
    }

    /**
     * @param enabled whether this process runs the clean stage
     * @param applicationIdPrefix each dataset's Kafka Streams application id is this,
     * {@code -}, the dataset: processes with the same prefix share the work
     * @param stateDir where Kafka Streams keeps its local stores (default
     * {@code <data-dir>/pipeline/streams})
     * @param commitInterval how often a task commits its transaction (outputs, stores,
     * offsets): the clean stage's share of the latency
     * @param tallyInterval how often pending counts are written to
     * {@code weir.events.pipeline}
     * @param repeatRetention how long an event id is remembered to drop its repeats
     * @param streamThreads stream threads per dataset (a thread runs one or more of its
     * partitions' tasks; more threads than partitions would idle): {@code default}, and
     * datasets named otherwise
     */
    public record Clean(@DefaultValue("true") boolean enabled,
            @DefaultValue("weir-pipeline") @NotBlank String applicationIdPrefix, Path stateDir,
            @DefaultValue("100ms") @NotNull Duration commitInterval,
            @DefaultValue("200ms") @NotNull Duration tallyInterval,
            @DefaultValue("7d") @NotNull Duration repeatRetention,
            Map<String, @Min(1) @Max(32) Integer> streamThreads) {

        public Clean {
            streamThreads = (streamThreads != null) ? Map.copyOf(streamThreads) : Map.of();
        }

        /** The stream threads of {@code dataset}'s application (1 unless set). */
        public int streamThreads(String dataset) {
            return this.streamThreads.getOrDefault(dataset, this.streamThreads.getOrDefault("default", 1));
        }

    }

    /**
     * @param enabled whether this process runs the loader
     * @param groupId the loader's consumer group: processes with the same one share the
     * partitions
     * @param maxBatch the most records loaded in one transaction
     * @param pollTimeout how long a poll waits for records
     */
    public record Loader(@DefaultValue("true") boolean enabled,
            @DefaultValue("weir-pipeline-loader") @NotBlank String groupId,
            @DefaultValue("20000") @Min(1) @Max(100_000) int maxBatch,
            @DefaultValue("100ms") @NotNull Duration pollTimeout) {
    }

    /**
     * @param cleanRetention how long cleaned records are kept
     * @param deadLetterRetention how long dead letters are kept on Kafka (the warehouse
     * keeps them until deleted)
     * @param rawRetention retention of the raw topics the pipeline creates when missing
     * (the same as the Ingest service's)
     */
    public record Topics(@DefaultValue("7d") @NotNull Duration cleanRetention,
            @DefaultValue("30d") @NotNull Duration deadLetterRetention,
            @DefaultValue("7d") @NotNull Duration rawRetention) {
    }

    /**
     * @param url the Retail API
     * @param export whether the export is read (after each bulk import, and once at the
     * first start)
     * @param pageSize entities per export page
     */
    public record Retail(@DefaultValue("http://127.0.0.1:8081") @NotNull URI url, @DefaultValue("true") boolean export,
            @DefaultValue("2000") @Min(1) @Max(50_000) int pageSize) {
    }

    /**
     * @param url the Ingest admin API
     */
    public record Ingest(@DefaultValue("http://127.0.0.1:8082") @NotNull URI url) {
    }

}
