package dev.weir.edge.system;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The edge's settings ({@code weir.edge.*}), with defaults that fit {@code weir up}.
 *
 * @param publicUrl the URL clients reach the edge at; the {@code iss} of its tokens
 * @param audience the {@code aud} of its tokens; every service expects it
 * @param dataDir where the generated admin key is written ({@code admin.key})
 * @param adminKey the admin key to create on start ({@code WEIR_ADMIN_KEY}); empty: one
 * is generated when none exists
 * @param tokens token lifetimes
 * @param signingKeys the rotation of the keys tokens are signed with
 * @param apiKeys API key look-ups
 * @param limits rate limits
 * @param usage usage metering
 * @param backends the services behind the edge, by name
 * @param routes which paths go to which backend, in order
 * @param headers header rules for every routed call
 * @param retries retries of idempotent calls
 * @param aggregation the customer summary
 * @param docs the merged OpenAPI document
 * @param serviceClient the client the services behind the edge call each other as
 */
@ConfigurationProperties("weir.edge")
@Validated
public record EdgeProperties(@DefaultValue("http://localhost:8080") @NotNull URI publicUrl,
        @DefaultValue("weir") @NotBlank String audience, @DefaultValue("weir-data") @NotNull Path dataDir,
        @DefaultValue("") String adminKey, @DefaultValue @Valid Tokens tokens,
        @DefaultValue @Valid SigningKeys signingKeys, @DefaultValue @Valid ApiKeys apiKeys,
        @DefaultValue @Valid Limits limits, @DefaultValue @Valid Usage usage,
        @DefaultValue Map<String, @Valid Backend> backends, @DefaultValue List<@Valid Route> routes,
        @DefaultValue @Valid Headers headers, @DefaultValue @Valid Retries retries,
        @DefaultValue @Valid Aggregation aggregation, @DefaultValue @Valid Docs docs,
        @DefaultValue @Valid ServiceClient serviceClient) {

    /** The issuer of the edge's tokens: the public URL without a trailing slash. */
    public String issuer() {
        return this.publicUrl.toString().replaceAll("/+$", "");
    }

    /**
     * @param clientTtl how long an access token from {@code /oauth2/token} lives
     * @param internalTtl how long the token an API key is exchanged for lives
     * @param clockSkew how far clocks may disagree when checking token times
     */
    public record Tokens(@DefaultValue("15m") @NotNull Duration clientTtl,
            @DefaultValue("5m") @NotNull Duration internalTtl, @DefaultValue("30s") @NotNull Duration clockSkew) {

        /** The longest any token lives. */
        public Duration longest() {
            return (this.clientTtl.compareTo(this.internalTtl) > 0) ? this.clientTtl : this.internalTtl;
        }

    }

    /**
     * @param propagation how long a new key is published before it signs, so every
     * replica and service learns it first
     * @param reload how often a replica reads the keys again (to learn rotations by
     * others)
     */
    public record SigningKeys(@DefaultValue("1m") @NotNull Duration propagation,
            @DefaultValue("30s") @NotNull Duration reload) {
    }

    /**
     * @param cacheTtl how long a key looked up is remembered (a revocation by another
     * replica takes this long to be seen)
     */
    public record ApiKeys(@DefaultValue("5s") @NotNull Duration cacheTtl) {
    }

    /**
     * @param defaultKey the limit of an API key created without one ({@code N/s},
     * {@code N/min} or {@code N/h})
     * @param defaultClient the limit of an OAuth2 client created without one
     * @param maxUnsynced how many calls an edge replica may count locally before it
     * writes the bucket back to PostgreSQL (at most this many calls over the limit per
     * replica; 0 writes on every call)
     * @param maxUnsyncedTime how long a replica may count locally at most
     */
    public record Limits(@DefaultValue("6000/min") @NotBlank String defaultKey,
            @DefaultValue("6000/min") @NotBlank String defaultClient, @DefaultValue("500") @Min(0) int maxUnsynced,
            @DefaultValue("1s") @NotNull Duration maxUnsyncedTime) {
    }

    /**
     * @param flushInterval how often the counters are added to PostgreSQL
     */
    public record Usage(@DefaultValue("10s") @NotNull Duration flushInterval) {
    }

    /**
     * A service behind the edge.
     *
     * @param instances its instances' base URLs; calls are spread over the healthy ones
     * @param healthPath what is called to check an instance
     * @param healthInterval how often each instance is checked
     * @param connectTimeout how long connecting to an instance may take
     * @param responseTimeout how long an instance may take to start answering (then 504)
     */
    public record Backend(@NotEmpty List<URI> instances, @DefaultValue("/health/liveness") String healthPath,
            @DefaultValue("2s") @NotNull Duration healthInterval, @DefaultValue("1s") @NotNull Duration connectTimeout,
            @DefaultValue("30s") @NotNull Duration responseTimeout) {
    }

    /**
     * A route: calls whose path matches one of {@code paths} go to {@code backend}.
     *
     * @param id the route's name, in logs and metrics
     * @param backend a key of {@code backends}
     * @param paths Spring path patterns
     * @param addRequestHeaders headers set on the call to the backend
     * @param removeRequestHeaders headers removed from the call to the backend
     * @param addResponseHeaders headers set on the answer to the client
     * @param removeResponseHeaders headers removed from the answer to the client
     * @param stripPrefix how many leading path segments are taken off before the call
     * goes to the backend (a service mounted under a prefix at the edge: 1 sends
     * {@code /analytics/retail/...} as {@code /retail/...})
     */
    public record Route(@NotBlank String id, @NotBlank String backend, @NotEmpty List<String> paths,
            @DefaultValue Map<String, String> addRequestHeaders, @DefaultValue List<String> removeRequestHeaders,
            @DefaultValue Map<String, String> addResponseHeaders, @DefaultValue List<String> removeResponseHeaders,
            @DefaultValue("0") @jakarta.validation.constraints.PositiveOrZero int stripPrefix) {
    }

    /**
     * @param internalResponseHeaders headers of the services that never reach clients
     * (their {@code Date}: the edge sets its own)
     */
    public record Headers(@DefaultValue( {
            "Server", "X-Powered-By", "X-Application-Context", "X-Weir-Service",
            "Date" }) List<String> internalResponseHeaders){
    }

    /**
     * @param maxAttempts tries of an idempotent call in all, the first included
     * @param budgetRatio retries allowed per call, on average over {@code budgetWindow}
     * @param minPerSecond retries always allowed per second, however few calls there are
     * @param budgetWindow the window over which calls and retries are counted
     */
    public record Retries(@DefaultValue("3") @Min(1) int maxAttempts,
            @DefaultValue("0.2") @DecimalMin("0") @DecimalMax("1") double budgetRatio,
            @DefaultValue("5") @Min(0) int minPerSecond, @DefaultValue("10s") @NotNull Duration budgetWindow) {
    }

    /**
     * @param customerBackend the backend with the customers and their invoices
     * @param analyticsBackend the backend with the customers' analytics; empty until the
     * analytics service exists
     * @param analyticsPath the analytics backend's path of one customer's summary, with
     * {@code {customer_id}}
     * @param timeout how long each part may take before it is marked missing
     */
    public record Aggregation(@DefaultValue("retail") String customerBackend, @DefaultValue("") String analyticsBackend,
            @DefaultValue("/customers/{customer_id}/summary") String analyticsPath,
            @DefaultValue("5s") @NotNull Duration timeout) {
    }

    /**
     * @param refresh how long a merged OpenAPI document is kept before it is built again
     */
    /**
     * The OAuth2 client the services behind the edge get tokens as when they call each
     * other (the pipeline reads Retail's export and Ingest's runs): registered, or its
     * secret and scopes replaced, on every start. {@code weir up} makes a new secret each
     * time and gives it to the services. None when {@code id} is empty.
     *
     * @param id its client id
     * @param secret its secret (at least 32 characters)
     * @param scopes what the services may do to each other
     */
    public record ServiceClient(@DefaultValue("") String id, @DefaultValue("") String secret,
            @DefaultValue List<String> scopes) {

        public boolean enabled() {
            return !this.id.isBlank();
        }

    }

    public record Docs(@DefaultValue("30s") @NotNull Duration refresh) {
    }

}
