package dev.weir.edge.aggregate;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.weir.edge.gate.EdgeCaller;
import dev.weir.edge.gate.RequestIds;
import dev.weir.edge.route.Backends;
import dev.weir.edge.system.EdgeProblems;
import dev.weir.edge.system.EdgeProperties;
import dev.weir.edge.system.Scopes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /customer/{customer_id}/summary}: the customer, their invoices and (when an
 * analytics backend is configured) their analytics, fetched in parallel with the caller's
 * own token, in one answer. A part that fails or takes longer than
 * {@code weir.edge.aggregation.timeout} is left out and named in {@code missing}, and the
 * {@code Weir-Partial} header lists the missing parts; an unknown customer is 404, and
 * the answer is a 502 problem only when no part could be had.
 */
public final class CustomerSummary {

    /** The header that lists the parts missing from a partial answer. */
    public static final String PARTIAL = "Weir-Partial";

    private static final Logger log = LoggerFactory.getLogger(CustomerSummary.class);

    private final Backends backends;

    private final EdgeProperties.Aggregation config;

    private final JsonMapper json;

    private final HttpClient http;

    private final ExecutorService parts = Executors.newVirtualThreadPerTaskExecutor();

    public CustomerSummary(Backends backends, EdgeProperties.Aggregation config, JsonMapper json) {
        this.backends = backends;
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .executor(this.parts)
            .build();
    }

    public ServerResponse summary(ServerRequest request) {
        String id = request.pathVariable("customer_id");
        EdgeCaller caller = (EdgeCaller) request.attribute(EdgeCaller.ATTRIBUTE).orElseThrow();
        String requestId = request.headers().firstHeader(RequestIds.HEADER);
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        Map<String, Future<Part>> calls = new LinkedHashMap<>();
        calls.put("customer", call(this.config.customerBackend(), "/customer/" + encoded, caller, requestId));
        calls.put("invoices",
                call(this.config.customerBackend(), "/customer/" + encoded + "/invoice", caller, requestId));
        if (!this.config.analyticsBackend().isBlank()
                && (caller.scopes().contains(Scopes.ANALYTICS_READ) || caller.scopes().contains(Scopes.ADMIN))) {
            // only for a caller who may read it: for the others it is not a part, not a
            // missing one
            calls.put("analytics", call(this.config.analyticsBackend(),
                    this.config.analyticsPath().replace("{customer_id}", encoded), caller, requestId));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer_id", id);
        List<Map<String, Object>> missing = new ArrayList<>();
        long deadline = System.nanoTime() + this.config.timeout().toNanos();
        for (Map.Entry<String, Future<Part>> call : calls.entrySet()) {
            Part part = outcome(call.getValue(), deadline);
            if (part.status() == 404 && call.getKey().equals("customer")) {
                calls.values().forEach((f) -> f.cancel(true));
                return part.asProblem();
            }
            if (part.ok()) {
                body.put(call.getKey(), part.body());
            }
            else {
                body.put(call.getKey(), null);
                Map<String, Object> why = new LinkedHashMap<>();
                why.put("part", call.getKey());
                why.put("status", part.status());
                why.put("detail", part.detail());
                missing.add(why);
            }
        }
        if (missing.size() == calls.size()) {
            ProblemDetail problem = EdgeProblems.of(502, "bad-gateway", "Bad gateway",
                    "No part of the summary could be had: " + missing);
            return EdgeProblems.response(problem);
        }
        body.put("missing", missing);
        ServerResponse.BodyBuilder answer = ServerResponse.ok().contentType(MediaType.APPLICATION_JSON);
        if (!missing.isEmpty()) {
            answer.header(PARTIAL, String.join(", ", missing.stream().map((m) -> (String) m.get("part")).toList()));
        }
        return answer.body(body);
    }

    private Future<Part> call(String backend, String path, EdgeCaller caller, String requestId) {
        return this.parts.submit(() -> {
            URI base = this.backends.instanceOf(backend).orElse(null);
            if (base == null) {
                return Part.failed(503, "No instance of " + backend + " is healthy.");
            }
            HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(this.config.timeout())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + caller.bearer());
            if (requestId != null) {
                call.header(RequestIds.HEADER, requestId);
            }
            try {
                HttpResponse<byte[]> response = this.http.send(call.GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                JsonNode body = (response.body().length > 0) ? this.json.readTree(response.body()) : null;
                if (response.statusCode() == 200) {
                    return new Part(200, body, null);
                }
                String detail = (body != null && body.has("detail")) ? body.get("detail").asString()
                        : backend + " answered " + response.statusCode();
                return new Part(response.statusCode(), body, detail);
            }
            catch (IOException | RuntimeException ex) {
                log.warn("Summary part {} from {} failed: {}", path, backend, ex.toString());
                return Part.failed(502, backend + " could not be reached or answered badly.");
            }
        });
    }

    private Part outcome(Future<Part> call, long deadline) {
        try {
            return call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException ex) {
            call.cancel(true);
            return Part.failed(504, "Did not answer within " + this.config.timeout().toMillis() + " ms.");
        }
        catch (ExecutionException ex) {
            return Part.failed(502, ex.getCause().toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Part.failed(503, "Interrupted.");
        }
    }

    /** One backend call's outcome. */
    private record Part(int status, JsonNode body, String detail) {

        static Part failed(int status, String detail) {
            return new Part(status, null, detail);
        }

        boolean ok() {
            return this.status == 200;
        }

        ServerResponse asProblem() {
            return ServerResponse.status(this.status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(this.body);
        }

    }

}
