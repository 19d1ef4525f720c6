package dev.weir.edge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of a server on this machine, for tests that look at the wire. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private final String base;

    public Http(String base) {
        this.base = base;
    }

    public String base() {
        return this.base;
    }

    public Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    public Response post(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    public Response form(String path, String form, String... headers) {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)), headers);
    }

    public Response delete(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), headers);
    }

    public Response send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = this.client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public URI uri(String path) {
        return URI.create(this.base + path);
    }

    /** A response: status, headers, body. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

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

        /** The problem type's last segment. */
        public String problem() {
            return json().get("type").asString().substring("https://weir.dev/problems/".length());
        }

    }

}
