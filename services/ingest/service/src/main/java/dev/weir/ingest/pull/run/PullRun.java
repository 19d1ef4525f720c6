package dev.weir.ingest.pull.run;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.weir.ingest.pull.definition.ConnectorConfig;
import dev.weir.ingest.pull.definition.PaginationConfig;
import dev.weir.ingest.pull.definition.Secrets;
import dev.weir.ingest.pull.definition.StreamConfig;
import dev.weir.ingest.pull.definition.Templates;
import dev.weir.ingest.pull.http.RequestBudget;
import dev.weir.ingest.pull.http.RetryPolicy;
import dev.weir.ingest.pull.http.Upstream;
import dev.weir.ingest.pull.spi.Authenticator;
import dev.weir.ingest.pull.spi.BadPageException;
import dev.weir.ingest.pull.spi.Connector;
import dev.weir.ingest.pull.spi.OutgoingRequest;
import dev.weir.ingest.pull.spi.Page;
import dev.weir.ingest.pull.spi.PageState;
import dev.weir.ingest.pull.spi.Paginator;
import dev.weir.ingest.pull.spi.RecordSelector;
import dev.weir.ingest.pull.spi.Stream;
import dev.weir.ingest.system.IngestProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run of a connector: its streams in order, a child stream once per parent record,
 * each partition page by page with the run protocol of
 * {@code docs/design/pull-connectors.md}: plan the request from the checkpoint, skip it
 * if its fingerprint is fresh, wait for the budget, fetch (retrying), read, publish and
 * wait for Kafka's acks, then checkpoint in one transaction. A page is done only after
 * its checkpoint; a run killed anywhere fetches at most the page in flight again (one per
 * partition in flight).
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

    private final RunListener listener;

    private final RunReport report;

    private final BooleanSupplier lockLost;

    private final Secrets secrets;

    private final DeadLetters deadLetters;

    /** Pages published from the copy a stopped run kept, rather than fetched again. */
    private final java.util.concurrent.atomic.AtomicLong fromReceived = new java.util.concurrent.atomic.AtomicLong();

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private Upstream upstream;

    private Authenticator authenticator;

    /**
     * What a run needs from the service.
     *
     * @param environment looks up environment variables for secret references
     */
    record Parts(CheckpointRepository checkpoints, FingerprintRepository fingerprints, RecordSink sink,
            IngestProperties properties, IngestMetrics metrics, Clock clock, Function<String, String> environment) {
    }

    PullRun(Connector connector, ConnectorConfig config, UUID runId, UUID syncId, RunRequest request, Parts parts,
            RunListener listener, RunReport report, BooleanSupplier lockLost) {
        this.connector = connector;
        this.config = config;
        this.runId = runId;
        this.syncId = syncId;
        this.request = request;
        this.parts = parts;
        this.listener = listener;
        this.report = report;
        this.lockLost = lockLost;
        this.secrets = new Secrets(parts.environment());
        this.deadLetters = new DeadLetters(this.config, parts.properties().maxRecordBytes());
    }

    /** Text with the run's secrets masked. */
    String mask(String text) {
        return this.secrets.mask(text);
    }

    void execute() throws RunStoppedException, InterruptedException {
        RequestBudget budget = new RequestBudget(this.config.budget());
        try (Upstream upstream = new Upstream(this.config, budget,
                new RetryPolicy(this.config.retry(), this.parts.clock()), this.report.counters())) {
            this.upstream = upstream;
            try {
                this.authenticator = this.connector.authenticator(this.secrets, upstream);
            }
            catch (IllegalArgumentException ex) {
                throw new RunStoppedException("auth: " + ex.getMessage());
            }
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
                    runPartitions(streamed);
                }
                else {
                    runPartition(streamed,
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
    private record Streamed(StreamConfig config, Paginator paginator, RecordSelector selector,
            List<StreamConfig> children, Map<String, String> params, Map<String, String> headers) {
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

    private void runPartitions(Streamed stream) throws RunStoppedException, InterruptedException {
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
                            runPartition(stream, checkpoint);
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
        if (failure == null) {
            return;
        }
        if (failure instanceof RunStoppedException stopped) {
            throw stopped;
        }
        if (failure instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure);
    }

    private void runPartition(Streamed streamed, StreamCheckpoint checkpoint)
            throws RunStoppedException, InterruptedException {
        if (checkpoint.done()) {
            return;
        }
        StreamConfig stream = streamed.config();
        this.report.stream(stream.name()).partitions.incrementAndGet();
        Map<String, JsonNode> bindings = stream.binding()
            .map((name) -> Map.of(name,
                    (checkpoint.bindings() != null) ? checkpoint.bindings()
                            : (JsonNode) JsonNodeFactory.instance.nullNode()))
            .orElse(Map.of());
        PageState state = (checkpoint.pagination() != null) ? checkpoint.pagination() : streamed.paginator().first();
        String cursor = checkpoint.cursor();
        String cursorMax = checkpoint.cursorMax();
        while (true) {
            checkStillRunning();
            OutgoingRequest planned;
            try {
                planned = plan(streamed, bindings, state, cursor);
            }
            catch (UnplannableException ex) {
                // a parent record without the field a template needs: a quirk of the
                // data, not of the run
                this.report.note("stream " + stream.name() + " partition '" + checkpoint.partitionKey() + "' skipped: "
                        + this.secrets.mask(ex.getMessage()));
                this.parts.checkpoints()
                    .commit(new CheckpointRepository.PageCommit(this.config.name(), this.syncId, this.runId,
                            stream.name(), checkpoint.partitionKey(), null, cursor, cursorMax, null, "", 0,
                            this.parts.clock().instant(), this.config.fingerprintTtl(), List.of(),
                            this.report.counters().snapshot()));
                return;
            }
            catch (IllegalArgumentException ex) {
                throw new RunStoppedException("stream " + stream.name() + ": " + this.secrets.mask(ex.getMessage()));
            }
            RequestFingerprint fingerprint = RequestFingerprint.ofGet(planned.uri());
            String url = this.secrets.mask(planned.uri().toString());
            if (!this.request.refetch()) {
                var done = this.parts.fingerprints().find(this.config.name(), fingerprint);
                if (done.isPresent()) {
                    PageState next = done.get().nextPage();
                    String keep = (next == null) ? greatest(cursor, cursorMax) : cursor;
                    this.report.counters().pageSkipped();
                    this.report.stream(stream.name()).pagesSkipped.incrementAndGet();
                    this.parts.checkpoints()
                        .skip(this.config.name(), this.syncId, this.runId, stream.name(), checkpoint.partitionKey(),
                                fingerprint, next, keep, this.report.counters().snapshot());
                    this.parts.metrics().pageSkipped(this.config.name(), stream.name());
                    this.listener.pageSkipped(new RunListener.PageEvent(stream.name(), checkpoint.partitionKey(), url,
                            0, this.report.counters().snapshot()));
                    if (next == null) {
                        return;
                    }
                    state = next;
                    continue;
                }
            }
            Instant fetchedAt = this.parts.clock().instant();
            DeadLetters.Origin origin = new DeadLetters.Origin(this.config.name(), stream.name(), this.runId.toString(),
                    fingerprint, url, fetchedAt);
            ReceivedPageRepository received = this.parts.checkpoints().received();
            Optional<Upstream.Response> kept = this.request.refetch() ? Optional.empty()
                    : received.find(this.config.name(), fingerprint, this.config.fingerprintTtl());
            Upstream.Response response;
            try {
                // a page read by a run that stopped before its commit: published from
                // here
                response = kept.isPresent() ? kept.get() : this.upstream.get(planned, this.authenticator);
            }
            catch (Upstream.PageTooLargeException ex) {
                state = badPage(streamed, checkpoint, state, origin, ex.head(), ex.getMessage(), null);
                if (state == null) {
                    return;
                }
                continue;
            }
            catch (IOException ex) {
                throw new RunStoppedException("GET " + url + " failed"
                        + (RetryPolicy.retriable(ex) ? " after " + this.config.retry().maxAttempts() + " attempts" : "")
                        + ": " + this.secrets.mask(describe(ex)));
            }
            fetchedAt = this.parts.clock().instant();
            origin = new DeadLetters.Origin(this.config.name(), stream.name(), this.runId.toString(), fingerprint, url,
                    fetchedAt);
            failOnError(response, url, stream);
            List<JsonNode> records;
            PageState next;
            try {
                JsonNode body = parse(response.body());
                records = streamed.selector().select(body);
                next = streamed.paginator()
                    .next(state, new Page(planned.uri(), response.status(), response.headers(), body), records.size())
                    .orElse(null);
            }
            catch (BadPageException ex) {
                state = badPage(streamed, checkpoint, state, origin, response.body(), ex.getMessage(),
                        response.status());
                if (state == null) {
                    return;
                }
                continue;
            }
            if (kept.isEmpty()) {
                received.keep(this.config.name(), fingerprint, response);
            }
            else {
                this.fromReceived.incrementAndGet();
            }
            Assembled page = assemble(stream, records, bindings, cursor, origin);
            cursorMax = greatest(cursorMax, page.cursorMax());
            List<ProducerRecord<String, byte[]>> out = new ArrayList<>(page.records());
            out.addAll(page.deadLetters());
            this.parts.sink().publish(out);
            checkStillRunning();
            List<CheckpointRepository.Partition> children = children(streamed, records, bindings);
            String keep = (next == null) ? greatest(cursor, cursorMax) : cursor;
            this.report.counters().pageDone(page.records().size(), page.filtered(), page.deadLetters().size());
            RunReport.StreamCounts counts = this.report.stream(stream.name());
            counts.pages.incrementAndGet();
            counts.records.addAndGet(page.records().size());
            counts.recordsFiltered.addAndGet(page.filtered());
            counts.deadLetters.addAndGet(page.deadLetters().size());
            page.reasons().forEach((reason) -> this.report.deadLetter(stream.name(), url, reason));
            this.parts.checkpoints()
                .commit(new CheckpointRepository.PageCommit(this.config.name(), this.syncId, this.runId, stream.name(),
                        checkpoint.partitionKey(), next, keep, cursorMax, fingerprint, url, records.size(), fetchedAt,
                        this.config.fingerprintTtl(), children, this.report.counters().snapshot()));
            this.parts.metrics()
                .pageDone(this.config.name(), stream.name(), page.records().size(), page.deadLetters().size());
            this.listener.pageDone(new RunListener.PageEvent(stream.name(), checkpoint.partitionKey(), url,
                    page.records().size(), this.report.counters().snapshot()));
            if (next == null) {
                return;
            }
            state = next;
        }
    }

    /**
     * Sends a page that cannot be read to the dead-letter topic; returns the state of the
     * next page, or null when the partition ends here.
     */
    private PageState badPage(Streamed streamed, StreamCheckpoint checkpoint, PageState state,
            DeadLetters.Origin origin, byte[] body, String reason, Integer status)
            throws RunStoppedException, InterruptedException {
        StreamConfig stream = streamed.config();
        String masked = this.secrets.mask(reason);
        log.warn("Connector {} stream {}: bad page {}: {}", this.config.name(), stream.name(), origin.sourceUrl(),
                masked);
        this.parts.sink()
            .publish(List.of(this.deadLetters.of(origin.fingerprint().value(), body, masked, status, origin)));
        this.report.counters().deadLettered(1);
        this.report.stream(stream.name()).deadLetters.incrementAndGet();
        this.report.deadLetter(stream.name(), origin.sourceUrl(), masked);
        if (this.config.onBadPage() == ConnectorConfig.BadPagePolicy.FAIL) {
            throw new RunStoppedException("bad page " + origin.sourceUrl() + " (sent to "
                    + this.config.deadLetterTopic() + "; on_bad_page: fail): " + masked);
        }
        checkStillRunning();
        PageState next = streamed.paginator().afterBadPage(state).orElse(null);
        if (next == null && !(stream.paginate() instanceof PaginationConfig.None)) {
            this.report.note("stream " + stream.name()
                    + (checkpoint.partitionKey().isEmpty() ? "" : " partition '" + checkpoint.partitionKey() + "'")
                    + " ended at the bad page " + origin.sourceUrl() + ": what follows it is not known without it");
        }
        // no fingerprint: the next sync tries the page again
        this.parts.checkpoints()
            .commit(new CheckpointRepository.PageCommit(this.config.name(), this.syncId, this.runId, stream.name(),
                    checkpoint.partitionKey(), next, checkpoint.cursor(), checkpoint.cursorMax(), null,
                    origin.sourceUrl(), 0, origin.fetchedAt(), this.config.fingerprintTtl(), List.of(),
                    this.report.counters().snapshot()));
        this.parts.metrics().pageDone(this.config.name(), stream.name(), 0, 1);
        return next;
    }

    private void failOnError(Upstream.Response response, String url, StreamConfig stream) throws RunStoppedException {
        int status = response.status();
        if (status >= 200 && status < 300) {
            return;
        }
        String excerpt = excerpt(response.body());
        String message = switch (status) {
            case 401 ->
                "GET " + url + " answered 401 Unauthorized: the credentials of auth (" + authType() + ") were refused";
            case 403 -> "GET " + url + " answered 403 Forbidden: the credentials of auth (" + authType()
                    + ") may not read this resource";
            case 404 ->
                "GET " + url + " answered 404 Not Found: check base_url and the path of stream " + stream.name();
            default -> {
                if (RetryPolicy.retriableStatus(status)) {
                    var policy = new RetryPolicy(this.config.retry(), this.parts.clock());
                    yield policy.waitTooLong(response)
                            ? "GET " + url + " answered " + status + " asking to wait "
                                    + policy.retryAfter(response).orElseThrow().toSeconds()
                                    + " s (Retry-After), longer than retry.max_retry_after ("
                                    + this.config.retry().maxRetryAfter().toSeconds() + " s)"
                            : "GET " + url + " still answered " + status + " after " + this.config.retry().maxAttempts()
                                    + " attempts";
                }
                yield "GET " + url + " answered " + status + " (not retried: a client error)";
            }
        };
        throw new RunStoppedException(this.secrets.mask(message + (excerpt.isEmpty() ? "" : ": " + excerpt)));
    }

    private String authType() {
        return this.config.auth().getClass().getSimpleName();
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new BadPageException("the body is empty");
        }
        try {
            JsonNode tree = EngineJson.PAGES.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new BadPageException("the body is empty");
            }
            return tree;
        }
        catch (JacksonException ex) {
            String where = (ex.getLocation() != null)
                    ? " at line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() : "";
            throw new BadPageException("not JSON" + where + ": " + ex.getOriginalMessage());
        }
    }

    /** A page's records ready to publish. */
    private record Assembled(List<ProducerRecord<String, byte[]>> records,
            List<ProducerRecord<String, byte[]>> deadLetters, List<String> reasons, int filtered, String cursorMax) {
    }

    private Assembled assemble(StreamConfig stream, List<JsonNode> selected, Map<String, JsonNode> bindings,
            String cursor, DeadLetters.Origin origin) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(selected.size());
        List<ProducerRecord<String, byte[]>> dead = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int filtered = 0;
        String cursorMax = null;
        for (JsonNode selectedRecord : selected) {
            if (!(selectedRecord instanceof ObjectNode record)) {
                String reason = "record is not a JSON object";
                dead.add(this.deadLetters.of(null, bytes(selectedRecord), reason, null, origin));
                reasons.add(reason);
                continue;
            }
            stream.addFields().forEach((field, template) -> {
                try {
                    record.set(field, Templates.value(template, bindings));
                }
                catch (IllegalArgumentException ex) {
                    record.putNull(field);
                }
            });
            String key = key(record, stream.primaryKey());
            if (key == null) {
                String reason = "primary key " + String.join(", ", stream.primaryKey()) + " is missing or not a value";
                dead.add(this.deadLetters.of(null, bytes(record), reason, null, origin));
                reasons.add(reason);
                continue;
            }
            if (stream.incremental() != null) {
                JsonNode value = Templates.field(record, stream.incremental().cursorField());
                if (value != null && value.isValueNode() && !value.isNull()) {
                    String text = value.asString();
                    if (cursor != null && compare(text, cursor) < 0) {
                        filtered++;
                        continue;
                    }
                    cursorMax = greatest(cursorMax, text);
                }
            }
            byte[] value = bytes(record);
            if (value.length > this.parts.properties().maxRecordBytes()) {
                String reason = "record of " + value.length + " bytes is larger than weir.ingest.max-record-bytes";
                dead.add(this.deadLetters.of(key, value, reason, null, origin));
                reasons.add(reason);
                continue;
            }
            ProducerRecord<String, byte[]> out = new ProducerRecord<>(this.config.rawTopic(), null,
                    origin.fetchedAt().toEpochMilli(), key, value);
            origin.addTo(out);
            records.add(out);
        }
        return new Assembled(records, dead, reasons, filtered, cursorMax);
    }

    private List<CheckpointRepository.Partition> children(Streamed streamed, List<JsonNode> records,
            Map<String, JsonNode> bindings) {
        if (streamed.children().isEmpty()) {
            return List.of();
        }
        Map<String, CheckpointRepository.Partition> partitions = new LinkedHashMap<>();
        for (JsonNode record : records) {
            if (!record.isObject()) {
                continue;
            }
            String key = key(record, streamed.config().primaryKey());
            if (key == null) {
                continue;
            }
            String json = EngineJson.write(record);
            for (StreamConfig child : streamed.children()) {
                partitions.putIfAbsent(child.name() + "\u0000" + key,
                        new CheckpointRepository.Partition(child.name(), key, json));
            }
        }
        return new ArrayList<>(partitions.values());
    }

    /** The record's key: its one primary key value, or a JSON array of several. */
    static String key(JsonNode record, List<String> primaryKey) {
        List<String> values = new ArrayList<>(primaryKey.size());
        for (String field : primaryKey) {
            JsonNode value = Templates.field(record, field);
            if (value == null || value.isNull() || !value.isValueNode()) {
                return null;
            }
            values.add(value.asString());
        }
        if (values.size() == 1) {
            return values.get(0);
        }
        return EngineJson.write(values);
    }

    private OutgoingRequest plan(Streamed streamed, Map<String, JsonNode> bindings, PageState state, String cursor) {
        StreamConfig stream = streamed.config();
        String path = render(() -> renderPath(stream.path(), bindings));
        URI uri;
        if (path.startsWith("http://") || path.startsWith("https://")) {
            uri = URI.create(path);
        }
        else {
            String base = this.config.baseUrl().toString();
            uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                    + (path.startsWith("/") ? path : "/" + path));
        }
        OutgoingRequest request = new OutgoingRequest(uri);
        streamed.params()
            .forEach((name, value) -> request.queryParam(name, render(() -> Templates.render(value, bindings))));
        streamed.headers()
            .forEach((name, value) -> request.header(name, render(() -> Templates.render(value, bindings))));
        if (stream.incremental() != null && stream.incremental().param() != null && cursor != null) {
            request.queryParam(stream.incremental().param(), cursor);
        }
        // pagination last: a next link replaces the whole URL
        streamed.paginator().apply(state, request);
        return request;
    }

    private static String render(java.util.function.Supplier<String> template) {
        try {
            return template.get();
        }
        catch (IllegalArgumentException ex) {
            throw new UnplannableException(ex.getMessage());
        }
    }

    /** A template the partition's value cannot fill. */
    private static final class UnplannableException extends RuntimeException {

        UnplannableException(String message) {
            super(message);
        }

    }

    private static String renderPath(String path, Map<String, JsonNode> bindings) {
        if (!path.contains("{{")) {
            return path;
        }
        Map<String, JsonNode> encoded = new LinkedHashMap<>();
        bindings.forEach((name, value) -> encoded.put(name, encodeValues(value)));
        return Templates.render(path, encoded);
    }

    private static JsonNode encodeValues(JsonNode value) {
        if (value instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            object.properties().forEach((e) -> copy.set(e.getKey(), encodeValues(e.getValue())));
            return copy;
        }
        if (value.isValueNode() && !value.isNull()) {
            return JsonNodeFactory.instance
                .stringNode(URLEncoder.encode(value.asString(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return value;
    }

    private void checkStillRunning() throws InterruptedException, RunStoppedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("the run was stopped");
        }
        if (this.failure.get() != null) {
            throw new InterruptedException("another partition failed");
        }
        if (this.lockLost.getAsBoolean()) {
            throw new RunStoppedException("the connector's lock was lost (the database was unreachable for longer "
                    + "than weir.ingest.lock-lease): stopping before another replica runs it too");
        }
    }

    /**
     * Compares cursor values: as numbers when both are, as text otherwise (ISO dates).
     */
    static int compare(String a, String b) {
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b));
        }
        catch (NumberFormatException ex) {
            return a.compareTo(b);
        }
    }

    static String greatest(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return (compare(a, b) >= 0) ? a : b;
    }

    private static byte[] bytes(JsonNode node) {
        return EngineJson.PAGES.writeValueAsBytes(node);
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip()
            .replaceAll("\\s+", " ");
        return (body.length > 200) ? text + "..." : text;
    }

    private static String describe(IOException ex) {
        String message = ex.getMessage();
        return ex.getClass().getSimpleName() + ((message != null && !message.isBlank()) ? ": " + message : "");
    }

}
