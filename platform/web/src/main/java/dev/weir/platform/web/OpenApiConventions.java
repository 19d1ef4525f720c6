package dev.weir.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import dev.weir.platform.error.DatabaseUnavailable;

/**
 * Makes every service's OpenAPI document say what the services do, so that a client
 * generated from it works: snake_case schemas, a {@code Problem} schema with the field
 * errors, one named response per error kind (operations refer to them as
 * {@code ref = "NotFound"}), and on every operation the errors it can answer: 400, 413,
 * 415 and 422 with a body (whose schema refuses unknown fields,
 * {@code additionalProperties: false}, as the JSON reader does), 422 with query
 * parameters, 404 with path parameters, 406 when it answers a body, 401 and 403 when
 * request guards are installed, 503 always. A 304 has no body, and every pattern is
 * anchored ({@code ^...$}: Bean Validation matches a whole value, JSON Schema anywhere in
 * it).
 */
final class OpenApiConventions implements OpenApiCustomizer {

    private final java.util.function.BooleanSupplier guarded;

    /**
     * @param guarded whether the service has request guards (then every operation may
     * answer 401 and 403)
     */
    OpenApiConventions(java.util.function.BooleanSupplier guarded) {
        this.guarded = guarded;
    }

    /**
     * A model resolver that names properties as the JSON on the wire does (snake_case).
     */
    static ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper()
            .copy()
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE));
    }

    @Override
    public void customise(OpenAPI openApi) {
        Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
        openApi.setComponents(components);
        components.addSchemas("FieldError", fieldErrorSchema());
        components.addSchemas("Problem", problemSchema());
        response(components, "Malformed", 400,
                "The request is malformed: a body that is not valid JSON, or a URI or header that is not valid HTTP",
                "malformed-request", "Malformed request body",
                "The body is not valid JSON at line 1, column 15: Unexpected end-of-input", null);
        response(components, "NotFound", 404, "Not found", "not-found", "Customer not found",
                "No customer with customer_id '99999'.", null);
        response(components, "AlreadyExists", 409, "Already exists", "already-exists", "Customer exists",
                "A customer with customer_id '17850' already exists.", null);
        response(components, "Conflict", 409, "Conflicts with the current state", "customer-has-invoices",
                "Customer has invoices", "Customer '17850' has invoices and cannot be deleted.", null);
        response(components, "PreconditionFailed", 412, "If-Match does not match the current version",
                "precondition-failed", "Precondition failed",
                "Customer '17850' has changed since the version in If-Match.", null);
        response(components, "TooLarge", 413, "The body is larger than the service accepts", "payload-too-large",
                "Request body too large", "The request body has 2097152 bytes; the limit is 1048576 bytes.", null);
        response(components, "UnsupportedMediaType", 415, "The body is not JSON", "unsupported-media-type",
                "Unsupported media type", "Content-Type 'text/plain' is not supported here; send application/json.",
                null);
        response(components, "Invalid", 422, "A value is not acceptable; every offending field is named", "validation",
                "Invalid request", "customer_id (body) must not be blank",
                List.of(Map.of("field", "customer_id", "in", "body", "detail", "must not be blank")));
        response(components, "Unavailable", 503, "The database is not reachable; retry after Retry-After",
                "unavailable", "Service unavailable", DatabaseUnavailable.DETAIL, null);
        components.getResponses()
            .get("Unavailable")
            .addHeaderObject("Retry-After",
                    new Header().description("Seconds to wait before retrying").schema(new IntegerSchema()));
        response(components, "NotAcceptable", 406, "The client accepts no media type the operation answers",
                "not-acceptable", "Not acceptable", "Acceptable representations: [application/json].", null);
        boolean guards = this.guarded.getAsBoolean();
        if (guards) {
            response(components, "Unauthenticated", 401, "No valid credentials; WWW-Authenticate says which",
                    "unauthenticated", "Unauthenticated", "A valid bearer token is required.", null);
            response(components, "Forbidden", 403, "The credentials do not allow this operation", "forbidden",
                    "Forbidden", "The token does not carry the scope this operation needs.", null);
        }
        if (openApi.getPaths() != null) {
            openApi.getPaths()
                .values()
                .forEach((path) -> path.readOperations()
                    .forEach((operation) -> addCommonErrors(operation, path.getParameters(), components, guards)));
        }
        java.util.Set<Schema<?>> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach((schema) -> anchorPatterns(schema, seen));
        }
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach((path) -> path.readOperations().forEach((operation) -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach((parameter) -> anchorPatterns(parameter.getSchema(), seen));
                }
            }));
        }
    }

    private void addCommonErrors(Operation operation, List<io.swagger.v3.oas.models.parameters.Parameter> shared,
            Components components, boolean guards) {
        ApiResponses responses = operation.getResponses();
        if (operation.getRequestBody() != null) {
            responses.putIfAbsent("400", ref("Malformed"));
            responses.putIfAbsent("413", ref("TooLarge"));
            responses.putIfAbsent("415", ref("UnsupportedMediaType"));
            responses.putIfAbsent("422", ref("Invalid"));
            if (operation.getRequestBody().getContent() != null) {
                operation.getRequestBody()
                    .getContent()
                    .values()
                    .forEach((media) -> refuseUnknownFields(media.getSchema(), components));
            }
        }
        List<io.swagger.v3.oas.models.parameters.Parameter> parameters = new java.util.ArrayList<>();
        if (shared != null) {
            parameters.addAll(shared);
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        if (parameters.stream().anyMatch((parameter) -> "query".equals(parameter.getIn()))) {
            responses.putIfAbsent("422", ref("Invalid"));
        }
        if (parameters.stream().anyMatch((parameter) -> "path".equals(parameter.getIn()))) {
            responses.putIfAbsent("404", ref("NotFound"));
        }
        boolean answersABody = responses.entrySet()
            .stream()
            .anyMatch((entry) -> entry.getKey().startsWith("2") && entry.getValue().getContent() != null
                    && !entry.getValue().getContent().isEmpty());
        if (answersABody) {
            responses.putIfAbsent("406", ref("NotAcceptable"));
        }
        if (guards) {
            responses.putIfAbsent("401", ref("Unauthenticated"));
            responses.putIfAbsent("403", ref("Forbidden"));
        }
        ApiResponse notModified = responses.get("304");
        if (notModified != null) {
            // springdoc gives every response the method's body; a 304 has none
            notModified.setContent(null);
        }
        // the web server refuses a request that is not valid HTTP (a malformed escape in
        // the URI, a bad Host, an Accept that is not media types) before any operation
        responses.putIfAbsent("400", ref("Malformed"));
        responses.putIfAbsent("503", ref("Unavailable"));
    }

    /**
     * Says that a request body's object schema refuses unknown fields, as the service's
     * JSON reader does ({@code FAIL_ON_UNKNOWN_PROPERTIES}).
     */
    private static void refuseUnknownFields(Schema<?> schema, Components components) {
        if (schema == null) {
            return;
        }
        Schema<?> target = schema;
        if (schema.get$ref() != null && schema.get$ref().startsWith("#/components/schemas/")
                && components.getSchemas() != null) {
            target = components.getSchemas().get(schema.get$ref().substring("#/components/schemas/".length()));
        }
        if (target != null && target.getProperties() != null && !target.getProperties().isEmpty()) {
            target.setAdditionalProperties(false);
        }
    }

    /** Anchors every pattern in the schema and the schemas it holds. */
    private static void anchorPatterns(Schema<?> schema, java.util.Set<Schema<?>> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        String pattern = schema.getPattern();
        if (pattern != null && !(pattern.startsWith("^") && pattern.endsWith("$"))) {
            schema.setPattern("^(?:" + pattern + ")$");
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach((property) -> anchorPatterns(property, seen));
        }
        anchorPatterns(schema.getItems(), seen);
        for (List<Schema> group : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (group != null) {
                group.forEach((member) -> anchorPatterns(member, seen));
            }
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            anchorPatterns(additional, seen);
        }
    }

    private static ApiResponse ref(String name) {
        return new ApiResponse().$ref("#/components/responses/" + name);
    }

    private static void response(Components components, String name, int status, String description, String slug,
            String title, String detail, List<Map<String, String>> errors) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", Problems.TYPE_BASE + slug);
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        example.put("instance", "/customer/17850");
        if (errors != null) {
            example.put("errors", errors);
        }
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))
            .addExamples(name, new Example().value(example));
        components.addResponses(name,
                new ApiResponse().description(description)
                    .content(new Content()
                        .addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE, media)));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("An RFC 9457 problem. `type` is stable per kind of error.")
            .addProperty("type", new StringSchema().format("uri").example(Problems.TYPE_BASE + "not-found"))
            .addProperty("title", new StringSchema().example("Customer not found"))
            .addProperty("status", new IntegerSchema().example(404))
            .addProperty("detail", new StringSchema().example("No customer with customer_id '99999'."))
            .addProperty("instance", new StringSchema().format("uri-reference").example("/customer/99999"))
            .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
                .description("The offending fields, on validation errors (422)"));
    }

    private static Schema<?> fieldErrorSchema() {
        return new ObjectSchema().addProperty("field", new StringSchema().example("customer_id"))
            .addProperty("in", new StringSchema()._enum(List.of("body", "query", "path", "header")))
            .addProperty("detail", new StringSchema().example("must not be blank"));
    }

}
