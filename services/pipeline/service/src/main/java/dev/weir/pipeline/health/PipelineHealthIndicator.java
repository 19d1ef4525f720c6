package dev.weir.pipeline.health;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import dev.weir.pipeline.clean.CleanStage;
import dev.weir.pipeline.load.LoadMetrics;
import dev.weir.pipeline.load.Loader;

/**
 * {@code /health} component {@code pipeline}: per dataset the clean stage's state, its
 * lag and the loader's, and freshness (the newest event time loaded, how old the oldest
 * row of the latest batch was when it committed). DOWN when a dataset's clean stage
 * failed for good (ERROR, NOT_RUNNING); lag alone does not make it DOWN: alert on it.
 */
@Component("pipeline")
class PipelineHealthIndicator implements HealthIndicator {

    private final CleanStage clean;

    private final Loader loader;

    private final LoadMetrics metrics;

    private final PipelineLag lag;

    PipelineHealthIndicator(CleanStage clean, Loader loader, LoadMetrics metrics, PipelineLag lag) {
        this.clean = clean;
        this.loader = loader;
        this.metrics = metrics;
        this.lag = lag;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, String> states = this.clean.states();
        Map<String, PipelineLag.Lag> lags;
        String lagError = null;
        try {
            lags = this.lag.lags();
        }
        catch (IllegalStateException ex) {
            lags = Map.of();
            lagError = ex.getMessage();
        }
        Map<String, LoadMetrics.Freshness> freshness = this.metrics.freshness();
        boolean down = false;
        for (Map.Entry<String, String> state : states.entrySet()) {
            Map<String, Object> dataset = new LinkedHashMap<>();
            dataset.put("clean", state.getValue());
            PipelineLag.Lag datasetLag = lags.get(state.getKey());
            if (datasetLag != null) {
                dataset.put("clean_lag", datasetLag.clean());
                dataset.put("load_lag", datasetLag.load());
            }
            LoadMetrics.Freshness fresh = freshness.get(state.getKey());
            if (fresh != null) {
                dataset.put("last_loaded_at", fresh.loadedAt().toString());
                dataset.put("latest_event_time", fresh.latestEventTime().toString());
                dataset.put("freshness_seconds", fresh.worst().toMillis() / 1000.0);
                dataset.put("since_last_load_seconds", Duration.between(fresh.loadedAt(), Instant.now()).toSeconds());
            }
            details.put(state.getKey(), dataset);
            down |= state.getValue().equals("ERROR") || state.getValue().equals("NOT_RUNNING")
                    || state.getValue().equals("PENDING_ERROR");
        }
        if (lagError != null) {
            details.put("lag_error", lagError);
        }
        Instant lastBatch = this.loader.lastBatchAt();
        details.put("loader_last_batch_at", (lastBatch != null) ? lastBatch.toString() : null);
        return (down ? Health.down() : Health.up()).withDetails(details).build();
    }

}
