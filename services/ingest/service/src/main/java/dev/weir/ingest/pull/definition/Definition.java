package dev.weir.ingest.pull.definition;

import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connector as the catalog knows it: where it comes from, its definition with overrides
 * applied, and either a valid config or its problems.
 *
 * @param name the connector's name
 * @param source where the definition comes from
 * @param location the file, resource or table it was read from
 * @param tree the definition with overrides applied (null if it is not YAML)
 * @param config the valid config, or null
 * @param problems every problem, empty when valid
 * @param overrides the overrides applied ({@code file /path}, {@code env NAME})
 * @param connector the Java connector, for {@link Source#JAVA}; null otherwise (the
 * engine then reads the definition with the declarative kinds)
 */
public record Definition(String name, Source source, String location, JsonNode tree, ConnectorConfig config,
        List<DefinitionProblem> problems, List<String> overrides, DefinedConnector connector) {

    private static final Set<String> SECRET_OPTIONS = Set.of("value", "token", "password", "client_secret");

    private static final Set<String> SECRET_WORDS = Set.of("authorization", "key", "token", "secret", "password",
            "signature", "cookie");

    public Definition(String name, Source source, String location, JsonNode tree, ConnectorConfig config,
            List<DefinitionProblem> problems, List<String> overrides) {
        this(name, source, location, tree, config, problems, overrides, null);
    }

    public Definition {
        problems = List.copyOf(problems);
        overrides = List.copyOf(overrides);
    }

    public boolean valid() {
        return this.config != null && this.problems.isEmpty();
    }

    /**
     * The valid definition to run.
     * @throws InvalidDefinitionException listing every problem, when it is not valid
     */
    public ConnectorConfig runnable() {
        if (!valid()) {
            throw new InvalidDefinitionException(this.name, this.problems);
        }
        return this.config;
    }

    /**
     * The definition with every secret masked: literal values of secret options and of
     * headers or parameters whose names look secret become {@code ****}; references
     * ({@code ${env:NAME}}) are shown as written.
     */
    public JsonNode maskedTree() {
        if (this.tree == null || !this.tree.isObject()) {
            return this.tree;
        }
        ObjectNode copy = (ObjectNode) this.tree.deepCopy();
        if (copy.get("auth") instanceof ObjectNode auth) {
            for (String option : SECRET_OPTIONS) {
                maskValue(auth, option);
            }
        }
        maskSecretLooking(copy.get("headers"));
        maskSecretLooking(copy.get("params"));
        if (copy.get("streams") != null) {
            for (JsonNode stream : copy.get("streams")) {
                maskSecretLooking(stream.get("headers"));
                maskSecretLooking(stream.get("params"));
            }
        }
        return copy;
    }

    private static void maskSecretLooking(JsonNode map) {
        if (map instanceof ObjectNode object) {
            for (String key : List.copyOf(object.propertyNames())) {
                String lower = key.toLowerCase(java.util.Locale.ROOT);
                if (SECRET_WORDS.stream().anyMatch(lower::contains)) {
                    maskValue(object, key);
                }
            }
        }
    }

    private static void maskValue(ObjectNode object, String key) {
        JsonNode value = object.get(key);
        if (value != null && value.isValueNode() && !value.isNull()) {
            object.put(key, new Secret(value.asString()).masked());
        }
    }

}
