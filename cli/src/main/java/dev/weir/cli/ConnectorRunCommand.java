package dev.weir.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code weir connector run NAME}: asks the Ingest service to run a connector and follows
 * the run (Server-Sent Events) with a live progress line and a report at the end; without
 * {@code --once} it then follows the runs of the connector's schedule until stopped. The
 * run lives in the service: Ctrl-C detaches from it, or cancels it with
 * {@code --cancel-on-interrupt}.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = {
        "Run a connector now in the Ingest service of a running Weir, and follow the run here: records to "
                + "weir.raw.<name>, unreadable pages to weir.dlq.<name>.",
        "The run lives in the service: Ctrl-C stops following it and leaves it running (see it with "
                + "`weir connector status NAME`), unless --cancel-on-interrupt, which cancels it (it stops at its next "
                + "page, and the next run resumes it).",
        "A page is done once Kafka acknowledged its records and its checkpoint is committed: a run stopped in any "
                + "way (cancelled, the service killed) is resumed by the next one, and pages done recently are not "
                + "fetched again (--refetch fetches them).",
        "Options of the connector are changed by WEIR_CONNECTOR_<NAME>_<OPTION> variables of the service, e.g. "
                + "WEIR_CONNECTOR_FHRS_BASE_URL for `weir up`.",
        "Exit status: 0 the run succeeded, 1 it failed (the report says why), 3 the connector's definition has "
                + "problems, 4 no such connector, 5 Weir is not up or was lost, 6 it is running elsewhere (docs/cli.md).",
        "With --json, each run's report is one JSON document on stdout (one line per run); progress goes to "
                + "stderr." })
final class ConnectorRunCommand implements Callable<Integer> {

    /** How long after a fire time a scheduled run may take to appear. */
    private static final Duration SCHEDULED_RUN_WAIT = Duration.ofSeconds(30);

    @Parameters(paramLabel = "NAME", description = "The connector, e.g. fhrs or open-meteo (`weir connector list`).")
    String name;

    @Option(names = "--once",
            description = "Run once and exit. Without it, the command runs now and then follows the runs the service "
                    + "starts at each fire time of the connector's schedule, until stopped.")
    boolean once;

    @Option(names = "--refetch",
            description = "Start a new sync and fetch every page, even pages done within their fingerprint's lifetime.")
    boolean refetch;

    @Option(names = "--cancel-on-interrupt",
            description = "On Ctrl-C (or SIGTERM), cancel the run followed instead of leaving it running in the "
                    + "service.")
    boolean cancelOnInterrupt;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto (a live line on a terminal, a line every 5 s otherwise), line, or none; default: ${DEFAULT-VALUE}.")
    RunProgress.Mode progress;

    @Mixin
    WeirUrls urls;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    /** The run followed now, which Ctrl-C detaches from or cancels. */
    private final AtomicReference<String> following = new AtomicReference<>();

    private String path;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = this.spec.commandLine().getOut();
        PrintWriter err = this.spec.commandLine().getErr();
        AdminClient ingest = this.urls.admin(this.urls.ingest());
        this.path = "/connectors/" + URLEncoder.encode(this.name, StandardCharsets.UTF_8);
        Thread onInterrupt = new Thread(() -> interrupted(ingest, err), "weir-connector-run-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            int status = follow(ingest, out, err, start(ingest, err));
            if (this.once) {
                return status;
            }
            while (true) {
                JsonNode schedule = ingest.get(this.path + "/schedule");
                String cron = schedule.path("cron").asString(null);
                if (cron == null || schedule.path("next_runs").isEmpty()) {
                    err.println("Connector " + this.name + " has no schedule: done.");
                    return status;
                }
                if (!schedule.path("enabled").asBoolean()) {
                    err.println("The service at " + ingest.base() + " does not run schedules "
                            + "(weir.ingest.schedules.enabled is false): done.");
                    return status;
                }
                Instant next = Instant.parse(schedule.path("next_runs").get(0).asString());
                err.printf("Next run of %s at %s (schedule \"%s\", %s). Stop with Ctrl-C.%n", this.name, next, cron,
                        schedule.path("time_zone").asString("UTC"));
                err.flush();
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), next).toMillis()));
                Optional<JsonNode> scheduled = scheduledRun(ingest, next);
                if (scheduled.isEmpty()) {
                    err.println("The run of " + next + " was skipped: it ran elsewhere, or is running.");
                    err.flush();
                    continue;
                }
                status = follow(ingest, out, err, scheduled.get());
            }
        }
        finally {
            this.following.set(null);
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            }
            catch (IllegalStateException ex) {
                // the JVM is stopping: the hook runs
            }
        }
    }

    /**
     * Asks for a run now: the run started. Without {@code --once}, a run of the connector
     * already going (its schedule's) is followed instead.
     */
    private JsonNode start(AdminClient ingest, PrintWriter err) {
        try {
            JsonNode started = ingest.post(this.path + "/runs?refetch=" + this.refetch);
            return started;
        }
        catch (AdminClient.ProblemException ex) {
            JsonNode runId = ex.problem().path("run_id");
            if (this.once || ex.status() != 409 || !runId.isString()) {
                throw ex;
            }
            err.println("Connector " + this.name + " is running (run " + runId.asString() + "): following it.");
            return ingest.get(this.path + "/runs/" + runId.asString());
        }
    }

    /**
     * Follows a run to its end, printing its progress (on stderr) and then its report (on
     * stdout, as text or JSON).
     * @return 0 when it succeeded, 1 otherwise
     */
    private int follow(AdminClient ingest, PrintWriter out, PrintWriter err, JsonNode run) {
        String runId = run.path("run_id").asString();
        this.following.set(runId);
        AtomicReference<JsonNode> finished = new AtomicReference<>();
        try (RunProgress progress = RunProgress.start(this.progress, err, this.name)) {
            String resumed = run.path("resumed").isBoolean()
                    ? (run.path("resumed").asBoolean() ? run.path("sync_id").asString() : null)
                    : run.path("resumed").asString(null);
            progress.started(runId, resumed);
            boolean ended = ingest.follow(this.path + "/runs/" + runId + "/events", (event) -> {
                if (event.name().equals("finished")) {
                    finished.set(event.data());
                    return false;
                }
                progress.update(event.data());
                return true;
            });
            if (!ended || finished.get() == null) {
                throw new AdminClient.UnreachableException(ingest.base(),
                        new IllegalStateException("the service stopped sending the run's events; the run may go on "
                                + "there, or the next run resumes it"));
            }
        }
        this.following.set(null);
        JsonNode report = finished.get().path("report");
        if (this.json.enabled()) {
            JsonOutput.print(out, report.isObject() ? report : finished.get());
        }
        else {
            out.print(report.isObject() ? ReportText.render(report)
                    : "Run " + runId + " of " + this.name + ": " + finished.get().path("status").asString() + "\n");
            out.flush();
        }
        return "succeeded".equals(finished.get().path("status").asString()) ? ExitCode.OK : ExitCode.FAILED;
    }

    /** The run the service started for a fire time of the schedule, once it appears. */
    private Optional<JsonNode> scheduledRun(AdminClient ingest, Instant fireTime) throws InterruptedException {
        Instant giveUp = Instant.now().plus(SCHEDULED_RUN_WAIT);
        while (Instant.now().isBefore(giveUp)) {
            for (JsonNode run : ingest.get(this.path + "/runs?limit=5")) {
                JsonNode scheduledFor = run.path("scheduled_for");
                if (scheduledFor.isString() && Instant.parse(scheduledFor.asString()).equals(fireTime)) {
                    return Optional.of(run);
                }
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    /** Ctrl-C (or SIGTERM) while a run is followed: detach, or cancel it. */
    private void interrupted(AdminClient ingest, PrintWriter err) {
        String runId = this.following.get();
        if (runId == null) {
            return;
        }
        if (!this.cancelOnInterrupt) {
            err.println();
            err.println("Detached: run " + runId + " goes on in the service (weir connector status " + this.name
                    + "; cancel it with --cancel-on-interrupt next time, or POST " + this.path + "/runs/" + runId
                    + "/cancel).");
            err.flush();
            return;
        }
        try {
            ingest.post(this.path + "/runs/" + runId + "/cancel");
            err.println();
            err.println("Cancelled run " + runId + ": it stops at its next page; the next run resumes it.");
        }
        catch (RuntimeException ex) {
            err.println();
            err.println("Run " + runId + " could not be cancelled: " + ex.getMessage());
        }
        err.flush();
    }

}
