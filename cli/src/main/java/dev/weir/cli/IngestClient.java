package dev.weir.cli;

import java.net.URI;
import java.net.http.HttpClient;
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
            this.http = this.urls.httpClient(this.urls.ingest());
        }
        return this.http;
    }

    URI uri(String path) {
        return URI.create(this.urls.ingest() + path);
    }

    /** A request to {@code path}, with the admin key (the edge's {@code X-API-Key}). */
    java.net.http.HttpRequest.Builder request(String path) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri(path));
        String key = this.urls.adminKey();
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return request;
    }

    /**
     * GETs a JSON document; a problem answer is an {@link AdminClient.ProblemException},
     * no answer an {@link AdminClient.UnreachableException}.
     */
    JsonNode get(String path) {
        return this.urls.admin(this.urls.ingest()).get(path);
    }

}
