package dev.weir.testing.infra;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Checks a served OpenAPI document against what every Weir HTTP service does, so that a
 * client generated from it works. For every operation:
 * <ul>
 * <li>every 4xx and 5xx answer is an {@code application/problem+json} problem;</li>
 * <li>503 (the database unreachable) is listed, and 406 when the operation answers a
 * body;</li>
 * <li>with a request body: 400, 413, 415 and 422, and the body's schema refuses unknown
 * fields ({@code additionalProperties: false});</li>
 * <li>with query parameters: 422; with path parameters: 404;</li>
 * <li>with request guards installed: 401 and 403;</li>
 * <li>a 304 answer has no body;</li>
 * <li>a {@code limit} parameter has a minimum and a maximum.</li>
 * </ul>
 * And everywhere in the document: every {@code pattern} is anchored ({@code ^...$}), as
 * Bean Validation matches the whole value while JSON Schema looks for a match anywhere.
 * {@link #violations} lists every violation at once.
 */
public final class OpenApiRules {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode document;

    private final boolean guarded;

    private OpenApiRules(JsonNode document, boolean guarded) {
        this.document = document;
        this.guarded = guarded;
    }

    /** The rules for a service without request guards. */
    public static List<String> violations(JsonNode document) {
        return new OpenApiRules(document, false).check();
    }

    /** The rules for a service with request guards (401, 403 on every operation). */
    public static List<String> violationsWhenGuarded(JsonNode document) {
        return new OpenApiRules(document, true).check();
    }

    private List<String> check() {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : this.document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (METHODS.contains(operation.getKey())) {
                    checkOperation(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue(),
                            violations);
                }
            }
        }
        checkPatterns("", this.document, violations);
        return violations;
    }

    private void checkOperation(String name, JsonNode operation, List<String> violations) {
        JsonNode responses = operation.path("responses");
        for (Map.Entry<String, JsonNode> response : responses.properties()) {
            JsonNode answer = resolve(response.getValue());
            String status = response.getKey();
            if (status.startsWith("4") || status.startsWith("5")) {
                if (answer.path("content").path("application/problem+json").isMissingNode()) {
                    violations.add(name + ": " + status + " is not described as application/problem+json");
                }
            }
            if (status.equals("304") && !answer.path("content").isMissingNode() && !answer.path("content").isEmpty()) {
                violations.add(name + ": 304 is described with a body");
            }
        }
        require(name, responses, "503", violations);
        boolean answersABody = false;
        for (Map.Entry<String, JsonNode> response : responses.properties()) {
            if (response.getKey().startsWith("2") && !resolve(response.getValue()).path("content").isEmpty()
                    && !resolve(response.getValue()).path("content").isMissingNode()) {
                answersABody = true;
            }
        }
        if (answersABody) {
            require(name, responses, "406", violations);
        }
        if (this.guarded) {
            require(name, responses, "401", violations);
            require(name, responses, "403", violations);
        }
        JsonNode body = operation.path("requestBody");
        if (!body.isMissingNode()) {
            for (String status : List.of("400", "413", "415", "422")) {
                require(name, responses, status, violations);
            }
            for (Map.Entry<String, JsonNode> media : resolve(body).path("content").properties()) {
                JsonNode schema = resolve(media.getValue().path("schema"));
                if (schema.has("properties") && !schema.path("additionalProperties").isBoolean()) {
                    violations.add(name + ": the " + media.getKey()
                            + " body's schema does not say unknown fields are refused (additionalProperties: false)");
                }
            }
        }
        boolean query = false;
        boolean path = false;
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode resolved = resolve(parameter);
            String in = resolved.path("in").asString("");
            query |= in.equals("query");
            path |= in.equals("path");
            if (in.equals("query") && resolved.path("name").asString("").equals("limit")) {
                JsonNode schema = resolve(resolved.path("schema"));
                if (!schema.has("minimum") || !schema.has("maximum")) {
                    violations.add(name + ": the limit parameter has no minimum and maximum");
                }
            }
        }
        if (query) {
            require(name, responses, "422", violations);
        }
        if (path) {
            require(name, responses, "404", violations);
        }
    }

    private static void require(String name, JsonNode responses, String status, List<String> violations) {
        if (!responses.has(status)) {
            violations.add(name + ": " + status + " is not listed");
        }
    }

    private static void checkPatterns(String where, JsonNode node, List<String> violations) {
        if (node.isObject()) {
            JsonNode pattern = node.get("pattern");
            if (pattern != null && pattern.isString()) {
                String text = pattern.asString();
                if (!text.startsWith("^") || !text.endsWith("$")) {
                    violations.add(where + ": pattern " + text + " is not anchored (^...$)");
                }
            }
            for (Map.Entry<String, JsonNode> child : node.properties()) {
                if (!child.getKey().equals("example") && !child.getKey().equals("examples")) {
                    checkPatterns(where + "/" + child.getKey(), child.getValue(), violations);
                }
            }
        }
        else if (node.isArray()) {
            Iterator<JsonNode> items = node.iterator();
            for (int i = 0; items.hasNext(); i++) {
                checkPatterns(where + "/" + i, items.next(), violations);
            }
        }
    }

    /** The node a {@code $ref} points at (within the document), or the node itself. */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; hops < 10 && current.has("$ref"); hops++) {
            String ref = current.get("$ref").asString();
            if (!ref.startsWith("#/")) {
                return current;
            }
            JsonNode target = this.document;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            current = target;
        }
        return current;
    }

}
