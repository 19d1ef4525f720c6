package dev.weir.ingest.pull.spi;

import java.io.IOException;

/**
 * Adds credentials to every request of a run. Implementations must never log or expose
 * the credentials; the values they resolve through {@link SecretResolver} are masked by
 * the engine wherever it writes.
 */
public interface Authenticator {

    /** An authenticator for APIs that need none. */
    Authenticator NONE = (request) -> {
    };

    /**
     * Adds credentials to {@code request} (a header or a query parameter), fetching or
     * refreshing a token first if need be.
     * @throws IOException when a token cannot be fetched
     */
    void authenticate(OutgoingRequest request) throws IOException, InterruptedException;

    /**
     * Called after the upstream answered 401: forget cached credentials.
     * @return whether credentials may be fresh on the next {@link #authenticate}, so one
     * more attempt is worth it (a new OAuth2 token); false for static credentials
     */
    default boolean refresh() {
        return false;
    }

}
