package dev.weir.ingest.pull.definition;

import dev.weir.ingest.pull.spi.Connector;

/**
 * A connector that brings its own definition: what a Java connector is. Register one as a
 * Spring bean of the Ingest service; the catalogue lists it with source {@code java}.
 * Most extend {@code dev.weir.ingest.pull.kinds.DeclarativeConnector}, which takes every
 * part from the definition, and override one.
 */
public interface DefinedConnector extends Connector {

    /**
     * The definition: name (the dataset), base URL, budget, retries, streams. Must be
     * valid ({@link ConnectorDefinitions#read(String)} reads one).
     */
    ConnectorConfig config();

    @Override
    default String name() {
        return config().name();
    }

}
