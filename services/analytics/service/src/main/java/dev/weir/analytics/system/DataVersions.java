package dev.weir.analytics.system;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Service;

/**
 * The datasets' current versions, read from the warehouse at most once per
 * {@code weir.analytics.freshness.version-check}: every commit older than that is seen by
 * the next request. One query answers for every dataset, so a busy service reads the
 * versions once per interval however many requests it serves.
 */
@Service
public class DataVersions {

    private final VersionRepository versions;

    private final Clock clock;

    private final long checkMillis;

    private volatile Snapshot snapshot;

    DataVersions(VersionRepository versions, Clock clock, AnalyticsProperties properties) {
        this.versions = versions;
        this.clock = clock;
        this.checkMillis = properties.freshness().versionCheck().toMillis();
    }

    /** The dataset's version as of at most one version-check interval ago. */
    public DataVersion current(Dataset dataset) {
        Snapshot current = this.snapshot;
        Instant now = this.clock.instant();
        if (current == null || now.toEpochMilli() - current.readAt.toEpochMilli() >= this.checkMillis
                || now.isBefore(current.readAt)) {
            current = refresh(now);
        }
        return current.versions.get(dataset);
    }

    /**
     * The dataset's version if the service read it less than one version-check interval
     * ago, else null; never reads the database (for the I/O thread).
     */
    public Long peek(Dataset dataset) {
        Snapshot current = this.snapshot;
        if (current == null) {
            return null;
        }
        long age = this.clock.millis() - current.readAt.toEpochMilli();
        return (age >= 0 && age < this.checkMillis) ? current.versions.get(dataset).version() : null;
    }

    private synchronized Snapshot refresh(Instant now) {
        Snapshot current = this.snapshot;
        if (current != null && now.toEpochMilli() - current.readAt.toEpochMilli() < this.checkMillis
                && !now.isBefore(current.readAt)) {
            return current; // another request refreshed it meanwhile
        }
        // the time is taken before the read: the snapshot is at least as new as readAt
        Snapshot fresh = new Snapshot(now, this.versions.all());
        this.snapshot = fresh;
        return fresh;
    }

    private record Snapshot(Instant readAt, Map<Dataset, DataVersion> versions) {
    }

}
