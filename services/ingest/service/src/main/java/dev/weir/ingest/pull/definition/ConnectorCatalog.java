package dev.weir.ingest.pull.definition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.weir.ingest.system.IngestProperties;
import dev.weir.platform.error.WeirException;

/**
 * Every connector the service knows, read afresh on each call so that a file dropped in
 * the connectors directory or a definition stored by another replica is seen at once
 * (only the built-in ones, which cannot change while it runs, are read once): built-in
 * ones ({@code classpath:connectors/*.yml}), the user's files
 * ({@code $WEIR_DATA_DIR/connectors/<name>.yml}, replacing a built-in of the same name),
 * definitions stored through the admin API, and Java connectors (Spring beans). Each is
 * read with its overrides applied and validated.
 */
@Service
public class ConnectorCatalog {

    private static final Logger log = LoggerFactory.getLogger(ConnectorCatalog.class);

    private final ConnectorDefinitionRepository stored;

    private final ObjectProvider<DefinedConnector> javaConnectors;

    private final ConfigurableEnvironment environment;

    private final Path connectorsDir;

    private final AtomicReference<List<String>> reportedUnmatched = new AtomicReference<>(List.of());

    /** The built-in definitions, by name. */
    private final Map<String, Candidate> builtIn;

    ConnectorCatalog(ConnectorDefinitionRepository stored, ObjectProvider<DefinedConnector> javaConnectors,
            ConfigurableEnvironment environment, IngestProperties properties) {
        this.stored = stored;
        this.javaConnectors = javaConnectors;
        this.environment = environment;
        this.connectorsDir = properties.connectorsDir();
        this.builtIn = builtIn();
    }

    /** Every connector, by name. */
    public List<Definition> all() {
        Map<String, Candidate> candidates = candidates();
        Overrides overrides = overrides(candidates.keySet());
        List<Definition> definitions = new ArrayList<>();
        for (Candidate candidate : candidates.values()) {
            definitions.add(candidate.define(overrides, candidates.keySet()));
        }
        return definitions;
    }

    /**
     * The connector named so (only it is read and validated).
     * @throws WeirException not found (404)
     */
    public Definition get(String name) {
        Map<String, Candidate> candidates = candidates();
        Candidate candidate = candidates.get(name);
        if (candidate == null) {
            throw WeirException
                .notFound("Connector not found",
                        "No connector '" + name + "'. Known connectors: " + String.join(", ", candidates.keySet())
                                + ".")
                .with("connector", name);
        }
        return candidate.define(overrides(candidates.keySet()), candidates.keySet());
    }

    /**
     * Stores a definition from the admin API, after validating it with this environment's
     * overrides.
     * @return whether it is new
     * @throws InvalidDefinitionException listing every problem (422)
     * @throws WeirException conflict (409) when the name belongs to a built-in, file or
     * Java connector
     */
    @Transactional
    public boolean save(String name, String yaml) {
        if (!DefinitionReader.NAME.matcher(name).matches()) {
            throw new InvalidDefinitionException(name, List.of(new DefinitionProblem("name",
                    "must be 1 to 60 lower case letters, digits, _ and - (it names topics weir.raw.<name>)")));
        }
        Map<String, Candidate> candidates = candidates();
        Candidate existing = candidates.get(name);
        if (existing != null && existing.source() != Source.API) {
            throw definedElsewhere(name, existing);
        }
        Set<String> names = new LinkedHashSet<>(candidates.keySet());
        names.add(name);
        Definition definition = ConnectorDefinitions.define(name, Source.API, "ingest.connector_definition", yaml,
                overrides(), names);
        if (!definition.problems().isEmpty()) {
            throw new InvalidDefinitionException(name, definition.problems());
        }
        return this.stored.save(name, yaml);
    }

    /**
     * Deletes a definition stored through the admin API.
     * @throws WeirException not found (404), or conflict (409) for other sources
     */
    @Transactional
    public void delete(String name) {
        Candidate existing = candidates().get(name);
        if (existing != null && existing.source() != Source.API) {
            throw definedElsewhere(name, existing);
        }
        if (!this.stored.delete(name)) {
            throw WeirException.notFound("Connector not found", "No connector '" + name + "' stored through the API.")
                .with("connector", name);
        }
    }

    private static WeirException definedElsewhere(String name, Candidate existing) {
        return WeirException
            .conflict("connector-defined-elsewhere", "Connector defined elsewhere",
                    "Connector '" + name + "' is defined by " + existing.source().label() + " " + existing.location()
                            + "; change it there, or override options with " + name
                            + ".override.yml or WEIR_CONNECTOR_* variables.")
            .with("connector", name)
            .with("source", existing.source().label());
    }

    private Map<String, Candidate> candidates() {
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        for (ConnectorDefinitionRepository.Stored definition : this.stored.all()) {
            candidates.put(definition.name(), new Candidate(definition.name(), Source.API,
                    "ingest.connector_definition", definition.definition(), null));
        }
        candidates.putAll(this.builtIn);
        if (this.connectorsDir != null && Files.isDirectory(this.connectorsDir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(this.connectorsDir, "*.yml")) {
                for (Path file : files) {
                    String fileName = file.getFileName().toString();
                    if (!fileName.endsWith(".override.yml") && Files.isRegularFile(file)) {
                        String name = baseName(fileName);
                        candidates.put(name,
                                new Candidate(name, Source.FILE, file.toString(), Files.readString(file), null));
                    }
                }
            }
            catch (IOException ex) {
                log.warn("Cannot read the connectors in {}: {}", this.connectorsDir, ex.toString());
            }
        }
        this.javaConnectors.orderedStream()
            .forEach((connector) -> candidates.put(connector.name(),
                    new Candidate(connector.name(), Source.JAVA, connector.getClass().getName(), null, connector)));
        return candidates;
    }

    private static Map<String, Candidate> builtIn() {
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:connectors/*.yml")) {
                String name = baseName(String.valueOf(resource.getFilename()));
                try (InputStream in = resource.getInputStream()) {
                    candidates.put(name, new Candidate(name, Source.BUILT_IN, "classpath:connectors/" + name + ".yml",
                            new String(in.readAllBytes(), StandardCharsets.UTF_8), null));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the built-in connectors", ex);
        }
        return Collections.unmodifiableMap(candidates);
    }

    /**
     * The overrides of this environment; warns (once for each new set) about those that
     * name none of the connectors.
     */
    private Overrides overrides(Set<String> names) {
        Overrides overrides = overrides();
        List<String> unmatched = overrides.unmatched(names);
        if (!unmatched.isEmpty() && !unmatched.equals(this.reportedUnmatched.getAndSet(unmatched))) {
            log.warn("Overrides naming no connector (known: {}): {}", names, unmatched);
        }
        return overrides;
    }

    private Overrides overrides() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (var source : this.environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith(Overrides.PREFIX) && !variables.containsKey(name)) {
                        variables.put(name, this.environment.getProperty(name));
                    }
                }
            }
        }
        return new Overrides(variables, this.connectorsDir);
    }

    private static String baseName(String fileName) {
        return fileName.endsWith(".yml") ? fileName.substring(0, fileName.length() - 4) : fileName;
    }

    /** A definition found, before reading. */
    private record Candidate(String name, Source source, String location, String yaml, DefinedConnector connector) {

        Definition define(Overrides overrides, Set<String> names) {
            if (this.connector != null) {
                ConnectorConfig config = this.connector.config();
                return new Definition(this.name, Source.JAVA, this.location, null, config, List.of(), List.of(),
                        this.connector);
            }
            return ConnectorDefinitions.define(this.name, this.source, this.location, this.yaml, overrides, names);
        }

    }

}
