package dev.weir.ingest.pull;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Service;

import dev.weir.ingest.pull.definition.ConnectorCatalog;
import dev.weir.ingest.pull.definition.ConnectorConfig;
import dev.weir.ingest.pull.definition.Definition;
import dev.weir.ingest.pull.run.ConnectorRuns;
import dev.weir.ingest.pull.run.IngestMetrics;
import dev.weir.ingest.system.IngestProperties;
import dev.weir.platform.error.WeirException;

/**
 * Runs connectors on their schedules (Spring cron, in UTC), once per cluster: every
 * replica fires, the connector's lock and the fire time recorded with the run let one of
 * them run it. Definitions are read again every {@code weir.ingest.schedules.refresh}, so
 * a changed schedule takes effect without a restart. Also purges expired fingerprints.
 */
@Service
public class ConnectorSchedules {

    private static final Logger log = LoggerFactory.getLogger(ConnectorSchedules.class);

    private final ConnectorCatalog catalog;

    private final ConnectorRuns runs;

    private final TaskScheduler scheduler;

    private final IngestProperties properties;

    private final IngestMetrics metrics;

    private final Map<String, Scheduled> scheduled = new ConcurrentHashMap<>();

    ConnectorSchedules(ConnectorCatalog catalog, ConnectorRuns runs, TaskScheduler ingestScheduler,
            IngestProperties properties, IngestMetrics metrics) {
        this.catalog = catalog;
        this.runs = runs;
        this.scheduler = ingestScheduler;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** A connector's schedule as this replica sees it. */
    public record ScheduleView(String connector, String cron, boolean enabled, String timeZone,
            List<Instant> nextRuns) {
    }

    /**
     * The schedule of a connector and its next fire times.
     * @throws WeirException not found (404)
     */
    public ScheduleView view(String name, int count) {
        Definition definition = this.catalog.get(name);
        String cron = (definition.config() != null) ? definition.config().schedule() : null;
        ZoneId zone = (definition.config() != null) ? definition.config().scheduleZone() : ConnectorConfig.UTC;
        return new ScheduleView(name, cron, cron != null && this.properties.schedules().enabled(), zone.getId(),
                nextRuns(cron, zone, count));
    }

    /** The next fire times of a cron expression in a time zone (none for null). */
    public static List<Instant> nextRuns(String cron, ZoneId zone, int count) {
        if (cron == null) {
            return List.of();
        }
        CronExpression expression = CronExpression.parse(cron);
        List<Instant> next = new java.util.ArrayList<>();
        java.time.ZonedDateTime at = java.time.ZonedDateTime.now(zone);
        for (int i = 0; i < count; i++) {
            at = expression.next(at);
            if (at == null) {
                break;
            }
            next.add(at.toInstant());
        }
        return next;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        try {
            this.catalog.all().forEach((definition) -> this.metrics.watch(definition.name()));
        }
        catch (RuntimeException ex) {
            log.warn("Connectors could not be read at start-up: {}", ex.toString());
        }
        if (!this.properties.schedules().enabled()) {
            return;
        }
        this.scheduler.scheduleWithFixedDelay(this::refresh, this.properties.schedules().refresh());
        this.scheduler.scheduleWithFixedDelay(this::purge, this.properties.fingerprints().purgeEvery());
    }

    /** Reads the definitions and (re)schedules the connectors whose cron changed. */
    void refresh() {
        List<Definition> definitions;
        try {
            definitions = this.catalog.all();
        }
        catch (RuntimeException ex) {
            log.warn("Schedules not refreshed: connectors could not be read: {}", ex.toString());
            return;
        }
        Map<String, Cron> wanted = new java.util.HashMap<>();
        for (Definition definition : definitions) {
            if (definition.valid() && definition.config().schedule() != null) {
                wanted.put(definition.name(),
                        new Cron(definition.config().schedule(), definition.config().scheduleZone()));
            }
            else if (!definition.valid()) {
                log.debug("Connector {} is not scheduled: its definition has problems", definition.name());
            }
        }
        this.scheduled.entrySet().removeIf((entry) -> {
            if (!entry.getValue().cron().equals(wanted.get(entry.getKey()))) {
                entry.getValue().future().cancel(false);
                log.info("Connector {} unscheduled ({})", entry.getKey(), entry.getValue().cron());
                return true;
            }
            return false;
        });
        wanted.forEach((name, cron) -> this.scheduled.computeIfAbsent(name, (n) -> {
            log.info("Connector {} scheduled: {} ({})", name, cron.expression(), cron.zone().getId());
            FireTimes trigger = new FireTimes(new CronTrigger(cron.expression(), cron.zone()));
            return new Scheduled(cron, this.scheduler.schedule(() -> fire(name, trigger.scheduled()), trigger));
        }));
    }

    private void fire(String name, Instant fireTime) {
        try {
            this.runs.runForSchedule(name, fireTime);
        }
        catch (RuntimeException ex) {
            log.warn("Scheduled run of connector {} failed to start: {}", name, ex.toString());
        }
    }

    private void purge() {
        try {
            this.runs.purgeExpiredFingerprints();
        }
        catch (RuntimeException ex) {
            log.warn("Expired fingerprints not purged: {}", ex.toString());
        }
    }

    /** A cron expression and the time zone its times are in. */
    private record Cron(String expression, ZoneId zone) {

        @Override
        public String toString() {
            return this.expression + " (" + this.zone.getId() + ")";
        }

    }

    private record Scheduled(Cron cron, ScheduledFuture<?> future) {
    }

    /**
     * A cron trigger that remembers the fire time it computed last: the time the
     * execution running now was scheduled for, the same on every replica.
     */
    private static final class FireTimes implements org.springframework.scheduling.Trigger {

        private final CronTrigger cron;

        private volatile Instant scheduled;

        FireTimes(CronTrigger cron) {
            this.cron = cron;
        }

        @Override
        public Instant nextExecution(org.springframework.scheduling.TriggerContext context) {
            Instant next = this.cron.nextExecution(context);
            this.scheduled = next;
            return next;
        }

        Instant scheduled() {
            return this.scheduled;
        }

    }

}
