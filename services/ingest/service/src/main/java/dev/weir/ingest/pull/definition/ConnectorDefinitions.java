package dev.weir.ingest.pull.definition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads connector definitions: YAML text to a tree, overrides applied, then validated
 * into a {@link ConnectorConfig} or a list of every problem.
 */
public final class ConnectorDefinitions {

    private static final YAMLMapper YAML = YAMLMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    private ConnectorDefinitions() {
    }

    /**
     * A YAML (or JSON) document as a tree.
     * @throws YamlException when the text is not YAML; the message says where
     */
    public static JsonNode parseYaml(String text) {
        try {
            JsonNode tree = YAML.readTree(text);
            return (tree != null && !tree.isMissingNode()) ? tree : null;
        }
        catch (JacksonException ex) {
            String where = (ex.getLocation() != null)
                    ? "line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ": " : "";
            throw new YamlException("is not valid YAML: " + where + ex.getOriginalMessage());
        }
    }

    /**
     * Reads a definition with no overrides (tests, Java connectors).
     * @throws InvalidDefinitionException listing every problem
     */
    public static ConnectorConfig read(String yaml) {
        JsonNode tree;
        try {
            tree = parseYaml(yaml);
        }
        catch (YamlException ex) {
            throw new InvalidDefinitionException("(unnamed)",
                    List.of(new DefinitionProblem("(yaml)", ex.getMessage())));
        }
        DefinitionReader.Result result = DefinitionReader.read(tree);
        if (!result.valid()) {
            throw new InvalidDefinitionException(nameOf(tree, "(unnamed)"), result.problems());
        }
        return result.config();
    }

    /**
     * A definition from one source, with overrides applied and validated.
     * @param expectedName the name the source gives it (file name, API path), which the
     * definition's {@code name} must match; null when the definition names itself
     */
    static Definition define(String expectedName, Source source, String location, String yaml, Overrides overrides,
            Collection<String> allNames) {
        JsonNode tree;
        try {
            tree = parseYaml(yaml);
        }
        catch (YamlException ex) {
            return new Definition(expectedName, source, location, null, null,
                    List.of(new DefinitionProblem("(yaml)", ex.getMessage())), List.of());
        }
        String name = (expectedName != null) ? expectedName : nameOf(tree, null);
        List<DefinitionProblem> problems = new ArrayList<>();
        if (tree == null || !tree.isObject()) {
            return new Definition(name, source, location, tree, null,
                    List.of(new DefinitionProblem("(definition)", "must be an object of options")), List.of());
        }
        String written = nameOf(tree, null);
        if (expectedName != null && written != null && !expectedName.equals(written)) {
            problems.add(new DefinitionProblem("name",
                    "is '" + written + "' but the definition is stored as '" + expectedName + "': they must match"));
        }
        if (expectedName != null && written == null) {
            ((tools.jackson.databind.node.ObjectNode) tree).put("name", expectedName);
        }
        Overrides.Applied applied = (name != null) ? overrides.apply(name, tree, allNames)
                : new Overrides.Applied(tree, List.of(), List.of());
        DefinitionReader.Result result = DefinitionReader.read(applied.tree());
        problems.addAll(applied.problems());
        problems.addAll(result.problems());
        return new Definition(name, source, location, applied.tree(), problems.isEmpty() ? result.config() : null,
                problems, applied.applied());
    }

    static String nameOf(JsonNode tree, String fallback) {
        JsonNode name = (tree != null) ? tree.get("name") : null;
        return (name != null && name.isValueNode() && !name.isNull()) ? name.asString() : fallback;
    }

    /** Text that is not YAML. */
    public static final class YamlException extends RuntimeException {

        YamlException(String message) {
            super(message);
        }

    }

}
