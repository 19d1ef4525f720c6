package dev.weir.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code weir connector list}: every connector, its streams, schedule and last run. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = { "List the connectors: built-in ones, files in $WEIR_DATA_DIR/connectors, ones stored "
                + "through the admin API and Java ones; with their streams, schedule, last run and problems." })
final class ConnectorListCommand implements Callable<Integer> {

    @Mixin
    WeirUrls urls;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = this.spec.commandLine().getOut();
        PrintWriter err = this.spec.commandLine().getErr();
        JsonNode all = this.urls.admin(this.urls.ingest()).get("/connectors");
        if (this.json.enabled()) {
            JsonOutput.print(out, all);
            return ExitCode.OK;
        }
        out.printf("%-16s %-9s %-6s %-16s %-22s %s%n", "connector", "source", "valid", "schedule", "last run",
                "streams");
        for (JsonNode connector : all) {
            JsonNode last = connector.path("last_run");
            List<String> streams = new ArrayList<>();
            connector.path("streams").forEach((stream) -> streams.add(stream.asString()));
            boolean valid = connector.path("valid").asBoolean();
            out.printf("%-16s %-9s %-6s %-16s %-22s %s%n", connector.path("name").asString(),
                    connector.path("source").asString(), valid ? "yes" : "NO", schedule(connector),
                    last.isObject() ? last.path("status").asString() + " "
                            + ConnectorCommand.minutes(last.path("started_at"), "") : "never",
                    String.join(", ", streams));
            connector.path("problems")
                .forEach((problem) -> out.printf("    problem: %s: %s%n", problem.path("path").asString(),
                        problem.path("detail").asString()));
            List<String> overrides = new ArrayList<>();
            connector.path("overrides").forEach((override) -> overrides.add(override.asString()));
            if (!overrides.isEmpty()) {
                out.printf("    overrides: %s%n", String.join(", ", overrides));
            }
            if (valid && connector.path("next_run_at").isString()) {
                out.printf("    next scheduled run: %s (by `weir up`)%n", connector.path("next_run_at").asString());
            }
        }
        out.flush();
        if (Terminal.current().interactive()) {
            err.println("Run one: weir connector run NAME --once; its state: weir connector status NAME.");
        }
        return ExitCode.OK;
    }

    /** The cron expression, and its time zone unless UTC. */
    private static String schedule(JsonNode connector) {
        String cron = connector.path("schedule").asString("-");
        String zone = connector.path("schedule_zone").asString("UTC");
        return "UTC".equals(zone) || "Z".equals(zone) ? cron : cron + " " + zone;
    }

}
