package dev.weir.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

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
    WeirUrls urls;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = this.spec.commandLine().getOut();
        String path = "/connectors/" + URLEncoder.encode(this.name, StandardCharsets.UTF_8);
        AdminClient ingest = this.urls.admin(this.urls.ingest());
        JsonNode summary = ingest.get(path).path("summary");
        JsonNode history = ingest.get(path + "/runs?limit=" + Math.min(500, Math.max(1, this.runs)));
        JsonNode checkpoints = ingest.get(path + "/checkpoints");
        if (this.json.enabled()) {
            JsonOutput.print(out, JsonOutput.object()
                .setAll(java.util.Map.of("connector", summary, "runs", history, "checkpoints", checkpoints)));
            return ExitCode.OK;
        }
        boolean valid = summary.path("valid").asBoolean();
        out.printf("Connector %s (%s, %s)%s%n", summary.path("name").asString(), summary.path("source").asString(),
                summary.path("location").asString(), valid ? "" : ": its definition has problems");
        summary.path("problems")
            .forEach((p) -> out.printf("  problem: %s: %s%n", p.path("path").asString(), p.path("detail").asString()));
        out.println();
        if (history.isEmpty()) {
            out.println("No runs yet: weir connector run " + this.name + " --once");
        }
        else {
            out.printf("%-36s %-11s %-7s %-20s %8s %8s %8s %10s %7s %5s %5s%n", "run", "status", "trigger",
                    "started (UTC)", "seconds", "pages", "skipped", "records", "retries", "429s", "dlq");
            for (JsonNode run : history) {
                out.printf("%-36s %-11s %-7s %-20s %8.1f %,8d %,8d %,10d %,7d %,5d %,5d%n",
                        run.path("run_id").asString(), run.path("status").asString(), run.path("trigger").asString(),
                        ConnectorCommand.seconds(run.path("started_at"), ""), run.path("duration_seconds").asDouble(),
                        run.path("pages").asLong(), run.path("pages_skipped").asLong(), run.path("records").asLong(),
                        run.path("retries").asLong(), run.path("rate_limited").asLong(),
                        run.path("dead_letters").asLong());
                if (run.path("resumed").isString()) {
                    out.println("    resumed the unfinished sync " + run.path("resumed").asString());
                }
                if (run.path("error").isString()) {
                    out.println("    stopped: " + run.path("error").asString());
                }
            }
        }
        out.println();
        if (checkpoints.isEmpty()) {
            out.println("No checkpoints yet.");
        }
        else {
            out.printf("%-24s %10s %8s %8s %8s  %-24s %s%n", "stream", "partitions", "done", "pending", "pages",
                    "incremental cursor", "last page done (UTC)");
            for (JsonNode stream : checkpoints) {
                out.printf("%-24s %,10d %,8d %,8d %,8d  %-24s %s%n", stream.path("stream").asString(),
                        stream.path("partitions").asLong(), stream.path("done").asLong(),
                        stream.path("pending").asLong(), stream.path("pages").asLong(),
                        stream.path("cursor").asString("-"), ConnectorCommand.seconds(stream.path("updated_at"), "-"));
            }
        }
        return ExitCode.OK;
    }

}
