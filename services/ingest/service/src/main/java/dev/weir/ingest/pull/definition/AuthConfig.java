package dev.weir.ingest.pull.definition;

import java.net.URI;

/** How a connector's requests carry credentials ({@code auth.type}). */
public sealed interface AuthConfig {

    /** No credentials. */
    record None() implements AuthConfig {
    }

    /**
     * An API key in a header or a query parameter.
     *
     * @param in where the key goes
     * @param name the header or parameter name
     * @param value the key
     */
    record ApiKey(KeyLocation in, String name, Secret value) implements AuthConfig {
    }

    /** {@code Authorization: Bearer <token>}. */
    record Bearer(Secret token) implements AuthConfig {
    }

    /** HTTP Basic authentication. */
    record Basic(String username, Secret password) implements AuthConfig {
    }

    /**
     * OAuth2 client credentials (RFC 6749 section 4.4): a token from the token endpoint,
     * reused until shortly before it expires and fetched again after a 401.
     *
     * @param tokenUrl the token endpoint
     * @param clientId the client id
     * @param clientSecret the client secret
     * @param scope the scope asked for, or null
     * @param clientAuth how the client authenticates to the token endpoint
     */
    record OAuth2ClientCredentials(URI tokenUrl, String clientId, Secret clientSecret, String scope,
            ClientAuth clientAuth) implements AuthConfig {
    }

    /** Where an API key goes. */
    enum KeyLocation {

        HEADER, QUERY

    }

    /** How an OAuth2 client sends its credentials to the token endpoint. */
    enum ClientAuth {

        /** HTTP Basic ({@code client_secret_basic}). */
        BASIC,

        /** Form fields ({@code client_secret_post}). */
        BODY

    }

}
