package dev.weir.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.weir.ingest.pull.definition.Definition;
import dev.weir.ingest.pull.run.CheckpointSummary;
import dev.weir.ingest.pull.run.RunView;
import dev.weir.platform.error.WeirException;

/**
 * {@code weir connector status NAME}: the last runs and the checkpoints of a connector.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = { "Show a connector's last runs (status, pages, records, retries, 429s, dead letters) and "
                + "where each stream stands (partitions done and pending, pages, incremental cursor)." })
final class ConnectorStatusCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "The connector, e.g. fhrs.")
    String name;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
            description = "How many of the last runs to show (default: ${DEFAULT-VALUE}).")
    int runs;

    @Mixin
    DatabaseOptions database;

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = this.spec.commandLine().getOut();
        PrintWriter err = this.spec.commandLine().getErr();
        try (LocalIngest ingest = LocalIngest.start(this.database, this.kafka)) {
            Definition definition = ingest.catalog().get(this.name);
            out.printf("Connector %s (%s, %s)%s%n", definition.name(), definition.source().label(),
                    definition.location(), definition.valid() ? "" : ": its definition has problems");
            definition.problems().forEach((p) -> out.printf("  problem: %s: %s%n", p.path(), p.message()));
            List<RunView> history = ingest.runs().history(this.name, Math.max(1, this.runs));
            out.println();
            if (history.isEmpty()) {
                out.println("No runs yet: weir connector run " + this.name + " --once");
            }
            else {
                out.printf("%-36s %-11s %-7s %-20s %8s %8s %8s %10s %7s %5s %5s%n", "run", "status", "trigger",
                        "started (UTC)", "seconds", "pages", "skipped", "records", "retries", "429s", "dlq");
                for (RunView run : history) {
                    out.printf("%-36s %-11s %-7s %-20s %8.1f %,8d %,8d %,10d %,7d %,5d %,5d%n", run.runId(),
                            run.status(), run.trigger(), run.startedAt().toString().substring(0, 19),
                            run.durationSeconds(), run.pages(), run.pagesSkipped(), run.records(), run.retries(),
                            run.rateLimited(), run.deadLetters());
                    if (run.resumed() != null) {
                        out.println("    resumed the unfinished sync " + run.resumed());
                    }
                    if (run.error() != null) {
                        out.println("    stopped: " + run.error());
                    }
                }
            }
            List<CheckpointSummary> checkpoints = ingest.runs().checkpoints(this.name);
            out.println();
            if (checkpoints.isEmpty()) {
                out.println("No checkpoints yet.");
            }
            else {
                out.printf("%-24s %10s %8s %8s %8s  %-24s %s%n", "stream", "partitions", "done", "pending", "pages",
                        "incremental cursor", "last page done (UTC)");
                for (CheckpointSummary stream : checkpoints) {
                    out.printf("%-24s %,10d %,8d %,8d %,8d  %-24s %s%n", stream.stream(), stream.partitions(),
                            stream.done(), stream.pending(), stream.pages(),
                            (stream.cursor() != null) ? stream.cursor() : "-",
                            (stream.updatedAt() != null) ? stream.updatedAt().toString().substring(0, 19) : "-");
                }
            }
            return 0;
        }
        catch (WeirException ex) {
            return ConnectorCommand.refused(err, "status", ex);
        }
        catch (LocalIngest.UnreachableException ex) {
            err.println("weir connector status: " + ex.getMessage());
            return ConnectorCommand.UNAVAILABLE;
        }
    }

}
