package dev.weir.ingest.pull.kinds;

import java.time.Clock;

import dev.weir.ingest.pull.definition.ConnectorConfig;
import dev.weir.ingest.pull.definition.StreamConfig;
import dev.weir.ingest.pull.spi.Authenticator;
import dev.weir.ingest.pull.definition.DefinedConnector;
import dev.weir.ingest.pull.spi.Paginator;
import dev.weir.ingest.pull.spi.RecordSelector;
import dev.weir.ingest.pull.spi.SecretResolver;
import dev.weir.ingest.pull.spi.Stream;
import dev.weir.ingest.pull.spi.TokenClient;

/**
 * A connector that is its definition: every part is the declarative kind the YAML names.
 * A Java connector extends this class and overrides the one part that no kind covers.
 */
public class DeclarativeConnector implements DefinedConnector {

    private final ConnectorConfig config;

    public DeclarativeConnector(ConnectorConfig config) {
        this.config = config;
    }

    @Override
    public ConnectorConfig config() {
        return this.config;
    }

    @Override
    public Paginator paginator(Stream stream) {
        return Paginators.of(stream(stream).paginate());
    }

    @Override
    public RecordSelector records(Stream stream) {
        return RecordSelectors.of(stream(stream).records());
    }

    @Override
    public Authenticator authenticator(SecretResolver secrets, TokenClient tokens) {
        return Authenticators.of(this.config.auth(), secrets, tokens, Clock.systemUTC());
    }

    /**
     * The definition of a stream.
     * @throws IllegalArgumentException when the definition has no such stream
     */
    protected StreamConfig stream(Stream stream) {
        return this.config.stream(stream.name())
            .orElseThrow(() -> new IllegalArgumentException(
                    "Connector " + this.config.name() + " has no stream " + stream.name()));
    }

}
