package dev.weir.retail.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.weir.testing.infra.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests that check what goes over the wire: status, headers, raw
 * JSON. Every request carries a test token granting every scope, unless the test gives
 * its own {@code Authorization} header or asks for {@link #anonymous()} requests.
 */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();

    private final String base;

    private final String authorization;

    public Http(int port) {
        this("http://127.0.0.1:" + port, TestTokens.bearer());
    }

    private Http(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same client, sending no token. */
    public Http anonymous() {
        return new Http(this.base, null);
    }

    /** The same client, sending a token with only these scopes. */
    public Http withScopes(String... scopes) {
        return new Http(this.base, TestTokens.bearer(scopes));
    }

    public Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    public Response post(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    public Response put(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    public Response patch(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/merge-patch+json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    public Response delete(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), headers);
    }

    public Response send(HttpRequest.Builder request, String... headers) {
        if (this.authorization != null) {
            request.setHeader("Authorization", this.authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public URI uri(String path) {
        return URI.create(this.base + path);
    }

    /** A response: status, headers and the body as text and as JSON. */
    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

        public String header(String name) {
            return this.headers.entrySet()
                .stream()
                .filter((e) -> e.getKey().equalsIgnoreCase(name))
                .map((e) -> e.getValue().get(0))
                .findFirst()
                .orElse(null);
        }

        public JsonNode json() {
            return JSON.readTree(this.body);
        }

        @Override
        public String toString() {
            return this.status + " " + this.body;
        }

    }

}
