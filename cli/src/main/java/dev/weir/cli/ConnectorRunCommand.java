package dev.weir.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.weir.ingest.pull.definition.Definition;
import dev.weir.ingest.pull.run.RunReport;
import dev.weir.ingest.pull.run.RunRequest;
import dev.weir.ingest.pull.run.RunStatus;
import dev.weir.ingest.pull.run.RunTrigger;
import dev.weir.ingest.pull.ConnectorSchedules;
import dev.weir.platform.error.WeirException;

/**
 * {@code weir connector run NAME}: a run of a connector in this process, with a live
 * progress line and a report at the end; without {@code --once} it then follows the
 * connector's schedule until stopped.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = {
        "Run a connector now, in this process, against the PostgreSQL and Kafka of a running `weir up`: "
                + "records to weir.raw.<name>, unreadable pages to weir.dlq.<name>.",
        "A page is done once Kafka acknowledged its records and its checkpoint is committed: a run stopped in any "
                + "way (Ctrl-C, kill -9) is resumed by the next one, and pages done recently are not fetched again "
                + "(--refetch fetches them).",
        "Options of the connector can be changed by WEIR_CONNECTOR_<NAME>_<OPTION> variables, e.g. "
                + "WEIR_CONNECTOR_FHRS_BASE_URL, WEIR_CONNECTOR_FHRS_BUDGET_REQUESTS_PER_SECOND.",
        "Exit status: 0 the run succeeded, 1 it failed (the report says why), 2 no such connector or its definition "
                + "has problems, 3 it is running elsewhere or Weir is not up." })
final class ConnectorRunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "The connector, e.g. fhrs or open-meteo (`weir connector list`).")
    String name;

    @Option(names = "--once",
            description = "Run once and exit. Without it, the command runs now and then at each fire time of the "
                    + "connector's schedule, until stopped.")
    boolean once;

    @Option(names = "--refetch",
            description = "Start a new sync and fetch every page, even pages done within their fingerprint's lifetime.")
    boolean refetch;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto (a live line on a terminal, a line every 5 s otherwise), line, or none; default: ${DEFAULT-VALUE}.")
    RunProgress.Mode progress;

    @Mixin
    DatabaseOptions database;

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = this.spec.commandLine().getOut();
        PrintWriter err = this.spec.commandLine().getErr();
        try (LocalIngest ingest = LocalIngest.start(this.database, this.kafka)) {
            Definition definition = ingest.catalog().get(this.name);
            definition.runnable();
            int status = runNow(ingest, out, RunRequest.of(RunTrigger.CLI, this.refetch));
            if (this.once) {
                return status;
            }
            String cron = definition.config().schedule();
            if (cron == null) {
                out.println("Connector " + this.name + " has no schedule: done.");
                return status;
            }
            while (true) {
                Instant next = ConnectorSchedules.nextRuns(cron, 1).get(0);
                out.printf("Next run of %s at %s (schedule \"%s\", UTC). Stop with Ctrl-C.%n", this.name, next, cron);
                out.flush();
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), next).toMillis()));
                runScheduled(ingest, out, next);
            }
        }
        catch (WeirException ex) {
            return ConnectorCommand.refused(err, "run", ex);
        }
        catch (LocalIngest.UnreachableException ex) {
            err.println("weir connector run: " + ex.getMessage());
            return ConnectorCommand.UNAVAILABLE;
        }
    }

    private int runNow(LocalIngest ingest, PrintWriter out, RunRequest request) {
        RunReport report;
        try (RunProgress progress = RunProgress.start(this.progress, out, this.name)) {
            report = ingest.runs().run(this.name, request, progress);
        }
        out.print(report.render());
        out.flush();
        return (report.status() == RunStatus.SUCCEEDED) ? 0 : 1;
    }

    private void runScheduled(LocalIngest ingest, PrintWriter out, Instant fireTime) {
        Optional<RunReport> report = ingest.runs().runScheduled(this.name, fireTime);
        out.print(report.map(RunReport::render)
            .orElse("The run of " + fireTime + " was skipped: it ran elsewhere, or is running.\n"));
        out.flush();
    }

}
