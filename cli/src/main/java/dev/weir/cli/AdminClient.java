package dev.weir.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Predicate;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of a service's admin API: JSON requests, RFC 9457 problems as
 * {@link ProblemException}, and Server-Sent Events followed line by line.
 */
final class AdminClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;

    private final String apiKey;

    private final HttpClient http;

    AdminClient(URI base) {
        this(base, null, null);
    }

    /**
     * A client sending {@code apiKey} (when not null) as {@code X-API-Key}; over HTTPS it
     * also trusts {@code selfSigned} when that file exists (the certificate of
     * {@code weir up --tls}).
     */
    AdminClient(URI base, String apiKey, Path selfSigned) {
        this.base = base;
        this.apiKey = apiKey;
        this.http = httpClient(base, selfSigned);
    }

    /**
     * An HTTP client for {@code base}; over HTTPS it also trusts {@code selfSigned} when
     * that file exists.
     */
    static HttpClient httpClient(URI base, Path selfSigned) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if ("https".equals(base.getScheme()) && selfSigned != null && Files.exists(selfSigned)) {
            builder.sslContext(trusting(selfSigned));
        }
        return builder.build();
    }

    URI base() {
        return this.base;
    }

    /** GET a JSON answer. */
    JsonNode get(String path) {
        return send("GET", path, null);
    }

    /** POST without a body; the JSON answer. */
    JsonNode post(String path) {
        return send("POST", path, null);
    }

    /** POST {@code body} as JSON; the JSON answer. */
    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    /** DELETE; the JSON answer, if any. */
    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    private JsonNode send(String method, String path, Object json) {
        HttpRequest.Builder request = request(path)
            .method(method,
                    (json != null) ? HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(json))
                            : HttpRequest.BodyPublishers.noBody())
            .header("Accept", "application/json")
            .timeout(TIMEOUT);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = exchange(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 400) {
            throw refusal(response.statusCode(), body);
        }
        return body;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path));
        if (this.apiKey != null) {
            request.header("X-API-Key", this.apiKey);
        }
        return request;
    }

    private ProblemException refusal(int status, JsonNode body) {
        if (status == 401 && this.apiKey == null) {
            return new ProblemException(status, JSON.createObjectNode()
                .put("detail",
                        "Weir needs the admin key: set WEIR_ADMIN_KEY, give --admin-key-file, or run this "
                                + "where `weir up` keeps its data (WEIR_DATA_DIR, its admin.key). The edge said: "
                                + body.path("detail").asString("401")));
        }
        return new ProblemException(status, body);
    }

    /**
     * Follows a stream of Server-Sent Events, handing each to {@code events} until it
     * answers false or the stream ends.
     * @return whether the stream ended as the listener wanted (false: it broke off)
     */
    boolean follow(String path, Predicate<Event> events) {
        HttpRequest request = request(path).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = exchange(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() >= 400) {
            String body = String.join("\n", response.body().toList());
            throw refusal(response.statusCode(), parse(body));
        }
        String name = "message";
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty() && !events.test(new Event(name, parse(data.toString())))) {
                        return true;
                    }
                    name = "message";
                    data.setLength(0);
                }
                else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).strip();
                }
                else if (line.startsWith("data:")) {
                    data.append(line.substring("data:".length()).strip());
                }
            }
        }
        catch (java.io.UncheckedIOException ex) {
            return false;
        }
        return false;
    }

    /** An event of a stream. */
    record Event(String name, JsonNode data) {
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return this.http.send(request, handler);
        }
        catch (ConnectException | HttpTimeoutException ex) {
            throw new UnreachableException(this.base);
        }
        catch (IOException ex) {
            throw new UnreachableException(this.base, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new UnreachableException(this.base, ex);
        }
    }

    private static SSLContext trusting(Path certificate) {
        try (InputStream in = Files.newInputStream(certificate)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("weir-edge", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
        catch (IOException | GeneralSecurityException ex) {
            throw new CommandFailure(ExitCode.BAD_INPUT,
                    "cannot read the edge's certificate " + certificate + ": " + ex.getMessage(), ex);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        }
        catch (JacksonException ex) {
            return JSON.createObjectNode().put("detail", text.strip());
        }
    }

    /** An error answer: the problem's detail, type and members. */
    static final class ProblemException extends RuntimeException {

        private final int status;

        private final JsonNode problem;

        ProblemException(int status, JsonNode problem) {
            super(problem.path("detail").asString("HTTP " + status));
            this.status = status;
            this.problem = problem;
        }

        int status() {
            return this.status;
        }

        JsonNode problem() {
            return this.problem;
        }

    }

    /** No Weir answers at the URL. */
    static final class UnreachableException extends RuntimeException {

        UnreachableException(URI base) {
            super("no Weir answers at " + base + ". Start it with `weir up` (the same WEIR_*_PORT variables), or give "
                    + "--url / WEIR_URL.");
        }

        UnreachableException(URI base, Exception cause) {
            super("the connection to Weir at " + base + " failed (" + cause + ")", cause);
        }

    }

}
