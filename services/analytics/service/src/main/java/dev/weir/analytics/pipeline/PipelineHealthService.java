package dev.weir.analytics.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.weir.analytics.system.AnalyticsProperties;
import dev.weir.analytics.system.Dataset;
import dev.weir.analytics.system.Fresh;

/**
 * Pipeline health per dataset: freshness of the last load, the loader's consumer lag,
 * dead letters by rule, the reconciliation counts and the last connector runs. Computed
 * at most once per {@code weir.analytics.freshness.pipeline-max-age} however many
 * dashboards ask.
 */
@Service
class PipelineHealthService {

    private static final Logger log = LoggerFactory.getLogger(PipelineHealthService.class);

    /**
     * The connector that pulls each pulled dataset (the others are pushed or imported).
     */
    private static final Map<String, String> CONNECTORS = Map.of("fhrs", "fhrs", "open-meteo", "open-meteo");

    private final PipelineHealthRepository repository;

    private final LoaderLag lag;

    private final ConnectorRuns runs;

    private final Clock clock;

    private final Duration maxAge;

    private final boolean kafka;

    private final java.util.concurrent.locks.ReentrantLock computing = new java.util.concurrent.locks.ReentrantLock();

    private volatile Fresh<PipelineViews.PipelineHealth> last;

    PipelineHealthService(PipelineHealthRepository repository, LoaderLag lag, ConnectorRuns runs, Clock clock,
            AnalyticsProperties properties) {
        this.repository = repository;
        this.lag = lag;
        this.runs = runs;
        this.clock = clock;
        this.maxAge = properties.freshness().pipelineMaxAge();
        this.kafka = properties.kafka().enabled();
    }

    /**
     * The health as of at most {@code pipeline-max-age} ago. While one request recomputes
     * it (Kafka and the Ingest service each have their timeout), the others get the
     * previous answer rather than wait.
     */
    Fresh<PipelineViews.PipelineHealth> health() {
        Fresh<PipelineViews.PipelineHealth> previous = this.last;
        if (fresh(previous)) {
            return previous;
        }
        if (previous != null) {
            if (!this.computing.tryLock()) {
                return previous;
            }
        }
        else {
            this.computing.lock();
        }
        try {
            if (fresh(this.last)) {
                return this.last;
            }
            Instant now = this.clock.instant();
            PipelineViews.PipelineHealth health = compute(now);
            String etag = "\"pipeline." + Integer.toHexString(health.datasets().toString().hashCode()) + "\"";
            Instant lastModified = health.datasets()
                .stream()
                .map((d) -> d.freshness().lastLoadedAt())
                .filter(java.util.Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
            this.last = new Fresh<>(health, etag, lastModified, this.maxAge);
            return this.last;
        }
        finally {
            this.computing.unlock();
        }
    }

    private boolean fresh(Fresh<PipelineViews.PipelineHealth> answer) {
        if (answer == null) {
            return false;
        }
        Instant now = this.clock.instant();
        return answer.value().at().plus(this.maxAge).isAfter(now) && !now.isBefore(answer.value().at());
    }

    private PipelineViews.PipelineHealth compute(Instant now) {
        List<String> datasets = java.util.Arrays.stream(Dataset.values()).map(Dataset::warehouseName).toList();
        Map<String, Object[]> batches = dev.weir.analytics.system.AnswerCache
            .guarded(() -> this.repository.lastBatches(datasets));
        Map<String, List<PipelineViews.MinuteRows>> perMinute = this.repository.perMinute();
        Map<String, PipelineViews.DeadLetters> deadLetters = this.repository.deadLetters();
        Map<String, Map<String, Long>> counts = this.repository.counts();
        Map<String, Map<Integer, Long>> offsets = this.repository.loaderOffsets();
        Map<String, Long> lagByTopic = null;
        String lagProblem = null;
        if (this.kafka) {
            try {
                lagByTopic = this.lag.lag(LoaderLag.allTopics(datasets), offsets);
            }
            catch (Exception ex) {
                if (ex instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                lagProblem = "Kafka did not answer: " + ex;
                log.debug("Consumer lag not available: {}", ex.toString());
            }
        }
        else {
            lagProblem = "Reading the lag is turned off (weir.analytics.kafka.enabled=false)";
        }
        List<PipelineViews.DatasetHealth> result = new ArrayList<>();
        for (String dataset : datasets) {
            Object[] batch = batches.get(dataset);
            Instant loadedAt = (batch != null) ? (Instant) batch[0] : null;
            PipelineViews.Freshness freshness = new PipelineViews.Freshness(loadedAt,
                    (batch != null) ? (Instant) batch[1] : null, (batch != null) ? (Long) batch[2] : null,
                    (loadedAt != null) ? Math.max(0, Duration.between(loadedAt, now).toSeconds()) : null,
                    (batch != null) ? (long) batch[3] : 0, perMinute.getOrDefault(dataset, List.of()));
            PipelineViews.Lag datasetLag;
            if (lagByTopic != null) {
                Map<String, Long> byTopic = new LinkedHashMap<>();
                for (String topic : LoaderLag.topics(dataset)) {
                    byTopic.put(topic, lagByTopic.getOrDefault(topic, 0L));
                }
                datasetLag = new PipelineViews.Lag(true, byTopic.values().stream().mapToLong(Long::longValue).sum(),
                        byTopic, null);
            }
            else {
                datasetLag = new PipelineViews.Lag(false, null, Map.of(), lagProblem);
            }
            String connector = CONNECTORS.get(dataset);
            result.add(new PipelineViews.DatasetHealth(dataset, freshness, datasetLag,
                    deadLetters.getOrDefault(dataset, new PipelineViews.DeadLetters(0, 0, List.of())),
                    counts.getOrDefault(dataset, Map.of()), (connector != null) ? this.runs.last(connector) : null,
                    dataset.equals("retail") ? this.repository.retailExport() : null));
        }
        return new PipelineViews.PipelineHealth(now, result);
    }

}
