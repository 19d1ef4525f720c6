package dev.weir.retail.importer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Announces each phase of an import and measures how long it takes. */
final class PhaseClock {

    private final ImportProgress progress;

    private final Map<String, Duration> durations = new LinkedHashMap<>();

    private String current;

    private long startedAt;

    PhaseClock(ImportProgress progress) {
        this.progress = progress;
    }

    void start(String phase) {
        stop();
        this.progress.phase(phase);
        this.current = phase;
        this.startedAt = System.nanoTime();
    }

    void stop() {
        if (this.current != null) {
            this.durations.merge(this.current, Duration.ofNanos(System.nanoTime() - this.startedAt), Duration::plus);
            this.current = null;
        }
    }

    /** The phases in the order they started, with their durations. */
    Map<String, Duration> durations() {
        return this.durations;
    }

}
