package dev.weir.ingest.pull;

import java.time.Instant;
import java.util.List;

import dev.weir.ingest.pull.definition.ConnectorConfig;
import dev.weir.ingest.pull.definition.Definition;
import dev.weir.ingest.pull.definition.StreamConfig;
import dev.weir.ingest.pull.run.CheckpointSummary;
import dev.weir.ingest.pull.run.RunView;
import dev.weir.ingest.pull.ConnectorSchedules;
import tools.jackson.databind.JsonNode;

/** What the admin API answers about connectors. */
final class ConnectorViews {

    private ConnectorViews() {
    }

    /**
     * A connector in the list.
     *
     * @param name the connector and its dataset
     * @param description what it pulls
     * @param source built-in, file, api or java
     * @param location the file, resource or table of its definition
     * @param valid whether the definition (with overrides) is valid; an invalid connector
     * neither runs nor is scheduled
     * @param problems every problem of the definition
     * @param streams its streams
     * @param schedule its cron expression (Spring, six fields), or null
     * @param scheduleZone the time zone of the schedule's times, or null without one
     * @param nextRunAt the schedule's next fire time, or null
     * @param overrides overrides applied (override file, environment variables)
     * @param topics where its records and dead letters go
     * @param lastRun its latest run, or null
     */
    record ConnectorSummary(String name, String description, String source, String location, boolean valid,
            List<ProblemView> problems, List<String> streams, String schedule, String scheduleZone, Instant nextRunAt,
            List<String> overrides, List<String> topics, RunView lastRun) {

        static ConnectorSummary of(Definition definition, RunView lastRun) {
            var config = definition.config();
            List<String> streams = (config != null) ? config.streams().stream().map(StreamConfig::name).toList()
                    : List.of();
            String schedule = (config != null) ? config.schedule() : null;
            java.time.ZoneId zone = (config != null) ? config.scheduleZone() : ConnectorConfig.UTC;
            List<Instant> next = ConnectorSchedules.nextRuns(schedule, zone, 1);
            List<String> topics = (config != null) ? List.of(config.rawTopic(), config.deadLetterTopic()) : List.of();
            return new ConnectorSummary(definition.name(), (config != null) ? config.description() : null,
                    definition.source().label(), definition.location(), definition.valid(),
                    definition.problems().stream().map((p) -> new ProblemView(p.path(), p.message())).toList(), streams,
                    schedule, (schedule != null) ? zone.getId() : null, next.isEmpty() ? null : next.get(0),
                    definition.overrides(), topics, (lastRun != null) ? lastRun.withoutReport() : null);
        }

    }

    /**
     * A connector with its definition.
     *
     * @param summary what the list says of it
     * @param definition the definition with overrides applied, secrets masked (null for a
     * Java connector)
     */
    record ConnectorDetail(ConnectorSummary summary, JsonNode definition) {

        static ConnectorDetail of(Definition definition, RunView lastRun) {
            return new ConnectorDetail(ConnectorSummary.of(definition, lastRun), definition.maskedTree());
        }

    }

    /**
     * One problem of a definition.
     *
     * @param path where ({@code streams[1].paginate.param}, or an environment variable)
     * @param detail what is wrong
     */
    record ProblemView(String path, String detail) {
    }

    /**
     * A run just started.
     *
     * @param runId its id
     * @param connector its connector
     * @param status {@code running}
     * @param statusUrl where it is
     * @param eventsUrl where to follow it (Server-Sent Events)
     * @param syncId the sync it works on
     * @param resumed whether that is the unfinished sync of an earlier run
     */
    record RunStarted(String runId, String connector, String status, String statusUrl, String eventsUrl, String syncId,
            boolean resumed) {
    }

    /**
     * Where a stream of a connector stands.
     *
     * @param stream the stream
     * @param partitions partitions known: one for a stream pulled once, one per parent
     * record or {@code for_each} value otherwise
     * @param done partitions done in their current sync
     * @param pending partitions still to pull in the current sync
     * @param pages pages done in the current sync
     * @param cursor the greatest incremental cursor of a complete sync, or null
     * @param updatedAt when a page of the stream was last done, or null
     */
    record CheckpointView(String stream, long partitions, long done, long pending, long pages, String cursor,
            Instant updatedAt) {

        static CheckpointView of(CheckpointSummary summary) {
            return new CheckpointView(summary.stream(), summary.partitions(), summary.done(), summary.pending(),
                    summary.pages(), summary.cursor(), summary.updatedAt());
        }

    }

}
