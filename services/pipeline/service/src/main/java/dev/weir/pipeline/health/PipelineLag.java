package dev.weir.pipeline.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import dev.weir.pipeline.clean.CleanStage;
import dev.weir.pipeline.spi.Dataset;
import dev.weir.pipeline.system.Datasets;
import dev.weir.pipeline.system.PipelineTopics;

/**
 * How far each dataset's stages are behind: the clean stage (records on its source and
 * replay topics after its committed offsets) and the loader (offsets on its clean and
 * dead-letter topics after {@code warehouse.loader_offset}; the clean topics are written
 * in transactions, so this counts commit markers too and is an upper bound). Also as
 * gauges {@code weir.pipeline.lag{dataset,stage}}, read at most every 5 seconds.
 */
@Component
public class PipelineLag {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final KafkaAdmin kafkaAdmin;

    private final CleanStage clean;

    private final Datasets datasets;

    private final LoaderOffsetRepository loaderOffsets;

    private static final Duration CACHED = Duration.ofSeconds(5);

    private volatile Map<String, Lag> cached = Map.of();

    private volatile long cachedAt;

    PipelineLag(KafkaAdmin kafkaAdmin, CleanStage clean, Datasets datasets, LoaderOffsetRepository loaderOffsets,
            MeterRegistry registry) {
        this.kafkaAdmin = kafkaAdmin;
        this.clean = clean;
        this.datasets = datasets;
        this.loaderOffsets = loaderOffsets;
        for (Dataset dataset : datasets.all()) {
            Gauge.builder("weir.pipeline.lag", this, (lag) -> lag.recent(dataset.name(), true))
                .description("Raw records not yet cleaned (stage clean), offsets not yet loaded (stage load)")
                .tag("dataset", dataset.name())
                .tag("stage", "clean")
                .register(registry);
            Gauge.builder("weir.pipeline.lag", this, (lag) -> lag.recent(dataset.name(), false))
                .tag("dataset", dataset.name())
                .tag("stage", "load")
                .register(registry);
        }
    }

    /** The lags, read at most every 5 seconds; NaN when Kafka does not answer. */
    private double recent(String dataset, boolean clean) {
        if (System.nanoTime() - this.cachedAt > CACHED.toNanos()) {
            try {
                this.cached = lags();
            }
            catch (IllegalStateException ex) {
                this.cached = Map.of();
            }
            this.cachedAt = System.nanoTime();
        }
        Lag lag = this.cached.get(dataset);
        return (lag == null) ? Double.NaN : (clean ? lag.clean() : lag.load());
    }

    /**
     * Each dataset's lag.
     * @throws IllegalStateException when Kafka does not answer in time
     */
    public Map<String, Lag> lags() {
        try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
            Map<String, Lag> lags = new LinkedHashMap<>();
            for (Dataset dataset : this.datasets.all()) {
                List<String> sources = new ArrayList<>();
                dataset.sources().forEach((source) -> sources.add(source.name()));
                sources.add(PipelineTopics.replay(dataset.name()));
                Map<TopicPartition, Long> sourceEnds = ends(admin, sources);
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(this.clean.applicationId(dataset.name()))
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                long cleanLag = 0;
                for (Map.Entry<TopicPartition, Long> end : sourceEnds.entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    cleanLag += end.getValue() - ((at != null) ? at.offset() : 0);
                }
                Map<TopicPartition, Long> loadEnds = ends(admin,
                        List.of(PipelineTopics.clean(dataset.name()), PipelineTopics.deadLetters(dataset.name())));
                Map<TopicPartition, Long> loaded = this.loaderOffsets
                    .offsets(loadEnds.keySet().stream().map(TopicPartition::topic).distinct().toList());
                long loadLag = 0;
                for (Map.Entry<TopicPartition, Long> end : loadEnds.entrySet()) {
                    loadLag += end.getValue() - loaded.getOrDefault(end.getKey(), 0L);
                }
                lags.put(dataset.name(), new Lag(Math.max(0, cleanLag), Math.max(0, loadLag)));
            }
            return lags;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading Kafka's offsets", ex);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not read Kafka's offsets: " + ex.getMessage(), ex);
        }
    }

    /** The end offset of every partition of {@code topics}. */
    public static Map<TopicPartition, Long> ends(Admin admin, List<String> topics) throws Exception {
        return offsets(admin, topics, OffsetSpec.latest());
    }

    /** The start offset of every partition of {@code topics}. */
    public static Map<TopicPartition, Long> starts(Admin admin, List<String> topics) throws Exception {
        return offsets(admin, topics, OffsetSpec.earliest());
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<String> topics, OffsetSpec spec)
            throws Exception {
        Map<String, TopicDescription> described = admin.describeTopics(topics)
            .allTopicNames()
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        described.values()
            .forEach((topic) -> topic.partitions()
                .forEach((p) -> request.put(new TopicPartition(topic.name(), p.partition()), spec)));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request)
            .all()
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /**
     * @param clean raw records not yet cleaned
     * @param load offsets of cleaned records and dead letters not yet loaded (an upper
     * bound: transaction markers count)
     */
    public record Lag(long clean, long load) {
    }

}
