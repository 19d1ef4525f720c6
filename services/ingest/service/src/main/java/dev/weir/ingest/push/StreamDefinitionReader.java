package dev.weir.ingest.push;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import dev.weir.platform.error.FieldError;

/**
 * Reads a stream declaration (YAML or JSON) and checks it whole: every problem is
 * reported at once, each naming its field.
 */
final class StreamDefinitionReader {

    /** Stream names: they name topics and lake datasets. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,59}");

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private StreamDefinitionReader() {
    }

    /**
     * The declaration, or the problems that keep it from being one.
     * @param name the name it must have (its file or path); null to take the one it says
     */
    static Result read(String name, StreamDefinition.Source source, String text) {
        List<FieldError> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = YAML.readTree(text);
        }
        catch (JacksonException ex) {
            return new Result(null,
                    List.of(FieldError.body("(definition)", "is not YAML or JSON: " + ex.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            return new Result(null, List.of(FieldError.body("(definition)", "must be a mapping")));
        }
        String declared = text(root, "name");
        String effective = (name != null) ? name : declared;
        if (effective == null || !NAME.matcher(effective).matches()) {
            problems.add(FieldError.body("name",
                    "must be 1 to 60 lower case letters, digits, _ and - (it names the topic weir.raw.<name>)"));
        }
        else if (effective.equals("streams")) {
            problems.add(FieldError.body("name", "'streams' is reserved (GET /events/streams lists the streams)"));
        }
        if (name != null && declared != null && !declared.equals(name)) {
            problems.add(FieldError.body("name", "says '" + declared + "' but the stream is '" + name + "'"));
        }
        JsonNode versionNode = root.get("version");
        int version = 0;
        if (versionNode == null || !versionNode.isIntegralNumber() || versionNode.asLong() < 1
                || versionNode.asLong() > Integer.MAX_VALUE) {
            problems.add(FieldError.body("version", "must be a positive integer"));
        }
        else {
            version = versionNode.asInt();
        }
        String key = text(root, "key");
        String time = text(root, "time");
        JsonNode schema = root.get("schema");
        if (schema == null || !schema.isObject()) {
            problems.add(FieldError.body("schema", "must be a JSON Schema (a mapping) of one event"));
        }
        else {
            JsonNode type = schema.get("type");
            if (type == null || !type.isString() || !type.asString().equals("object")) {
                problems.add(FieldError.body("schema.type", "must be 'object': an event is a JSON object"));
            }
            try {
                compile(schema);
            }
            catch (RuntimeException ex) {
                problems.add(FieldError.body("schema", "is not a valid JSON Schema: " + ex.getMessage()));
            }
        }
        checkField(problems, "key", key, schema);
        checkField(problems, "time", time, schema);
        for (var field : root.properties()) {
            if (!List.of("name", "version", "description", "key", "time", "schema").contains(field.getKey())) {
                problems.add(FieldError.body(field.getKey(),
                        "is not a known field (known: name, version, description, key, time, schema)"));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        String description = text(root, "description");
        return new Result(new StreamDefinition(effective, version, (description != null) ? description : "", key, time,
                schema, source, text), List.of());
    }

    /** The validator of a schema, compiled once per stream version. */
    static com.networknt.schema.Schema compile(JsonNode schema) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                (builder) -> builder.schemaRegistryConfig(com.networknt.schema.SchemaRegistryConfig.builder()
                    .pathType(com.networknt.schema.path.PathType.JSON_POINTER)
                    .formatAssertionsEnabled(true)
                    .build()));
        com.networknt.schema.Schema compiled = registry.getSchema(schema);
        compiled.initializeValidators();
        return compiled;
    }

    /** The JSON Pointer of a field given as a property name or a pointer. */
    static String pointer(String field) {
        return field.startsWith("/") ? field : "/" + field.replace("~", "~0").replace("/", "~1");
    }

    private static void checkField(List<FieldError> problems, String name, String field, JsonNode schema) {
        if (field == null || field.isBlank()) {
            problems.add(FieldError.body(name, "must name a field of the event"));
            return;
        }
        if (schema != null && schema.isObject() && !field.startsWith("/")) {
            JsonNode properties = schema.get("properties");
            if (properties == null || !properties.has(field)) {
                problems.add(FieldError.body(name, "names '" + field + "', which the schema does not declare"));
            }
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return (node != null && node.isString()) ? node.asString() : null;
    }

    /** A declaration, or its problems. */
    record Result(StreamDefinition definition, List<FieldError> problems) {
    }

}
