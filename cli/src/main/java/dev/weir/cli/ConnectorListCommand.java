package dev.weir.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dev.weir.ingest.pull.definition.Definition;
import dev.weir.ingest.pull.definition.StreamConfig;
import dev.weir.ingest.pull.run.RunView;
import dev.weir.ingest.pull.ConnectorSchedules;

/** {@code weir connector list}: every connector, its streams, schedule and last run. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = { "List the connectors: built-in ones, files in $WEIR_DATA_DIR/connectors, ones stored "
                + "through the admin API and Java ones; with their streams, schedule, last run and problems." })
final class ConnectorListCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = this.spec.commandLine().getOut();
        try (LocalIngest ingest = LocalIngest.start(this.database, this.kafka)) {
            List<Definition> all = ingest.catalog().all();
            out.printf("%-16s %-9s %-6s %-16s %-22s %s%n", "connector", "source", "valid", "schedule (UTC)", "last run",
                    "streams");
            for (Definition definition : all) {
                String schedule = (definition.config() != null) ? definition.config().schedule() : null;
                List<String> streams = (definition.config() != null)
                        ? definition.config().streams().stream().map(StreamConfig::name).toList() : List.of();
                Optional<RunView> last = ingest.runs().latest(definition.name());
                out.printf("%-16s %-9s %-6s %-16s %-22s %s%n", definition.name(), definition.source().label(),
                        definition.valid() ? "yes" : "NO", (schedule != null) ? schedule : "-",
                        last.map((run) -> run.status() + " " + run.startedAt().toString().substring(0, 16))
                            .orElse("never"),
                        String.join(", ", streams));
                definition.problems()
                    .forEach((problem) -> out.printf("    problem: %s: %s%n", problem.path(), problem.message()));
                if (!definition.overrides().isEmpty()) {
                    out.printf("    overrides: %s%n", String.join(", ", definition.overrides()));
                }
                List<java.time.Instant> next = ConnectorSchedules.nextRuns(schedule, 1);
                if (!next.isEmpty() && definition.valid()) {
                    out.printf("    next scheduled run: %s (by `weir up`)%n", next.get(0));
                }
            }
            out.println("Run one: weir connector run NAME --once; its state: weir connector status NAME.");
            return 0;
        }
        catch (LocalIngest.UnreachableException ex) {
            this.spec.commandLine().getErr().println("weir connector list: " + ex.getMessage());
            return ConnectorCommand.UNAVAILABLE;
        }
    }

}
