package dev.weir.ingest.pull.run;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.JsonNode;

import dev.weir.ingest.pull.definition.ConnectorConfig;
import dev.weir.ingest.pull.definition.Secrets;
import dev.weir.ingest.pull.definition.StreamConfig;
import dev.weir.ingest.pull.http.Upstream;
import dev.weir.ingest.pull.run.ProbeViews.PreviewRecord;
import dev.weir.ingest.pull.run.ProbeViews.StreamCheck;
import dev.weir.ingest.pull.spi.Authenticator;
import dev.weir.ingest.pull.spi.Connector;
import dev.weir.ingest.pull.spi.PageState;
import dev.weir.ingest.pull.spi.Stream;

/**
 * A connector tried without a run: the loop a connector author needs. {@link #check()}
 * makes one request per stream (its first page; a child stream's for the first record of
 * its parent's first page, a {@code for_each} stream's for its first value) and says what
 * came back; {@link #preview} reads a stream's pages until it has the first records asked
 * for. It plans, fetches and reads pages with the run's own roles
 * ({@link RequestPlanner}, {@link PageFetcher}, {@link PageAssembler}), within the
 * connector's budget and retry policy, but writes nothing: no Kafka record, checkpoint,
 * fingerprint, kept page or run.
 */
final class PullProbe {

    /** The most requests a preview makes, however few records the pages hold. */
    static final int PREVIEW_MAX_REQUESTS = 20;

    private final Connector connector;

    private final ConnectorConfig config;

    private final Clock clock;

    private final Secrets secrets;

    private final RequestPlanner planner;

    private final PageAssembler assembler;

    /** The records of each stream's first page read so far: its children's bindings. */
    private final Map<String, List<JsonNode>> firstPages = new HashMap<>();

    PullProbe(Connector connector, ConnectorConfig config, int maxRecordBytes, Clock clock,
            Function<String, String> environment) {
        this.connector = connector;
        this.config = config;
        this.clock = clock;
        this.secrets = new Secrets(environment);
        this.planner = new RequestPlanner(config, this.secrets);
        this.assembler = new PageAssembler(new RawRecords(config, maxRecordBytes), maxRecordBytes);
    }

    /** One request per stream, in the definition's order. */
    List<StreamCheck> check() throws InterruptedException {
        List<StreamCheck> checks = new ArrayList<>();
        try (Upstream upstream = new Upstream(this.config, this.clock, new RunCounters())) {
            PageFetcher fetcher = fetcher(upstream);
            for (StreamConfig stream : this.config.streams()) {
                checks.add(checkStream(stream, fetcher));
            }
        }
        return checks;
    }

    private StreamCheck checkStream(StreamConfig stream, PageFetcher fetcher) throws InterruptedException {
        PullRun.Streamed streamed;
        Map<String, JsonNode> bindings;
        try {
            streamed = streamed(stream);
            bindings = firstBindings(stream);
        }
        catch (IllegalArgumentException | IllegalStateException ex) {
            return StreamCheck.notRequested(stream.name(), this.secrets.mask(ex.getMessage()));
        }
        Page page = fetchPage(streamed, bindings, streamed.paginator().first(), fetcher);
        if (page.records() != null) {
            this.firstPages.put(stream.name(), page.selected());
        }
        return new StreamCheck(stream.name(), page.url(), page.status(), page.problem() == null,
                (page.records() != null) ? page.records().size() : null, page.nextPage(), page.problem(),
                page.millis());
    }

    /**
     * The first {@code limit} records of {@code streamName} as they would be published
     * (key and record), and the URLs read for them.
     */
    ProbeViews.Preview preview(String streamName, int limit) throws InterruptedException {
        StreamConfig target = this.config.stream(streamName)
            .orElseThrow(() -> new IllegalArgumentException("no stream " + streamName));
        List<PreviewRecord> records = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Upstream upstream = new Upstream(this.config, this.clock, new RunCounters())) {
            PageFetcher fetcher = fetcher(upstream);
            for (StreamConfig ancestor : ancestors(target)) {
                StreamCheck check = checkStream(ancestor, fetcher);
                urls.add(check.url());
                if (!check.ok()) {
                    problems.add(ancestor.name() + ": " + check.problem());
                    return new ProbeViews.Preview(this.config.name(), streamName, records, urls, problems);
                }
            }
            PullRun.Streamed streamed = streamed(target);
            for (Map<String, JsonNode> bindings : allBindings(target)) {
                PageState state = streamed.paginator().first();
                while (state != null && records.size() < limit && urls.size() < PREVIEW_MAX_REQUESTS) {
                    Page page = fetchPage(streamed, bindings, state, fetcher);
                    urls.add(page.url());
                    if (page.problem() != null) {
                        problems.add(page.problem());
                        break;
                    }
                    for (int i = 0; i < page.records().size() && records.size() < limit; i++) {
                        records.add(page.records().get(i));
                    }
                    state = page.next();
                }
                if (records.size() >= limit || urls.size() >= PREVIEW_MAX_REQUESTS) {
                    break;
                }
            }
        }
        catch (IllegalArgumentException | IllegalStateException ex) {
            problems.add(this.secrets.mask(ex.getMessage()));
        }
        return new ProbeViews.Preview(this.config.name(), streamName, records, urls, problems);
    }

    /** The streams above {@code stream}, the farthest first. */
    private List<StreamConfig> ancestors(StreamConfig stream) {
        List<StreamConfig> ancestors = new ArrayList<>();
        StreamConfig at = stream;
        while (at.parent() != null) {
            at = this.config.stream(at.parent().stream()).orElseThrow();
            ancestors.add(0, at);
        }
        return ancestors;
    }

    /** A stream's bindings for its first request. */
    private Map<String, JsonNode> firstBindings(StreamConfig stream) {
        List<Map<String, JsonNode>> all = allBindings(stream);
        if (all.isEmpty()) {
            throw new IllegalStateException("not requested: the first page of its parent stream "
                    + stream.parent().stream() + " holds no record to request it for");
        }
        return all.get(0);
    }

    /**
     * A stream's bindings, one per partition known here: every value, every parent
     * record.
     */
    private List<Map<String, JsonNode>> allBindings(StreamConfig stream) {
        if (stream.binding().isEmpty()) {
            return List.of(Map.of());
        }
        String name = stream.binding().get();
        List<JsonNode> values;
        if (stream.forEach() != null) {
            values = stream.forEach().values();
        }
        else {
            values = this.firstPages.get(stream.parent().stream());
            if (values == null) {
                throw new IllegalStateException(
                        "not requested: its parent stream " + stream.parent().stream() + " could not be read");
            }
        }
        return values.stream().filter(JsonNode::isObject).map((value) -> Map.of(name, value)).toList();
    }

    private PullRun.Streamed streamed(StreamConfig stream) {
        Stream named = new Stream(this.config.name(), stream.name());
        return new PullRun.Streamed(stream, this.connector.paginator(named), this.connector.records(named),
                this.config.children(stream.name()), resolved(this.config.params(), stream.params()),
                resolved(this.config.headers(), stream.headers()));
    }

    private Map<String, String> resolved(Map<String, String> connectorLevel, Map<String, String> streamLevel) {
        Map<String, String> merged = new LinkedHashMap<>(connectorLevel);
        merged.putAll(streamLevel);
        merged.replaceAll((name, value) -> this.secrets.resolve(value));
        return merged;
    }

    private PageFetcher fetcher(Upstream upstream) {
        Authenticator authenticator = this.connector.authenticator(this.secrets, upstream);
        // refetch: pages are always asked of the upstream, never of the copies runs keep,
        // so the repository of kept pages is never used
        return new PageFetcher(this.config, upstream, authenticator, null, this.secrets, this.clock, true);
    }

    /** What one page came to. */
    private record Page(String url, Integer status, List<PreviewRecord> records, List<JsonNode> selected,
            PageState next, String problem, long millis) {

        Boolean nextPage() {
            return (this.records != null) ? this.next != null : null;
        }

    }

    private Page fetchPage(PullRun.Streamed streamed, Map<String, JsonNode> bindings, PageState state,
            PageFetcher fetcher) throws InterruptedException {
        long started = System.nanoTime();
        RequestPlanner.PlannedPage planned;
        try {
            planned = this.planner.plan(streamed, bindings, state, null);
        }
        catch (RequestPlanner.UnplannableException | IllegalArgumentException ex) {
            return new Page(null, null, null, null, null, "not requested: " + this.secrets.mask(ex.getMessage()), 0);
        }
        String url = this.secrets.mask(planned.url());
        Fetch fetch = fetcher.fetch(planned, streamed.config());
        long millis = (System.nanoTime() - started) / 1_000_000;
        return switch (fetch) {
            case Fetch.Failed failed -> new Page(url, null, null, null, null, failed.reason(), millis);
            case Fetch.BadPage bad ->
                new Page(url, bad.status(), null, null, null, "a bad page: " + this.secrets.mask(bad.reason()), millis);
            case Fetch.Fetched fetched -> read(streamed, planned, fetched, state, bindings, url, millis);
        };
    }

    private Page read(PullRun.Streamed streamed, RequestPlanner.PlannedPage planned, Fetch.Fetched fetched,
            PageState state, Map<String, JsonNode> bindings, String url, long millis) {
        RawRecords.Origin origin = new RawRecords.Origin(this.config.name(), streamed.config().name(), "probe",
                planned.fingerprint(), planned.url(), fetched.fetchedAt());
        PageAssembler.Assembled assembled;
        try {
            assembled = this.assembler.assemble(streamed, planned, fetched, state, bindings, null, origin);
        }
        catch (dev.weir.ingest.pull.spi.BadPageException ex) {
            return new Page(url, fetched.response().status(), null, null, null,
                    "a bad page: " + this.secrets.mask(ex.getMessage()), millis);
        }
        List<PreviewRecord> records = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : assembled.records()) {
            JsonNode event = EngineJson.PAGES.readTree(record.value());
            records.add(new PreviewRecord(record.key(), event.path("data")));
        }
        List<JsonNode> selected = streamed.selector().select(fetched.body());
        return new Page(url, fetched.response().status(), records, selected, assembled.next(),
                assembled.deadLetters().isEmpty() ? null : assembled.deadLetters().size()
                        + " record(s) could not be published: " + String.join("; ", assembled.reasons()),
                millis);
    }

}
