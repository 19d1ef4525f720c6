package dev.weir.ingest.pull.spi;

import dev.weir.ingest.pull.definition.ConnectorConfig;
import dev.weir.ingest.pull.definition.StreamConfig;

/**
 * A pull connector: its definition and the parts that read a stream's pages. The engine
 * asks for a stream's {@link Paginator} and {@link RecordSelector} once per run, and for
 * the {@link Authenticator} once per run, with the run's secrets.
 * <p>
 * {@code dev.weir.ingest.pull.kinds.DeclarativeConnector} implements this from a YAML
 * definition; a Java connector usually extends it and overrides one method. Register a
 * Java connector as a Spring bean of the ingest service.
 */
public interface Connector {

    /**
     * The definition: name (the dataset), base URL, budget, retries, streams. Must be
     * valid (see {@code ConnectorDefinitions}).
     */
    ConnectorConfig config();

    /** How the pages of {@code stream} follow each other. */
    Paginator paginator(StreamConfig stream);

    /** Which parts of a page of {@code stream} are its records. */
    RecordSelector records(StreamConfig stream);

    /**
     * How requests carry credentials, for one run.
     * @param secrets resolves {@code ${env:NAME}} and {@code ${file:path}} references and
     * remembers the values, so the engine can mask them in everything it writes
     * @param tokens sends requests that are not pages (an OAuth2 token request)
     */
    Authenticator authenticator(SecretResolver secrets, TokenClient tokens);

    /** Shorthand for {@code config().name()}. */
    default String name() {
        return config().name();
    }

}
