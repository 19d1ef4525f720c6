package dev.weir.ingest.pull.kinds;

import java.time.Clock;

import dev.weir.ingest.pull.definition.ConnectorConfig;
import dev.weir.ingest.pull.definition.StreamConfig;
import dev.weir.ingest.pull.spi.Authenticator;
import dev.weir.ingest.pull.spi.Connector;
import dev.weir.ingest.pull.spi.Paginator;
import dev.weir.ingest.pull.spi.RecordSelector;
import dev.weir.ingest.pull.spi.SecretResolver;
import dev.weir.ingest.pull.spi.TokenClient;

/**
 * A connector that is its definition: every part is the declarative kind the YAML names.
 * A Java connector extends this class and overrides the one part that no kind covers.
 */
public class DeclarativeConnector implements Connector {

    private final ConnectorConfig config;

    public DeclarativeConnector(ConnectorConfig config) {
        this.config = config;
    }

    @Override
    public ConnectorConfig config() {
        return this.config;
    }

    @Override
    public Paginator paginator(StreamConfig stream) {
        return Paginators.of(stream.paginate());
    }

    @Override
    public RecordSelector records(StreamConfig stream) {
        return RecordSelectors.of(stream.records());
    }

    @Override
    public Authenticator authenticator(SecretResolver secrets, TokenClient tokens) {
        return Authenticators.of(this.config.auth(), secrets, tokens, Clock.systemUTC());
    }

}
