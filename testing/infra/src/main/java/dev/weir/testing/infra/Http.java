package dev.weir.testing.infra;

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

/**
 * A plain HTTP/1.1 client of a server on this machine, for tests that check what goes
 * over the wire: status, headers, raw JSON. It sends a test token ({@link TestTokens})
 * unless it was made {@link #anonymous(int) anonymous}; a request that names its own
 * {@code Authorization} header sends that one instead. For what a well-behaved client
 * cannot send, use {@link RawHttp}.
 */
public final class Http {

    /** The problem types' common prefix, which {@link Response#problem()} leaves out. */
    private static final String PROBLEMS = "https://weir.dev/problems/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * How long a request may wait for its answer: a guard against a hang, far longer than
     * any answer takes.
     */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private final int port;

    private final String authorization;

    /**
     * A client of {@code 127.0.0.1:port} that sends a token granting {@code scopes}
     * (every scope when none are given).
     */
    public Http(int port, String... scopes) {
        this(TestTokens.bearer(scopes), port);
    }

    private Http(String authorization, int port) {
        this.port = port;
        this.authorization = authorization;
    }

    /** A client of {@code 127.0.0.1:port} that sends no token. */
    public static Http anonymous(int port) {
        return new Http(null, port);
    }

    /** The same server, sending no token. */
    public Http anonymous() {
        return anonymous(this.port);
    }

    /** The same server, sending a token with only these scopes. */
    public Http withScopes(String... scopes) {
        return new Http(this.port, scopes);
    }

    /** The server's base URI, {@code http://127.0.0.1:<port>}. */
    public String base() {
        return "http://127.0.0.1:" + this.port;
    }

    public URI uri(String path) {
        return URI.create(base() + path);
    }

    /** GET; {@code headers} are name, value, name, value, ... */
    public Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    /** POST of a JSON body. */
    public Response post(String path, String json, String... headers) {
        return sendBody(path, "POST", "application/json", json, headers);
    }

    /** POST of an HTML form ({@code application/x-www-form-urlencoded}). */
    public Response form(String path, String form, String... headers) {
        return sendBody(path, "POST", "application/x-www-form-urlencoded", form, headers);
    }

    /** PUT of a JSON body. */
    public Response put(String path, String json, String... headers) {
        return sendBody(path, "PUT", "application/json", json, headers);
    }

    /** PATCH with a JSON merge patch. */
    public Response patch(String path, String json, String... headers) {
        return sendBody(path, "PATCH", "application/merge-patch+json", json, headers);
    }

    private Response sendBody(String path, String method, String contentType, String body, String... headers) {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    public Response delete(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), headers);
    }

    /**
     * Sends a request built by the test, with the token and then {@code headers} (name,
     * value, ...), each replacing a header of the same name.
     */
    public Response send(HttpRequest.Builder request, String... headers) {
        if (this.authorization != null) {
            request.setHeader("Authorization", this.authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = this.client.send(request.timeout(REQUEST_TIMEOUT).build(),
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

    /**
     * An answer: status, headers and the body as text.
     *
     * @param status the status code
     * @param headers the headers by name, as received
     * @param body the body as text
     */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        /** The first value of a header (the name in any case), or null. */
        public String header(String name) {
            return this.headers.entrySet()
                .stream()
                .filter((e) -> e.getKey().equalsIgnoreCase(name))
                .map((e) -> e.getValue().get(0))
                .findFirst()
                .orElse(null);
        }

        /** The body as JSON. */
        public JsonNode json() {
            return JSON.readTree(this.body);
        }

        /**
         * The problem type's last segment ({@code not-found} of
         * {@code https://weir.dev/problems/not-found}).
         */
        public String problem() {
            return json().get("type").asString().substring(PROBLEMS.length());
        }

        @Override
        public String toString() {
            return this.status + " " + this.body;
        }

    }

}
