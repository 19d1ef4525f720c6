package dev.weir.ingest.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

import dev.weir.testing.infra.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Pushes events to a running Ingest service over HTTP, as a device would. */
public final class PushClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    private final String authorization;

    /**
     * A client with a token granting what pushing needs ({@code events.write}) and the
     * streams' administration ({@code connectors.admin}).
     */
    public PushClient(int port) {
        this(port, TestTokens.bearer("events.write", "connectors.admin"));
    }

    /**
     * A client sending {@code authorization} (an {@code Authorization} header value), or
     * none when null.
     */
    public PushClient(int port, String authorization) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.authorization = authorization;
    }

    /** POSTs {@code body} to {@code path} with headers given as name, value pairs. */
    public HttpResponse<String> post(String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** POSTs JSON events to {@code /events/<stream>}. */
    public HttpResponse<String> json(String stream, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return post("/events/" + stream, body, all);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(60)));
    }

    public HttpResponse<String> put(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public static JsonNode body(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (this.authorization != null) {
            request.header("Authorization", this.authorization);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return this.http.send(request, HttpResponse.BodyHandlers.ofString());
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
     * A rides event of bike {@code bike}, ride {@code ride}, at minute {@code minute} of
     * 2017-07-17 08:00.
     */
    public static String ride(String bike, String ride, int minute) {
        return """
                {"ride_id":"%s","bike_id":"%s","event":"start","at":"2017-07-17T08:%02d:00Z","station_id":72,\
                "station_name":"W 52 St & 11 Ave","lat":40.76727216,"lon":-73.99392888,"member":true,"birth_year":1975}"""
            .formatted(ride, bike, minute % 60);
    }

}
