package dev.weir.ingest.support;

import java.util.Map;
import java.util.Optional;

import dev.weir.ingest.pull.definition.ConnectorDefinitions;
import dev.weir.ingest.pull.kinds.DeclarativeConnector;
import dev.weir.ingest.pull.spi.OutgoingRequest;
import dev.weir.ingest.pull.spi.Page;
import dev.weir.ingest.pull.spi.PageState;
import dev.weir.ingest.pull.spi.Paginator;
import dev.weir.ingest.pull.spi.Stream;

/**
 * The example of a Java connector: an API that gives the next page's token in a response
 * header, {@code X-Next-Page-Token}, to be sent back as {@code page_token} - a kind of
 * pagination no definition can declare. The connector is its YAML definition plus one
 * {@link Paginator}; everything else (budget, retries, fingerprints, checkpoints, Kafka)
 * is the engine's. Registered as a bean of the ingest service.
 */
public class TokenPagedConnector extends DeclarativeConnector {

    public TokenPagedConnector() {
        super(ConnectorDefinitions.read("""
                name: token-paged
                base_url: %s
                retry: { max_attempts: 2, initial_backoff: 10ms, max_backoff: 20ms }
                streams:
                  - name: establishments
                    path: /token-paged/Establishments
                    records: $.establishments[*]
                    primary_key: FHRSID
                """.formatted(TestUpstream.baseUrl())));
    }

    @Override
    public Paginator paginator(Stream stream) {
        return new NextPageTokenHeader();
    }

    /** Follows {@code X-Next-Page-Token} until a page has none. */
    static final class NextPageTokenHeader implements Paginator {

        @Override
        public PageState first() {
            return new PageState(Map.of());
        }

        @Override
        public void apply(PageState state, OutgoingRequest request) {
            state.get("token").ifPresent((token) -> request.queryParam("page_token", token));
        }

        @Override
        public Optional<PageState> next(PageState state, Page page, int records) {
            return page.headers()
                .firstValue("X-Next-Page-Token")
                .filter((token) -> !token.isBlank())
                .map((token) -> state.with("token", token));
        }

    }

}
