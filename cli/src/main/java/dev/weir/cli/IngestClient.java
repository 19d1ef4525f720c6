package dev.weir.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import picocli.CommandLine.Mixin;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Ingest service's push and lake API as the CLI calls it, at the URL
 * {@link WeirUrls#ingest()} derives ({@code --url} / {@code WEIR_URL}, or the local
 * {@code weir up}). Commands that use it are clients of a running Weir, not part of it.
 */
final class IngestClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Mixin
    WeirUrls urls;

    private HttpClient http;

    HttpClient http() {
        if (this.http == null) {
            this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        }
        return this.http;
    }

    URI uri(String path) {
        return URI.create(this.urls.ingest() + path);
    }

    /** GETs a JSON document; a problem answer or no answer is an {@link Unavailable}. */
    JsonNode get(String path) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http().send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new Unavailable("no answer from " + this.urls.ingest()
                    + " (is Weir up? --url or WEIR_URL says where): " + ex.getClass().getSimpleName());
        }
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() >= 400) {
            String detail = (body.has("detail")) ? body.get("detail").asString() : response.body();
            throw new Unavailable(response.statusCode() + " " + detail, response.statusCode());
        }
        return body;
    }

    /** The service did not give what was asked. */
    static final class Unavailable extends RuntimeException {

        private final int status;

        Unavailable(String message) {
            this(message, 0);
        }

        Unavailable(String message, int status) {
            super(message);
            this.status = status;
        }

        /** The HTTP status, or 0 when there was no answer. */
        int status() {
            return this.status;
        }

    }

}
