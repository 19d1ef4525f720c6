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
 * Makes every service's OpenAPI document say what the services do: snake_case schemas, a
 * {@code Problem} schema with the field errors, one named response per error kind
 * (operations refer to them as {@code ref = "NotFound"}), and the errors any operation
 * can answer (400, 413, 415 for bodies; 503).
 */
final class OpenApiConventions implements OpenApiCustomizer {

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
        response(components, "Malformed", 400, "The body is not valid JSON", "malformed-request",
                "Malformed request body", "The body is not valid JSON at line 1, column 15: Unexpected end-of-input",
                null);
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
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach((path) -> path.readOperations().forEach(this::addCommonErrors));
        }
    }

    private void addCommonErrors(Operation operation) {
        ApiResponses responses = operation.getResponses();
        if (operation.getRequestBody() != null) {
            responses.putIfAbsent("400", ref("Malformed"));
            responses.putIfAbsent("413", ref("TooLarge"));
            responses.putIfAbsent("415", ref("UnsupportedMediaType"));
        }
        responses.putIfAbsent("503", ref("Unavailable"));
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
