package dev.weir.ingest.pull.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Service;

import dev.weir.ingest.pull.definition.ConnectorCatalog;
import dev.weir.ingest.pull.definition.ConnectorConfig;
import dev.weir.ingest.pull.kinds.DeclarativeConnector;
import dev.weir.ingest.pull.definition.Definition;
import dev.weir.ingest.pull.definition.StreamConfig;
import dev.weir.ingest.pull.spi.Connector;
import dev.weir.ingest.system.IngestProperties;
import dev.weir.ingest.system.IngestTopics;
import dev.weir.platform.error.WeirException;

/**
 * Starts connector runs, one per connector cluster-wide (its lock), and keeps their
 * history. A run started by the API returns at once with its id and goes on in the
 * background; the CLI and the schedules run it in the calling thread. A run resumes the
 * sync of its connector's previous run when that one did not finish, and starts a new
 * sync otherwise (or with {@code refetch}).
 */
@Service
public class ConnectorRuns implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConnectorRuns.class);

    /** How long a page read by a run that stopped before its commit is kept at most. */
    private static final java.time.Duration RECEIVED_PAGES_KEPT = java.time.Duration.ofDays(7);

    private final ConnectorCatalog catalog;

    private final CheckpointRepository checkpoints;

    private final FingerprintRepository fingerprints;

    private final RunRepository history;

    private final IngestTopics topics;

    private final IngestProperties properties;

    private final IngestMetrics metrics;

    private final RunLock locks;

    private final ScheduledExecutorService renewals;

    private final PullRun.Parts parts;

    private final String host;

    /** The runs going on in this process. */
    private final Map<UUID, Prepared> running = new ConcurrentHashMap<>();

    private volatile boolean stopping;

    ConnectorRuns(ConnectorCatalog catalog, CheckpointRepository checkpoints, FingerprintRepository fingerprints,
            RunRepository history, IngestTopics topics, IngestProperties properties, IngestMetrics metrics,
            KafkaOperations<String, byte[]> kafka, JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
        this.catalog = catalog;
        this.checkpoints = checkpoints;
        this.fingerprints = fingerprints;
        this.history = history;
        this.topics = topics;
        this.properties = properties;
        this.metrics = metrics;
        String hostName = hostName();
        this.host = RunLock.holderName(hostName);
        this.renewals = Executors
            .newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ingest-lock-renewal").daemon(true).factory());
        this.locks = new RunLock(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
            .withJdbcTemplate(jdbcTemplate)
            .withTableName("ingest.shedlock")
            .withLockedByValue(this.host)
            .usingDbTime()
            .build()), jdbc, properties.lockLease(), this.renewals, hostName);
        this.parts = new PullRun.Parts(checkpoints, fingerprints, new RecordSink(kafka, properties.ackTimeout()),
                properties, metrics, Clock.systemUTC(), System::getenv);
    }

    /**
     * Checks a connector without running it: its definition, then one request per stream
     * ({@link PullProbe}). Nothing is written; the run lock is not taken.
     * @throws WeirException not found (404), invalid definition (422, every problem)
     */
    public ProbeViews.Check check(String name) throws InterruptedException {
        return ProbeViews.Check.of(name, probe(name).check());
    }

    /**
     * The first {@code limit} records of a stream (the first stream when null) as a run
     * would publish them, without running the connector: nothing is written.
     * @throws WeirException not found (404: the connector or the stream), invalid
     * definition or a limit out of 1-100 (422)
     */
    public ProbeViews.Preview preview(String name, String stream, int limit) throws InterruptedException {
        if (limit < 1 || limit > 100) {
            throw WeirException
                .invalid(dev.weir.platform.error.FieldError.query("limit", "must be between 1 and 100, not " + limit));
        }
        PullProbe probe = probe(name);
        ConnectorConfig config = this.catalog.get(name).runnable();
        String target = (stream != null && !stream.isBlank()) ? stream : config.streams().get(0).name();
        if (config.stream(target).isEmpty()) {
            throw WeirException.notFound("No such stream", "Connector " + name + " has no stream '" + target
                    + "'; its streams: " + config.streams().stream().map(StreamConfig::name).toList() + ".");
        }
        return probe.preview(target, limit);
    }

    private PullProbe probe(String name) {
        Definition definition = this.catalog.get(name);
        ConnectorConfig config = definition.runnable();
        Connector connector = (definition.connector() != null) ? definition.connector()
                : new DeclarativeConnector(config);
        return new PullProbe(connector, config, this.properties.maxRecordBytes(), this.parts.clock(),
                this.parts.environment());
    }

    /**
     * A run started in the background.
     *
     * @param syncId the sync it works on: its own id, or the unfinished sync it resumes
     */
    public record StartedRun(UUID runId, String connector, UUID syncId) {
    }

    /**
     * Starts a run in the background, on a virtual thread of this service; it goes on
     * whatever becomes of the caller.
     * @param refetch start a new sync and fetch every page, even pages done within their
     * fingerprint's lifetime
     * @throws WeirException not found (404), invalid definition (422), or conflict (409)
     * when the connector is running
     */
    public StartedRun start(String name, boolean refetch) {
        Prepared run = prepare(name, RunRequest.of(RunTrigger.API, refetch), RunListener.NONE).orElseThrow();
        Thread thread = Thread.ofVirtual().name("ingest-run-" + name).unstarted(run::execute);
        run.thread = thread;
        this.running.put(run.runId, run);
        thread.start();
        return new StartedRun(run.runId, name, run.syncId);
    }

    /**
     * Runs a connector in this thread and returns its report (tests).
     * @throws WeirException not found (404), invalid definition (422), or conflict (409)
     * when the connector is running
     */
    RunReport run(String name, RunRequest request, RunListener listener) {
        Prepared run = prepare(name, request, listener).orElseThrow();
        run.thread = Thread.currentThread();
        this.running.put(run.runId, run);
        return run.execute();
    }

    /**
     * Runs a connector for its schedule's fire time, unless it is running (elsewhere) or
     * another replica already ran it for that time.
     * @return whether it ran here
     */
    public boolean runForSchedule(String name, Instant fireTime) {
        return runScheduled(name, fireTime).isPresent();
    }

    /** {@link #runForSchedule}, with the run's report. */
    Optional<RunReport> runScheduled(String name, Instant fireTime) {
        Optional<Prepared> prepared;
        try {
            prepared = prepare(name, new RunRequest(RunTrigger.SCHEDULE, false, fireTime), RunListener.NONE);
        }
        catch (WeirException ex) {
            log.info("Scheduled run of connector {} skipped: {}", name, ex.detail());
            return Optional.empty();
        }
        return prepared.map((run) -> {
            run.thread = Thread.currentThread();
            this.running.put(run.runId, run);
            return run.execute();
        });
    }

    /**
     * Cancels a run going on in this process: it stops at its next page boundary, as
     * {@code interrupted}, and the next run resumes its sync.
     * @return the run as it is now (still {@code running} until it reaches the boundary)
     * @throws WeirException not found (404); conflict (409) when it has ended, or runs on
     * another replica (cancel it there)
     */
    public RunView cancel(String name, UUID runId) {
        RunView run = find(name, runId);
        Prepared live = this.running.get(runId);
        if (live == null) {
            String where = "running".equals(run.status())
                    ? "is running on " + run.host() + ", not on this replica: cancel it there"
                    : "has ended (" + run.status() + ")";
            throw WeirException
                .conflict("run-not-cancellable", "Run not cancellable",
                        "Run " + runId + " of connector '" + name + "' " + where + ".")
                .with("run_id", runId)
                .with("status", run.status());
        }
        live.cancel();
        return run;
    }

    /** Deletes expired request fingerprints (in batches). */
    public long purgeExpiredFingerprints() {
        this.checkpoints.received().purgeOlderThan(RECEIVED_PAGES_KEPT);
        return this.fingerprints.purgeExpired(this.properties.fingerprints().purgeBatch());
    }

    /** The latest runs of a connector, newest first. */
    public List<RunView> history(String name, int limit) {
        this.catalog.get(name);
        return this.history.list(name, limit).stream().map(RunView::of).toList();
    }

    /**
     * One run.
     * @throws WeirException not found (404)
     */
    public RunView find(String name, UUID runId) {
        return this.history.find(runId).filter((row) -> row.connector().equals(name)).map((row) -> {
            Prepared live = this.running.get(runId);
            // a run going on here: its report so far (the row has the counts of the
            // last page committed)
            RunView run = (live != null && row.status() == RunStatus.RUNNING) ? RunView.of(row, live.report.view())
                    : RunView.of(row);
            return run.inStreamOrder(streamOrder(name));
        })
            .orElseThrow(
                    () -> WeirException.notFound("Run not found", "Connector '" + name + "' has no run " + runId + ".")
                        .with("run_id", runId));
    }

    /**
     * Where each stream of a connector stands (its checkpoints), in the order of the
     * definition's streams (streams it no longer has last).
     * @throws WeirException not found (404)
     */
    public List<CheckpointSummary> checkpoints(String name) {
        List<String> order = streamOrder(name);
        return this.checkpoints.summary(name).stream().sorted(Comparator.comparingInt((CheckpointSummary c) -> {
            int index = order.indexOf(c.stream());
            return (index >= 0) ? index : Integer.MAX_VALUE;
        })).toList();
    }

    /** The names of a connector's streams, in the definition's order. */
    private List<String> streamOrder(String name) {
        Definition definition = this.catalog.get(name);
        return (definition.config() != null) ? definition.config().streams().stream().map(StreamConfig::name).toList()
                : List.of();
    }

    /** The latest run of a connector. */
    public Optional<RunView> latest(String name) {
        return this.history.latest(name).map(RunView::of);
    }

    private Optional<Prepared> prepare(String name, RunRequest request, RunListener listener) {
        if (this.stopping) {
            throw WeirException.unavailable("Service stopping",
                    "The ingest service is stopping; start the run elsewhere or later.");
        }
        Definition definition = this.catalog.get(name);
        ConnectorConfig config = definition.runnable();
        Connector connector = (definition.connector() != null) ? definition.connector()
                : new DeclarativeConnector(config);
        RunLock.Held lock = this.locks.acquire(name).orElseThrow(() -> running(name));
        try {
            Instant now = Instant.now();
            UUID runId = UUID.randomUUID();
            Optional<RunRepository.RunRow> previous = this.history.latest(name);
            int interrupted = this.history.interruptRunning(name, now);
            if (interrupted > 0) {
                log.info("Connector {}: the previous run ended without finishing; this run resumes it", name);
            }
            boolean resume = !request.refetch() && previous.isPresent()
                    && previous.get().status() != RunStatus.SUCCEEDED;
            UUID syncId = resume ? previous.get().syncId() : runId;
            if (!this.history.start(runId, name, syncId, request, this.host, now)) {
                lock.close();
                return Optional.empty();
            }
            this.metrics.watch(name);
            RunReport report = new RunReport(runId, name, syncId, request, now, new RunCounters());
            listener.started(new RunListener.RunInfo(runId, name, syncId));
            AtomicBoolean cancelled = new AtomicBoolean();
            PullRun pull = new PullRun(connector, config, runId, syncId, request, this.parts, listener, report,
                    lock::lost, cancelled::get);
            return Optional.of(new Prepared(runId, name, syncId, pull, report, lock, cancelled));
        }
        catch (RuntimeException ex) {
            lock.close();
            throw ex;
        }
    }

    private WeirException running(String name) {
        Optional<RunLock.Holder> holder = this.locks.holder(name);
        WeirException conflict = WeirException
            .conflict("connector-running", "Connector is running",
                    "Connector '" + name + "' is running"
                            + holder.map((h) -> " on " + h.lockedBy() + " since " + h.lockedAtUtc() + " UTC").orElse("")
                            + "; a connector runs once at a time. Wait for that run to end (GET /connectors/" + name
                            + "/runs).")
            .with("connector", name);
        holder.ifPresent((h) -> conflict.with("locked_by", h.lockedBy()));
        this.history.latest(name)
            .filter((row) -> row.status() == RunStatus.RUNNING)
            .ifPresent((row) -> conflict.with("run_id", row.id()));
        return conflict;
    }

    /** A run with its lock and history row, ready to execute. */
    private final class Prepared {

        private final UUID runId;

        private final String connector;

        private final UUID syncId;

        private final PullRun pull;

        private final RunReport report;

        private final RunLock.Held lock;

        private volatile Thread thread;

        private final AtomicBoolean cancelled;

        Prepared(UUID runId, String connector, UUID syncId, PullRun pull, RunReport report, RunLock.Held lock,
                AtomicBoolean cancelled) {
            this.cancelled = cancelled;
            this.runId = runId;
            this.connector = connector;
            this.syncId = syncId;
            this.pull = pull;
            this.report = report;
            this.lock = lock;
        }

        /**
         * Stops the run at its next page boundary (not by interrupting it: a page in
         * flight ends as it would, its commit included).
         */
        void cancel() {
            this.cancelled.set(true);
        }

        private void ensureTopics() throws RunStoppedException {
            try {
                ConnectorRuns.this.topics.ensure(this.connector);
            }
            catch (RuntimeException ex) {
                Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
                throw new RunStoppedException("the topics of dataset " + this.connector
                        + " could not be created or checked (is Kafka reachable?): " + root);
            }
        }

        RunReport execute() {
            RunStatus status = RunStatus.FAILED;
            boolean interrupted = false;
            String error = null;
            try {
                log.info("Run {} of connector {} started", this.runId, this.connector);
                ConnectorRuns.this.fingerprints.purgeExpired(ConnectorRuns.this.properties.fingerprints().purgeBatch());
                ensureTopics();
                this.pull.execute();
                status = RunStatus.SUCCEEDED;
            }
            catch (RunStoppedException ex) {
                error = ex.getMessage();
            }
            catch (InterruptedException ex) {
                interrupted = !this.cancelled.get();
                status = RunStatus.INTERRUPTED;
                error = this.cancelled.get()
                        ? "cancelled (POST /connectors/" + this.connector + "/runs/" + this.runId
                                + "/cancel); the next run resumes it"
                        : "stopped before its end (the process is stopping); the next run resumes it";
            }
            catch (RecordSink.PublishFailedException ex) {
                error = "Kafka did not acknowledge a page's records (" + ex.getMessage()
                        + "); that page's checkpoint was not written, so the next run publishes it again, from the copy kept "
                        + "rather than fetching it";
            }
            catch (CheckpointRepository.LostCheckpointException ex) {
                error = ex.getMessage() + "; another run took over";
            }
            catch (RuntimeException ex) {
                log.error("Run {} of connector {} failed unexpectedly", this.runId, this.connector, ex);
                error = "unexpected failure: " + ex;
            }
            finally {
                error = this.pull.mask(error);
                Instant finished = Instant.now();
                this.report.finish(status, error, finished);
                try {
                    ConnectorRuns.this.history.finish(this.runId, status, error, this.report.counters().snapshot(),
                            EngineJson.write(this.report.view()), finished);
                }
                catch (RuntimeException ex) {
                    log.warn("Run {} of connector {}: its end could not be recorded: {}", this.runId, this.connector,
                            ex.toString());
                }
                this.lock.close();
                ConnectorRuns.this.running.remove(this.runId);
                ConnectorRuns.this.metrics.runFinished(this.connector, status, this.report.counters().snapshot());
                RunCounts counts = this.report.counters().snapshot();
                log.info(
                        "Run {} of connector {} {}: {} pages ({} skipped), {} records, {} retries, {} 429s, "
                                + "{} dead letters{}",
                        this.runId, this.connector, status.label(), counts.pages(), counts.pagesSkipped(),
                        counts.records(), counts.retries(), counts.rateLimited(), counts.deadLetters(),
                        (error != null) ? "; " + error : "");
                if (interrupted) {
                    // only now: the end above is recorded on a connection an interrupt
                    // could have refused
                    Thread.currentThread().interrupt();
                }
            }
            return this.report;
        }

    }

    /** Stops runs of this process at their next page boundary, and waits a little. */
    @Override
    public void destroy() throws InterruptedException {
        this.stopping = true;
        this.running.values().forEach((run) -> {
            Thread thread = run.thread;
            if (thread != null) {
                thread.interrupt();
            }
        });
        long deadline = System.nanoTime() + this.properties.stopTimeout().toNanos();
        while (!this.running.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        this.renewals.shutdownNow();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            return "unknown-host";
        }
    }

}
