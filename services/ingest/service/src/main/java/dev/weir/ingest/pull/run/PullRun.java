package dev.weir.ingest.pull.run;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.weir.ingest.pull.definition.ConnectorConfig;
import dev.weir.ingest.pull.definition.PaginationConfig;
import dev.weir.ingest.pull.definition.Secrets;
import dev.weir.ingest.pull.definition.StreamConfig;
import dev.weir.ingest.pull.http.Upstream;
import dev.weir.ingest.pull.run.RequestPlanner.PlannedPage;
import dev.weir.ingest.pull.spi.Authenticator;
import dev.weir.ingest.pull.spi.BadPageException;
import dev.weir.ingest.pull.spi.Connector;
import dev.weir.ingest.pull.spi.PageState;
import dev.weir.ingest.pull.spi.Paginator;
import dev.weir.ingest.pull.spi.RecordSelector;
import dev.weir.ingest.pull.spi.Stream;
import dev.weir.ingest.system.IngestProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One run of a connector: its streams in order, a child stream once per parent record,
 * each partition page by page with the run protocol of
 * {@code docs/design/pull-connectors.md}. A page goes through four roles: the
 * {@link RequestPlanner} plans its request from the checkpoint (skipped if its
 * fingerprint is fresh), the {@link PageFetcher} fetches it within the budget and the
 * retry policy ({@link Fetch}: fetched, bad or failed), the {@link PageAssembler} reads
 * its records and dead letters, and the {@link PageCommitter} publishes them, waits for
 * Kafka's acks and checkpoints the page in one transaction, counting it once through the
 * {@link RunTally}. A page is done only after its checkpoint; a run killed anywhere
 * fetches at most the page in flight again (one per partition in flight).
 */
final class PullRun {

    private static final Logger log = LoggerFactory.getLogger(PullRun.class);

    private static final int PARTITION_BATCH = 100;

    private final Connector connector;

    private final ConnectorConfig config;

    private final UUID runId;

    private final UUID syncId;

    private final RunRequest request;

    private final Parts parts;

    private final RunReport report;

    private final BooleanSupplier lockLost;

    private final BooleanSupplier cancelled;

    private final Secrets secrets;

    private final RunTally tally;

    private final RequestPlanner planner;

    private final PageAssembler assembler;

    private final PageCommitter committer;

    private final RawRecords raw;

    /** Pages published from the copy a stopped run kept, rather than fetched again. */
    private final AtomicLong fromReceived = new AtomicLong();

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /**
     * What a run needs from the service.
     *
     * @param environment looks up environment variables for secret references
     */
    record Parts(CheckpointRepository checkpoints, FingerprintRepository fingerprints, RecordSink sink,
            IngestProperties properties, IngestMetrics metrics, Clock clock, Function<String, String> environment) {
    }

    PullRun(Connector connector, ConnectorConfig config, UUID runId, UUID syncId, RunRequest request, Parts parts,
            RunListener listener, RunReport report, BooleanSupplier lockLost, BooleanSupplier cancelled) {
        this.cancelled = cancelled;
        this.connector = connector;
        this.config = config;
        this.syncId = syncId;
        this.request = request;
        this.parts = parts;
        this.report = report;
        this.lockLost = lockLost;
        this.secrets = new Secrets(parts.environment());
        this.tally = new RunTally(config.name(), report, parts.metrics(), listener);
        this.planner = new RequestPlanner(config, this.secrets);
        this.committer = new PageCommitter(config, syncId, runId, parts, this.tally);
        this.raw = new RawRecords(config, parts.properties().maxRecordBytes());
        this.assembler = new PageAssembler(this.raw, parts.properties().maxRecordBytes());
        this.runId = runId;
    }

    /** Text with the run's secrets masked. */
    String mask(String text) {
        return this.secrets.mask(text);
    }

    void execute() throws RunStoppedException, InterruptedException {
        try (Upstream upstream = new Upstream(this.config, this.parts.clock(), this.report.counters())) {
            Authenticator authenticator;
            try {
                authenticator = this.connector.authenticator(this.secrets, upstream);
            }
            catch (IllegalArgumentException ex) {
                throw new RunStoppedException("auth: " + ex.getMessage());
            }
            PageFetcher fetcher = new PageFetcher(this.config, upstream, authenticator,
                    this.parts.checkpoints().received(), this.secrets, this.parts.clock(), this.request.refetch());
            for (StreamConfig stream : this.config.streams()) {
                Stream named = new Stream(this.config.name(), stream.name());
                Streamed streamed = new Streamed(stream, this.connector.paginator(named), this.connector.records(named),
                        this.config.children(stream.name()), resolved(stream, this.config.params(), stream.params()),
                        resolved(stream, this.config.headers(), stream.headers()));
                this.report.stream(stream.name());
                if (stream.forEach() != null) {
                    this.parts.checkpoints().register(this.config.name(), this.syncId, null, values(stream));
                }
                if (stream.partitioned()) {
                    runPartitions(streamed, fetcher);
                }
                else {
                    runPartition(streamed, fetcher,
                            this.parts.checkpoints().root(this.config.name(), stream.name(), this.syncId));
                }
            }
            if (this.fromReceived.get() > 0) {
                this.report.note(this.fromReceived.get() + " page(s) read by the stopped run were published from the "
                        + "copy it kept, not fetched again");
            }
        }
    }

    /**
     * A stream with the parts that read it, and its query parameters and headers (the
     * connector's, then the stream's) with their secrets resolved: templates still to
     * fill per page.
     */
    record Streamed(StreamConfig config, Paginator paginator, RecordSelector selector, List<StreamConfig> children,
            Map<String, String> params, Map<String, String> headers) {
    }

    /**
     * The connector's and the stream's values merged, secret references resolved once per
     * run and before any template is filled: a value that comes from the upstream's data
     * is never taken for a reference.
     */
    private Map<String, String> resolved(StreamConfig stream, Map<String, String> connector,
            Map<String, String> streamLevel) throws RunStoppedException {
        Map<String, String> merged = new LinkedHashMap<>(connector);
        merged.putAll(streamLevel);
        try {
            merged.replaceAll((name, value) -> this.secrets.resolve(value));
        }
        catch (IllegalArgumentException ex) {
            throw new RunStoppedException("stream " + stream.name() + ": " + this.secrets.mask(ex.getMessage()));
        }
        return merged;
    }

    private List<CheckpointRepository.Partition> values(StreamConfig stream) {
        List<CheckpointRepository.Partition> partitions = new ArrayList<>();
        for (JsonNode value : stream.forEach().values()) {
            String json = EngineJson.write(value);
            partitions.add(new CheckpointRepository.Partition(stream.name(), json, json));
        }
        return partitions;
    }

    /** The partitions of a stream side by side, as many as the budget's concurrency. */
    private void runPartitions(Streamed stream, PageFetcher fetcher) throws RunStoppedException, InterruptedException {
        Semaphore slots = new Semaphore(this.config.budget().concurrency());
        String after = "";
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            while (this.failure.get() == null) {
                List<StreamCheckpoint> batch = this.parts.checkpoints()
                    .pending(this.config.name(), stream.config().name(), this.syncId, after, PARTITION_BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                for (StreamCheckpoint checkpoint : batch) {
                    slots.acquire();
                    if (this.failure.get() != null) {
                        slots.release();
                        break;
                    }
                    pool.submit(() -> {
                        try {
                            runPartition(stream, fetcher, checkpoint);
                        }
                        catch (Throwable ex) {
                            this.failure.compareAndSet(null, ex);
                        }
                        finally {
                            slots.release();
                        }
                    });
                    after = checkpoint.partitionKey();
                }
            }
        }
        rethrow(this.failure.get());
    }

    private static void rethrow(Throwable failure) throws RunStoppedException, InterruptedException {
        switch (failure) {
            case null -> {
            }
            case RunStoppedException stopped -> throw stopped;
            case InterruptedException interrupted -> throw interrupted;
            case RuntimeException runtime -> throw runtime;
            case Error error -> throw error;
            default -> throw new IllegalStateException(failure);
        }
    }

    /** One partition, page by page, from its checkpoint to its end. */
    private void runPartition(Streamed streamed, PageFetcher fetcher, StreamCheckpoint checkpoint)
            throws RunStoppedException, InterruptedException {
        if (checkpoint.done()) {
            return;
        }
        StreamConfig stream = streamed.config();
        this.tally.partitionStarted(stream.name());
        Map<String, JsonNode> bindings = stream.binding()
            .map((name) -> Map.of(name,
                    (checkpoint.bindings() != null) ? checkpoint.bindings()
                            : (JsonNode) JsonNodeFactory.instance.nullNode()))
            .orElse(Map.of());
        PageState state = (checkpoint.pagination() != null) ? checkpoint.pagination() : streamed.paginator().first();
        String cursor = checkpoint.cursor();
        String cursorMax = checkpoint.cursorMax();
        while (state != null) {
            checkStillRunning();
            PlannedPage page;
            try {
                page = this.planner.plan(streamed, bindings, state, cursor);
            }
            catch (RequestPlanner.UnplannableException ex) {
                this.tally.note("stream " + stream.name() + " partition '" + checkpoint.partitionKey() + "' skipped: "
                        + this.secrets.mask(ex.getMessage()));
                this.committer.unplannable(checkpoint, cursor, cursorMax);
                return;
            }
            catch (IllegalArgumentException ex) {
                throw new RunStoppedException("stream " + stream.name() + ": " + this.secrets.mask(ex.getMessage()));
            }
            var done = this.request.refetch() ? Optional.<FingerprintRepository.DonePage>empty()
                    : this.parts.fingerprints().find(this.config.name(), page.fingerprint());
            if (done.isPresent()) {
                PageState next = done.get().nextPage();
                this.committer.skipped(checkpoint, page, next,
                        (next == null) ? Cursors.greatest(cursor, cursorMax) : cursor);
                state = next;
                continue;
            }
            switch (fetcher.fetch(page, stream)) {
                case Fetch.Failed failed -> throw new RunStoppedException(failed.reason());
                case Fetch.BadPage bad -> state = badPage(streamed, checkpoint, state, page, bad.body(), bad.reason(),
                        bad.status(), bad.fetchedAt());
                case Fetch.Fetched fetched -> {
                    RawRecords.Origin origin = origin(stream, page, fetched.fetchedAt());
                    PageAssembler.Assembled assembled;
                    try {
                        assembled = this.assembler.assemble(streamed, page, fetched, state, bindings, cursor, origin);
                    }
                    catch (BadPageException ex) {
                        state = badPage(streamed, checkpoint, state, page, fetched.response().body(), ex.getMessage(),
                                fetched.response().status(), fetched.fetchedAt());
                        continue;
                    }
                    fetcher.keep(page, fetched);
                    if (fetched.kept()) {
                        this.fromReceived.incrementAndGet();
                    }
                    cursorMax = Cursors.greatest(cursorMax, assembled.cursorMax());
                    PageState next = assembled.next();
                    this.committer.done(checkpoint, page, fetched, assembled,
                            (next == null) ? Cursors.greatest(cursor, cursorMax) : cursor, cursorMax,
                            this::checkStillRunning);
                    state = next;
                }
            }
        }
    }

    private RawRecords.Origin origin(StreamConfig stream, PlannedPage page, Instant fetchedAt) {
        return new RawRecords.Origin(this.config.name(), stream.name(), this.runId.toString(), page.fingerprint(),
                page.url(), fetchedAt);
    }

    /**
     * Sends a page that cannot be read to the dead-letter topic; returns the state of the
     * next page, or null when the partition ends here.
     */
    private PageState badPage(Streamed streamed, StreamCheckpoint checkpoint, PageState state, PlannedPage page,
            byte[] body, String reason, Integer status, Instant fetchedAt)
            throws RunStoppedException, InterruptedException {
        StreamConfig stream = streamed.config();
        RawRecords.Origin origin = origin(stream, page, fetchedAt);
        String masked = this.secrets.mask(reason);
        log.warn("Connector {} stream {}: bad page {}: {}", this.config.name(), stream.name(), page.url(), masked);
        this.committer.deadLetter(checkpoint, origin,
                this.raw.deadLetter(page.fingerprint().value(), body, masked, status, origin), masked);
        if (this.config.onBadPage() == ConnectorConfig.BadPagePolicy.FAIL) {
            throw new RunStoppedException("bad page " + page.url() + " (sent to " + this.config.deadLetterTopic()
                    + "; on_bad_page: fail): " + masked);
        }
        checkStillRunning();
        PageState next = streamed.paginator().afterBadPage(state).orElse(null);
        if (next == null && !(stream.paginate() instanceof PaginationConfig.None)) {
            this.tally.note("stream " + stream.name()
                    + (checkpoint.partitionKey().isEmpty() ? "" : " partition '" + checkpoint.partitionKey() + "'")
                    + " ended at the bad page " + page.url() + ": what follows it is not known without it");
        }
        // no fingerprint: the next sync tries the page again
        this.committer.passBadPage(checkpoint, origin, next);
        return next;
    }

    private void checkStillRunning() throws InterruptedException, RunStoppedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("the run was stopped");
        }
        if (this.cancelled.getAsBoolean()) {
            throw new InterruptedException("the run was cancelled");
        }
        if (this.failure.get() != null) {
            throw new InterruptedException("another partition failed");
        }
        if (this.lockLost.getAsBoolean()) {
            throw new RunStoppedException("the connector's lock was lost (the database was unreachable for longer "
                    + "than weir.ingest.lock-lease): stopping before another replica runs it too");
        }
    }

}
