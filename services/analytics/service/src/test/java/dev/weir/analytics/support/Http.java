package dev.weir.analytics.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.weir.testing.infra.TestTokens;

/**
 * A plain HTTP client for tests that check what goes over the wire. It sends a token
 * granting {@code analytics.read} unless the request names its own {@code Authorization}
 * ({@link #withoutToken} sends none).
 */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();

    private final String base;

    private final String authorization;

    public Http(int port) {
        this(port, TestTokens.bearer("analytics.read"));
    }

    private Http(int port, String authorization) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = authorization;
    }

    /** A client that sends no token. */
    public static Http withoutToken(int port) {
        return new Http(port, null);
    }

    public Response get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path)).GET();
        if (this.authorization != null) {
            request.setHeader("Authorization", this.authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response, response.body());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public record Response(int status, HttpResponse<String> raw, String body) {

        public JsonNode json() {
            return JSON.readTree(this.body);
        }

        public String header(String name) {
            return this.raw.headers().firstValue(name).orElse(null);
        }

    }

}
