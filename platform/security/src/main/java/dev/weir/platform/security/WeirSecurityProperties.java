package dev.weir.platform.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service checks the callers of its operations ({@code weir.security.*}).
 *
 * @param mode {@code enforce} (the default): every call needs a valid token with the
 * operation's scope; {@code insecure-dev}: nothing is checked, for a laptop only, and the
 * service says so loudly when it starts
 * @param issuer the {@code iss} every token must carry: the edge's public URL
 * @param audience the {@code aud} every token must carry
 * @param jwksUri where the edge publishes its signing keys; empty: {@code issuer} +
 * {@code /oauth2/jwks}
 * @param jwksSslBundle the SSL bundle trusted when fetching the keys over HTTPS (a
 * self-signed edge); empty: the JDK's trust store
 * @param jwksCacheTtl how long the key set is kept before it is fetched again
 * @param jwksMinRefresh how soon after a fetch a token naming an unknown key may make the
 * key set be fetched again (a rotated key is learned so; the edge publishes a new key
 * longer than this before signing with it)
 * @param clockSkew how far token times ({@code exp}, {@code nbf}) may be off
 * @param adminScope the scope that grants every operation
 * @param publicPaths HTTP paths (Spring path patterns) open to everyone: health, the API
 * documents and their pages
 * @param publicGrpc gRPC methods ({@code service/method}, {@code *} as a wildcard) open
 * to everyone: health, reflection
 * @param operations which scope each operation needs; an operation that no entry names
 * needs {@code adminScope}, so a new endpoint is never open by mistake
 * @param serviceClient the credentials this service calls other services with
 * ({@link ServiceToken})
 */
@ConfigurationProperties("weir.security")
@Validated
public record WeirSecurityProperties(@DefaultValue("enforce") @NotNull Mode mode,
        @DefaultValue("http://localhost:8080") @NotBlank String issuer, @DefaultValue("weir") @NotBlank String audience,
        @DefaultValue("") String jwksUri, @DefaultValue("") String jwksSslBundle,
        @DefaultValue("5m") @NotNull Duration jwksCacheTtl, @DefaultValue("5s") @NotNull Duration jwksMinRefresh,
        @DefaultValue("30s") @NotNull Duration clockSkew, @DefaultValue("admin") @NotBlank String adminScope,
        @DefaultValue( {
                "/health", "/health/**", "/openapi.json", "/openapi.json/**", "/docs", "/docs/**", "/redoc", "/weir/**",
                "/swagger-ui/**", "/v3/api-docs/**", "/favicon.ico" }) List<String> publicPaths,
        @DefaultValue({ "grpc.health.v1.Health/*", "grpc.reflection.v1.ServerReflection/*",
                "grpc.reflection.v1alpha.ServerReflection/*" }) List<String> publicGrpc,
        @DefaultValue List<@Valid Operation> operations, @DefaultValue @Valid ServiceClient serviceClient){

    /** The key set's URL: {@code jwksUri}, or the issuer's {@code /oauth2/jwks}. */
    public String effectiveJwksUri() {
        if (!this.jwksUri.isBlank()) {
            return this.jwksUri;
        }
        return this.issuer.replaceAll("/+$", "") + "/oauth2/jwks";
    }

    /**
     * How this service gets a token of the edge for its calls to other services: as an
     * OAuth2 client ({@code client_credentials} at the edge's token endpoint), or with a
     * fixed token (tests). None when both are empty.
     *
     * @param id the client id ({@code weir up} gives every service the one it registers)
     * @param secret the client secret
     * @param tokenUri the edge's token endpoint; empty: beside the key set
     * ({@code /oauth2/token})
     * @param token a token to send as it is, instead of asking for one
     */
    public record ServiceClient(@DefaultValue("") String id, @DefaultValue("") String secret,
            @DefaultValue("") String tokenUri, @DefaultValue("") String token) {
    }

    /** The edge's token endpoint, for {@link ServiceClient}. */
    public String effectiveTokenUri() {
        if (!this.serviceClient.tokenUri().isBlank()) {
            return this.serviceClient.tokenUri();
        }
        String jwks = effectiveJwksUri();
        return jwks.endsWith("/oauth2/jwks") ? jwks.substring(0, jwks.length() - "/jwks".length()) + "/token"
                : this.issuer.replaceAll("/+$", "") + "/oauth2/token";
    }

    /** Whether calls are checked. */
    public enum Mode {

        /** Every call needs a valid token carrying the operation's scope. */
        ENFORCE,

        /** Nothing is checked: a local development mode, explicit and loud. */
        INSECURE_DEV

    }

    /**
     * The operations one scope grants.
     *
     * @param scope the scope, such as {@code retail.read}
     * @param http {@code METHODS PATTERN}: methods separated by commas, a Spring path
     * pattern ({@code GET,HEAD /customer/**})
     * @param grpc gRPC methods, {@code service/method} with {@code *} as a wildcard
     * ({@code retail.v1.Customers/Get*})
     */
    public record Operation(@NotBlank String scope, @DefaultValue List<String> http, @DefaultValue List<String> grpc) {
    }

}
