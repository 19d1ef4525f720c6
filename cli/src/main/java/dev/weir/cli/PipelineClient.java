package dev.weir.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pipeline's admin API over HTTP, for {@code weir dlq} and {@code weir reconcile}:
 * the CLI only asks the running service, at the URL {@link WeirUrls#pipeline()} gives
 * (the edge), with the admin key.
 */
final class PipelineClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;

    private final HttpClient http;

    private final String adminKey;

    PipelineClient(WeirUrls urls) {
        String text = urls.pipeline().toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.http = urls.httpClient(this.base);
        this.adminKey = urls.adminKey();
    }

    JsonNode get(String path) throws Unreachable, Refused {
        return send(HttpRequest.newBuilder(this.base.resolve(path)).GET());
    }

    JsonNode post(String path, Object body) throws Unreachable, Refused {
        return send(HttpRequest.newBuilder(this.base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    static String pretty(JsonNode node) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    private JsonNode send(HttpRequest.Builder request) throws Unreachable, Refused {
        if (this.adminKey != null) {
            request.header("X-API-Key", this.adminKey);
        }
        HttpResponse<byte[]> response;
        try {
            response = this.http.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException ex) {
            throw new Unreachable(
                    "no Weir answers at " + this.base + " (start it with ./weir up, or give --url / WEIR_URL)");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
        JsonNode body = (response.body().length > 0) ? JSON.readTree(response.body()) : JSON.createObjectNode();
        if (response.statusCode() >= 400) {
            String detail = body.path("detail").isString() ? body.path("detail").asString() : body.toString();
            throw new Refused(response.statusCode(), detail);
        }
        return body;
    }

    /** The pipeline could not be reached. */
    static final class Unreachable extends Exception {

        Unreachable(String message) {
            super(message);
        }

    }

    /** The pipeline answered with a problem. */
    static final class Refused extends Exception {

        private final int status;

        Refused(int status, String detail) {
            super(detail);
            this.status = status;
        }

        int status() {
            return this.status;
        }

    }

}
