package dev.weir.ingest.push;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import dev.weir.ingest.system.IngestProperties;

/**
 * Keeps the push side current in the background, never on a request's time: reads the
 * stream declarations again, creates the topics of new streams, and deletes expired
 * idempotency keys.
 */
@Component
class PushUpkeep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PushUpkeep.class);

    private static final int PURGE_BATCH = 5000;

    private final StreamCatalog catalog;

    private final IdempotencyKeys keys;

    private final TaskScheduler scheduler;

    private final Duration every;

    private final boolean enabled;

    private volatile ScheduledFuture<?> task;

    PushUpkeep(StreamCatalog catalog, IdempotencyKeys keys, TaskScheduler scheduler, IngestProperties properties) {
        this.catalog = catalog;
        this.keys = keys;
        this.scheduler = scheduler;
        this.every = properties.push().streamsRefresh();
        this.enabled = properties.push().enabled();
    }

    @Override
    public void start() {
        if (this.enabled) {
            this.task = this.scheduler.scheduleWithFixedDelay(this::run, this.every);
        }
    }

    void run() {
        try {
            this.catalog.read();
            this.catalog.ensureTopics();
            while (this.keys.purge(PURGE_BATCH) == PURGE_BATCH) {
                // more expired keys: go on, in small statements
            }
        }
        catch (RuntimeException ex) {
            log.warn("Push upkeep failed, trying again in {}: {}", this.every, ex.getMessage());
        }
    }

    @Override
    public void stop() {
        ScheduledFuture<?> current = this.task;
        if (current != null) {
            current.cancel(false);
            this.task = null;
        }
    }

    @Override
    public boolean isRunning() {
        return this.task != null;
    }

}
