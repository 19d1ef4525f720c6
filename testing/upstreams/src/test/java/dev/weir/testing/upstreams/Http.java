package dev.weir.testing.upstreams;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

/** A plain JDK HTTP client for the tests: what a connector would see. */
final class Http {

    private static final HttpClient client = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .version(HttpClient.Version.HTTP_1_1)
        .build();

    private Http() {
    }

    static HttpResponse<byte[]> get(String url, String... headers) throws IOException, InterruptedException {
        return get(url, Duration.ofSeconds(30), headers);
    }

    static HttpResponse<byte[]> get(String url, Duration timeout, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GET with the FHRS API's required header. */
    static HttpResponse<byte[]> fhrs(String url) throws IOException, InterruptedException {
        return get(url, "x-api-version", "2", "Accept", "application/json");
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        return FhrsDataSet.json.readTree(response.body());
    }

}
