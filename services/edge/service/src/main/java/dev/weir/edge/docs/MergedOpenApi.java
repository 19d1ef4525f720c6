package dev.weir.edge.docs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Service;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.weir.edge.gate.EdgeGate;
import dev.weir.edge.route.Backends;
import dev.weir.edge.system.EdgeProperties;
import dev.weir.edge.system.Scopes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One OpenAPI document for everything behind the edge: the edge's own operations (the
 * admin API, the summary, the token endpoint) and, from each backend's
 * {@code /openapi.json}, the operations the edge routes to it. Schemas of the same name
 * in two documents keep theirs apart by a prefix (the backend's name). Every operation is
 * declared to need an API key or an OAuth2 token. Built again at most every
 * {@code weir.edge.docs.refresh}; a backend that cannot be reached is left out and named
 * in {@code x-weir-missing}.
 */
@Service
public class MergedOpenApi {

    private static final Logger log = LoggerFactory.getLogger(MergedOpenApi.class);

    private final Backends backends;

    private final EdgeProperties properties;

    private final Environment environment;

    private final JsonMapper json = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(1))
        .build();

    private volatile Cached cached;

    MergedOpenApi(Backends backends, EdgeProperties properties, Environment environment) {
        this.backends = backends;
        this.properties = properties;
        this.environment = environment;
    }

    /** The merged document. */
    public synchronized byte[] document() {
        Cached current = this.cached;
        if (current == null || current.builtAt() + this.properties.docs().refresh().toNanos() < System.nanoTime()) {
            current = new Cached(this.json.writeValueAsBytes(build()), System.nanoTime());
            this.cached = current;
        }
        return current.json();
    }

    private ObjectNode build() {
        ObjectNode merged = this.json.createObjectNode();
        merged.put("openapi", "3.1.0");
        ObjectNode info = merged.putObject("info");
        info.put("title", "Weir API");
        info.put("version", "1");
        info.put("description",
                "Every Weir service through the edge. Authenticate with an API key "
                        + "(X-API-Key header) or an OAuth2 token (client_credentials at /oauth2/token); each operation "
                        + "needs a scope, listed in docs/edge.md.");
        merged.putArray("servers").addObject().put("url", this.properties.issuer());
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        components.putObject("schemas");
        ArrayNode missing = this.json.createArrayNode();
        JsonNode own = fetch(URI.create("http://127.0.0.1:" + this.environment.getProperty("local.server.port", "8080")
                + "/openapi/edge.json"));
        if (own != null) {
            add("edge", own, paths, components, null);
        }
        else {
            missing.add("edge");
        }
        for (String backend : this.backends.names()) {
            List<Mount> routed = routedPaths(backend);
            URI base = this.backends.instanceOf(backend).orElse(null);
            JsonNode document = (base != null) ? fetch(URI.create(base + "/openapi.json")) : null;
            if (document == null) {
                missing.add(backend);
                continue;
            }
            add(backend, document, paths, components, routed);
        }
        addEdgeOperations(paths);
        addEdgeRefusals(paths, components);
        addSecurity(merged);
        if (!missing.isEmpty()) {
            merged.set("x-weir-missing", missing);
        }
        return merged;
    }

    /**
     * The paths the edge routes to {@code backend}, each with the prefix the edge takes
     * off before the call ({@code /analytics} of {@code /analytics/**} with
     * {@code strip-prefix: 1}), which its operations get in the merged document.
     */
    private List<Mount> routedPaths(String backend) {
        PathPatternParser parser = new PathPatternParser();
        List<Mount> mounts = new ArrayList<>();
        this.properties.routes()
            .stream()
            .filter((route) -> route.backend().equals(backend))
            .forEach((route) -> route.paths()
                .forEach((p) -> mounts.add(new Mount(parser.parse(p), leadingSegments(p, route.stripPrefix())))));
        return mounts;
    }

    private static String leadingSegments(String path, int count) {
        String[] segments = path.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 1; i <= count && i < segments.length; i++) {
            prefix.append('/').append(segments[i]);
        }
        return prefix.toString();
    }

    /**
     * Adds {@code document}'s paths (those routed to it, when {@code routed} is given)
     * and schemas; a schema whose name is taken is renamed with the backend's prefix, and
     * the references to it follow.
     */
    /**
     * Adds a service's operations (under the prefix the edge mounts it at) and its
     * components — schemas, responses, parameters, every kind its operations refer to —
     * renaming one that another document defines differently, and its references with it.
     */
    private void add(String source, JsonNode document, ObjectNode paths, ObjectNode components, List<Mount> routed) {
        Map<String, String> renamed = new java.util.HashMap<>();
        for (Map.Entry<String, JsonNode> kind : document.path("components").properties()) {
            JsonNode known = components.path(kind.getKey());
            for (Map.Entry<String, JsonNode> component : kind.getValue().properties()) {
                String name = component.getKey();
                if (known.has(name) && !known.get(name).equals(component.getValue())) {
                    renamed.put("#/components/" + kind.getKey() + "/" + name,
                            "#/components/" + kind.getKey() + "/" + prefix(source) + name);
                }
            }
        }
        JsonNode rewritten = renamed.isEmpty() ? document : rewriteRefs(document.deepCopy(), renamed);
        for (Map.Entry<String, JsonNode> kind : rewritten.path("components").properties()) {
            if (kind.getKey().equals("securitySchemes")) {
                // the edge's own (addSecurity): a service's scheme is the edge's token
                continue;
            }
            ObjectNode merged = (components.get(kind.getKey()) instanceof ObjectNode existing) ? existing
                    : components.putObject(kind.getKey());
            for (Map.Entry<String, JsonNode> component : kind.getValue().properties()) {
                String ref = renamed.getOrDefault("#/components/" + kind.getKey() + "/" + component.getKey(), "");
                merged.set(ref.isEmpty() ? component.getKey() : ref.substring(ref.lastIndexOf('/') + 1),
                        component.getValue());
            }
        }
        for (Map.Entry<String, JsonNode> path : rewritten.path("paths").properties()) {
            if (routed == null) {
                paths.set(path.getKey(), path.getValue());
                continue;
            }
            for (Mount mount : routed) {
                String atTheEdge = mount.prefix() + path.getKey();
                if (mount.pattern().matches(PathContainer.parsePath(atTheEdge.replaceAll("\\{[^}]*}", "x")))) {
                    paths.set(atTheEdge, path.getValue());
                    break;
                }
            }
        }
    }

    private static JsonNode rewriteRefs(JsonNode node, Map<String, String> renamed) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && renamed.containsKey(ref.asString())) {
                object.put("$ref", renamed.get(ref.asString()));
            }
            for (Iterator<JsonNode> values = object.values().iterator(); values.hasNext();) {
                rewriteRefs(values.next(), renamed);
            }
        }
        else if (node instanceof ArrayNode array) {
            array.forEach((element) -> rewriteRefs(element, renamed));
        }
        return node;
    }

    private void addEdgeOperations(ObjectNode paths) {
        ObjectNode summary = paths.putObject("/customer/{customer_id}/summary").putObject("get");
        summary.put("summary", "A customer, their invoices (and analytics), in one answer");
        summary.put("description", "Fetched in parallel; a part that fails is null and named in `missing`, and the "
                + "Weir-Partial header lists the missing parts. Scope retail.read.");
        summary.putArray("tags").add("Aggregation");
        ObjectNode parameter = summary.putArray("parameters").addObject();
        parameter.put("name", "customer_id").put("in", "path").put("required", true);
        parameter.putObject("schema").put("type", "string");
        ObjectNode responses = summary.putObject("responses");
        responses.putObject("200").put("description", "The summary, perhaps partial");
        responses.putObject("404").put("description", "No such customer");
        ObjectNode token = paths.putObject("/oauth2/token").putObject("post");
        token.put("summary", "An access token for a client (grant_type=client_credentials)");
        token.put("description", "Client id and secret by HTTP Basic, or as client_id and client_secret form "
                + "parameters; `scope` optional (space-separated, within the client's scopes).");
        token.putArray("tags").add("OAuth2");
        token.putArray("security");
        ObjectNode form = token.putObject("requestBody")
            .putObject("content")
            .putObject("application/x-www-form-urlencoded")
            .putObject("schema");
        form.put("type", "object");
        ObjectNode fields = form.putObject("properties");
        fields.putObject("grant_type").put("type", "string").put("const", "client_credentials");
        fields.putObject("scope").put("type", "string");
        ObjectNode tokenResponses = token.putObject("responses");
        tokenResponses.putObject("200").put("description", "access_token, token_type, expires_in");
        tokenResponses.putObject("400")
            .put("description",
                    "invalid_request, unsupported_grant_type or invalid_scope (OAuth2's error, " + "in a problem)");
        tokenResponses.putObject("401").put("description", "invalid_client: an unknown client, a wrong secret");
    }

    /**
     * What the edge itself may answer to every operation it guards, before or instead of
     * the service: 401 (no key or token, or a refused one), 403 (a scope missing), 429
     * (the caller's rate limit), and for a routed one 502, 503 and 504 (the service could
     * not be reached, is down or its circuit open, did not answer in time).
     */
    private void addEdgeRefusals(ObjectNode paths, ObjectNode components) {
        ObjectNode schemas = (ObjectNode) components.get("schemas");
        ObjectNode problem = schemas.putObject("EdgeProblem");
        problem.put("type", "object").put("description", "An RFC 9457 problem of the edge");
        ObjectNode fields = problem.putObject("properties");
        fields.putObject("type").put("type", "string");
        fields.putObject("title").put("type", "string");
        fields.putObject("status").put("type", "integer");
        fields.putObject("detail").put("type", "string");
        fields.putObject("instance").put("type", "string");
        Map<String, String> guarded = new java.util.LinkedHashMap<>();
        guarded.put("401", "No API key or token, or one the edge refuses (unknown, revoked, expired)");
        guarded.put("403", "The key or token lacks the operation's scope");
        guarded.put("429", "The caller's rate limit is spent (Retry-After, RateLimit-* headers)");
        Map<String, String> routed = new java.util.LinkedHashMap<>();
        routed.put("502", "The service could not be reached or broke the connection");
        routed.put("503", "No instance of the service is healthy, or its circuit breaker is open (Retry-After)");
        routed.put("504", "The service did not answer in time");
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            if (EdgeGate.isPublic(path.getKey().replaceAll("\\{[^}]*}", "x"))) {
                // no credentials needed (the login form, the token endpoint, documents)
                path.getValue().properties().forEach((operation) -> {
                    if (operation.getValue() instanceof ObjectNode op && METHODS.contains(operation.getKey())) {
                        op.putArray("security");
                    }
                });
                continue;
            }
            // the admin API is the edge's own; every other operation reaches a service
            // (the customer summary, several)
            boolean reachesAService = !path.getKey().startsWith("/admin/");
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!(operation.getValue() instanceof ObjectNode op) || !METHODS.contains(operation.getKey())) {
                    continue;
                }
                ObjectNode responses = (op.get("responses") instanceof ObjectNode r) ? r : op.putObject("responses");
                guarded.forEach((status, why) -> refusal(responses, status, why));
                if (reachesAService) {
                    routed.forEach((status, why) -> refusal(responses, status, why));
                }
            }
        }
    }

    private static final java.util.Set<String> METHODS = java.util.Set.of("get", "put", "post", "delete", "patch",
            "head", "options");

    private static void refusal(ObjectNode responses, String status, String description) {
        if (responses.has(status)) {
            return;
        }
        ObjectNode response = responses.putObject(status).put("description", description);
        response.putObject("content")
            .putObject("application/problem+json")
            .putObject("schema")
            .put("$ref", "#/components/schemas/EdgeProblem");
    }

    private void addSecurity(ObjectNode merged) {
        ObjectNode schemes = ((ObjectNode) merged.get("components")).putObject("securitySchemes");
        schemes.putObject("apiKey").put("type", "apiKey").put("in", "header").put("name", "X-API-Key");
        ObjectNode flow = schemes.putObject("oauth2")
            .put("type", "oauth2")
            .putObject("flows")
            .putObject("clientCredentials");
        flow.put("tokenUrl", this.properties.issuer() + "/oauth2/token");
        ObjectNode scopes = flow.putObject("scopes");
        Scopes.ALL.forEach((scope) -> scopes.put(scope, scope.equals(Scopes.ADMIN) ? "everything" : scope));
        ArrayNode security = merged.putArray("security");
        security.addObject().putArray("apiKey");
        security.addObject().putArray("oauth2");
    }

    private JsonNode fetch(URI uri) {
        try {
            HttpResponse<byte[]> response = this.http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                return this.json.readTree(response.body());
            }
            log.warn("OpenAPI document {} answered {}", uri, response.statusCode());
        }
        catch (java.io.IOException | RuntimeException ex) {
            log.warn("OpenAPI document {} could not be read: {}", uri, ex.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private static String prefix(String source) {
        return Character.toUpperCase(source.charAt(0)) + source.substring(1).replace("-", "");
    }

    private record Cached(byte[] json, long builtAt) {
    }

    /** A routed path pattern, and the prefix the edge takes off before the call. */
    private record Mount(PathPattern pattern, String prefix) {
    }

}
