package dev.weir.platform.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.SSLContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token a service sends when it calls another service (the pipeline reading Retail's
 * export and Ingest's runs): every service checks every caller, services included. It is
 * asked of the edge as an OAuth2 client ({@code weir.security.service-client.id} and
 * {@code .secret}; {@code weir up} registers one at the edge and gives it to every
 * service) and kept until a minute before it expires; or it is a fixed token
 * ({@code .token}, in tests).
 */
public final class ServiceToken {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration EARLY = Duration.ofSeconds(60);

    private final WeirSecurityProperties.ServiceClient client;

    private final URI tokenUri;

    private final HttpClient http;

    private final Clock clock;

    private String token;

    private Instant renewAt = Instant.MIN;

    ServiceToken(WeirSecurityProperties properties, SSLContext tls, Clock clock) {
        this.client = properties.serviceClient();
        this.tokenUri = URI.create(properties.effectiveTokenUri());
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
        this.clock = clock;
    }

    /** Whether this service has credentials to call others with. */
    public boolean configured() {
        return !this.client.token().isBlank() || !this.client.id().isBlank();
    }

    /**
     * The {@code Authorization} header value for a call to another service
     * ({@code Bearer ...}), or null when this service has no credentials.
     * @throws IllegalStateException when the edge gives no token (down, or the client
     * refused): the call cannot be made now
     */
    public synchronized String authorization() {
        if (!this.client.token().isBlank()) {
            return "Bearer " + this.client.token();
        }
        if (this.client.id().isBlank()) {
            return null;
        }
        Instant now = this.clock.instant();
        if (this.token == null || !now.isBefore(this.renewAt)) {
            fetch(now);
        }
        return "Bearer " + this.token;
    }

    private void fetch(Instant now) {
        String form = "grant_type=client_credentials&client_id=" + encode(this.client.id()) + "&client_secret="
                + encode(this.client.secret());
        HttpResponse<String> response;
        try {
            response = this.http.send(HttpRequest.newBuilder(this.tokenUri)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException("No token from the edge at " + this.tokenUri + ": " + ex, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking the edge for a token", ex);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "The edge at " + this.tokenUri + " refused this service's client: " + response.statusCode());
        }
        JsonNode body = JSON.readTree(response.body());
        this.token = body.path("access_token").asString();
        long seconds = body.path("expires_in").asLong(300);
        Instant expires = now.plusSeconds(seconds);
        Instant early = expires.minus(EARLY);
        this.renewAt = early.isAfter(now) ? early : now.plusSeconds(seconds / 2);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
