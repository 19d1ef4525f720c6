package dev.weir.ingest.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;

import dev.weir.ingest.system.IngestProperties;
import dev.weir.ingest.system.IngestTopics;
import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;

/**
 * Every declared stream: built-in ones ({@code classpath:streams/*.yml}), the user's
 * files ({@code $WEIR_DATA_DIR/streams/<name>.yml}, replacing a built-in of the same
 * name) and declarations stored through the admin API. Pushes read a snapshot held in
 * memory, so an event never waits for a file or the database; the snapshot is read again
 * every {@code weir.ingest.push.streams-refresh} and at once after a {@link #save}. A
 * stream's validator is compiled once per version. Its topics are created when it is
 * first seen.
 */
@Service
public class StreamCatalog {

    private static final Logger log = LoggerFactory.getLogger(StreamCatalog.class);

    private final StreamDefinitionRepository stored;

    private final IngestTopics topics;

    private final Path streamsDir;

    private final Duration refresh;

    private final Map<String, StreamDefinition> builtIn;

    private final ReentrantLock reading = new ReentrantLock();

    /** Streams whose topics exist (created, or found). */
    private final Set<String> topicsReady = ConcurrentHashMap.newKeySet();

    private volatile Snapshot snapshot;

    StreamCatalog(StreamDefinitionRepository stored, IngestTopics topics, IngestProperties properties) {
        this.stored = stored;
        this.topics = topics;
        this.streamsDir = properties.streamsDir();
        this.refresh = properties.push().streamsRefresh();
        this.builtIn = builtIn();
    }

    /**
     * The declaration of a stream, if there is one (the lake types its columns by it).
     */
    public Optional<StreamDefinition> find(String name) {
        CompiledStream stream = snapshot().streams().get(name);
        return Optional.ofNullable((stream != null) ? stream.definition() : null);
    }

    /** Every valid declaration, by name. */
    public List<StreamDefinition> all() {
        return snapshot().streams().values().stream().map(CompiledStream::definition).toList();
    }

    /** Declarations that could not be read: where, and their problems. */
    public Map<String, List<FieldError>> invalid() {
        return snapshot().invalid();
    }

    /**
     * A stream ready to take events.
     * @throws WeirException not found (404)
     */
    CompiledStream compiled(String name) {
        CompiledStream stream = snapshot().streams().get(name);
        if (stream == null) {
            throw WeirException
                .notFound("Stream not found",
                        "No stream '" + name + "'. Declared streams: "
                                + String.join(", ", snapshot().streams().keySet()) + " (GET /events/streams).")
                .with("stream", name);
        }
        return stream;
    }

    /**
     * Stores a declaration from the admin API, checked whole first.
     * @return whether the stream is new
     * @throws PushFailure listing every problem (422), or a conflict (409): the name
     * belongs to a built-in or file stream, or the schema changed without a higher
     * version
     */
    public boolean save(String name, String text) {
        StreamDefinitionReader.Result result = StreamDefinitionReader.read(name, StreamDefinition.Source.API, text);
        if (result.definition() == null) {
            throw PushFailure.invalidDefinition(name, result.problems());
        }
        StreamDefinition definition = result.definition();
        CompiledStream existing = read().streams().get(name);
        if (existing != null && existing.definition().source() != StreamDefinition.Source.API) {
            throw WeirException.conflict("stream-defined-elsewhere", "Stream defined elsewhere",
                    "Stream '" + name + "' is " + existing.definition().source().label()
                            + "; change its file, or declare a stream of another name.");
        }
        if (existing != null) {
            StreamDefinition old = existing.definition();
            if (definition.version() < old.version()
                    || (definition.version() == old.version() && !definition.schema().equals(old.schema()))) {
                throw WeirException.conflict("stream-version", "Stream version not raised", "Stream '" + name
                        + "' is at version " + old.version() + "; a changed schema needs a higher version.");
            }
        }
        boolean created = this.stored.save(name, text);
        read();
        ensureTopics(name);
        return created;
    }

    /** Reads the declarations again now (a file added, another replica's declaration). */
    Snapshot read() {
        this.reading.lock();
        try {
            Map<String, StreamDefinition> definitions = new LinkedHashMap<>(this.builtIn);
            Map<String, List<FieldError>> invalid = new LinkedHashMap<>();
            files(definitions, invalid);
            Snapshot previous = this.snapshot;
            try {
                for (StreamDefinitionRepository.Stored row : this.stored.all()) {
                    if (definitions.containsKey(row.name())) {
                        continue;
                    }
                    add(definitions, invalid, row.name(), StreamDefinition.Source.API, row.definition(),
                            "ingest.stream_definition");
                }
            }
            catch (RuntimeException ex) {
                log.warn("Could not read the stream declarations stored in the database: {}", ex.getMessage());
                if (previous != null) {
                    previous.streams()
                        .values()
                        .stream()
                        .filter((s) -> s.definition().source() == StreamDefinition.Source.API)
                        .forEach((s) -> definitions.putIfAbsent(s.name(), s.definition()));
                }
            }
            Map<String, CompiledStream> streams = new LinkedHashMap<>();
            for (StreamDefinition definition : definitions.values()) {
                CompiledStream same = (previous != null) ? previous.streams().get(definition.name()) : null;
                if (same != null && same.definition().equals(definition)) {
                    streams.put(definition.name(), same);
                }
                else {
                    streams.put(definition.name(), new CompiledStream(definition));
                }
            }
            Snapshot next = new Snapshot(Collections.unmodifiableMap(new TreeMap<>(streams)),
                    Collections.unmodifiableMap(invalid), System.nanoTime());
            this.snapshot = next;
            return next;
        }
        finally {
            this.reading.unlock();
        }
    }

    /**
     * Creates the topics of streams that do not have them yet; false if Kafka did not
     * answer.
     */
    boolean ensureTopics() {
        boolean all = true;
        for (String name : snapshot().streams().keySet()) {
            all &= ensureTopics(name);
        }
        return all;
    }

    private boolean ensureTopics(String name) {
        if (this.topicsReady.contains(name)) {
            return true;
        }
        try {
            this.topics.ensure(name);
            this.topicsReady.add(name);
            return true;
        }
        catch (RuntimeException ex) {
            log.warn("Could not create the topics of stream {} yet: {}", name, ex.getMessage());
            return false;
        }
    }

    private Snapshot snapshot() {
        Snapshot current = this.snapshot;
        if (current == null || System.nanoTime() - current.readAt() > this.refresh.toNanos()) {
            if (current == null) {
                return read();
            }
            // stale: read again, but let pushes go on with the one they have if another
            // thread is already reading
            if (this.reading.tryLock()) {
                try {
                    return read();
                }
                finally {
                    this.reading.unlock();
                }
            }
        }
        return current;
    }

    private void files(Map<String, StreamDefinition> definitions, Map<String, List<FieldError>> invalid) {
        if (!Files.isDirectory(this.streamsDir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(this.streamsDir, "*.{yml,yaml,json}")) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                String name = fileName.substring(0, fileName.lastIndexOf('.'));
                add(definitions, invalid, name, StreamDefinition.Source.FILE,
                        Files.readString(file, StandardCharsets.UTF_8), file.toString());
            }
        }
        catch (IOException ex) {
            log.warn("Could not read the stream declarations in {}: {}", this.streamsDir, ex.getMessage());
        }
    }

    private static void add(Map<String, StreamDefinition> definitions, Map<String, List<FieldError>> invalid,
            String name, StreamDefinition.Source source, String text, String where) {
        StreamDefinitionReader.Result result = StreamDefinitionReader.read(name, source, text);
        if (result.definition() != null) {
            definitions.put(name, result.definition());
        }
        else {
            invalid.put(where, result.problems());
        }
    }

    private static Map<String, StreamDefinition> builtIn() {
        Map<String, StreamDefinition> definitions = new LinkedHashMap<>();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:streams/*.yml");
            for (Resource resource : resources) {
                String fileName = resource.getFilename();
                String name = fileName.substring(0, fileName.lastIndexOf('.'));
                try (InputStream in = resource.getInputStream()) {
                    StreamDefinitionReader.Result result = StreamDefinitionReader.read(name,
                            StreamDefinition.Source.BUILT_IN, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    if (result.definition() == null) {
                        throw new IllegalStateException(
                                "Built-in stream " + name + " is invalid: " + result.problems());
                    }
                    definitions.put(name, result.definition());
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return definitions;
    }

    /** The declarations read at one moment. */
    record Snapshot(Map<String, CompiledStream> streams, Map<String, List<FieldError>> invalid, long readAt) {

        Collection<CompiledStream> all() {
            return new ArrayList<>(this.streams.values());
        }

    }

}
