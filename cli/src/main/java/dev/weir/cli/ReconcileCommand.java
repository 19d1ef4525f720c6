package dev.weir.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code weir reconcile <dataset>}: counts from source to warehouse, through the
 * pipeline's admin API; exits 1 when they do not reconcile.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = { "Count a dataset at every stage: the source (what the connector fetched, what the Retail "
                + "service holds), raw on Kafka, cleaned / dead-lettered (by rule) / repeats, rows loaded, rows in the "
                + "warehouse; say exactly where any difference is.",
                "Exit status: 0 reconciled, 1 not reconciled, 4 unknown dataset, 5 Weir not up (docs/cli.md)." })
final class ReconcileCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DATASET", description = "fhrs, open-meteo, rides, telemetry, retail")
    String dataset;

    @Option(names = "--wait", defaultValue = "0s",
            description = "Ask again until the counts reconcile or this long has passed (e.g. 30s), "
                    + "for a pipeline still catching up")
    String waitFor;

    @Mixin
    WeirUrls urls;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = this.spec.commandLine().getOut();
        AdminClient client = this.urls.admin(this.urls.pipeline());
        long deadline = System.nanoTime() + Duration.parse("PT" + this.waitFor.toUpperCase()).toNanos();
        JsonNode report;
        while (true) {
            report = client.get("/reconcile/" + DlqCommand.encode(this.dataset));
            if (report.path("reconciled").asBoolean() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1000);
        }
        boolean reconciled = report.path("reconciled").asBoolean();
        if (this.json.enabled()) {
            JsonOutput.print(out, report);
            return reconciled ? ExitCode.OK : ExitCode.FAILED;
        }
        out.printf("Reconciliation of %s%n%n", this.dataset);
        for (JsonNode stage : report.path("stages")) {
            out.printf("  %-46s %12s   %s%n", stage.path("name").asString(),
                    stage.path("count").isNull() ? "?" : stage.path("count").asString(),
                    stage.path("note").isString() ? stage.path("note").asString() : "");
        }
        if (!report.path("dead_letters").isEmpty()) {
            out.println();
            out.println("  dead letters by rule:");
            report.path("dead_letters")
                .properties()
                .forEach((rule) -> out.printf("    %-44s %12d%n", rule.getKey(), rule.getValue().asLong()));
        }
        out.println();
        for (JsonNode check : report.path("checks")) {
            out.printf("  %-4s %s (%d vs %d)%s%n", check.path("holds").asBoolean() ? "ok" : "DIFF",
                    check.path("name").asString(), check.path("expected").asLong(), check.path("actual").asLong(),
                    check.path("explanation").isString() ? ": " + check.path("explanation").asString() : "");
        }
        out.println();
        out.println(reconciled ? "Reconciled." : "NOT reconciled: see DIFF above.");
        return reconciled ? ExitCode.OK : ExitCode.FAILED;
    }

}
