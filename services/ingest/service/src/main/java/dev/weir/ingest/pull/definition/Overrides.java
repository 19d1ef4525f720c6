package dev.weir.ingest.pull.definition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Per-environment changes to a definition without editing it: an override file
 * {@code <connectors dir>/<name>.override.yml} merged over the definition (objects key by
 * key, the {@code streams} list by each stream's {@code name}, other lists replaced),
 * then environment variables {@code WEIR_CONNECTOR_<NAME>_<PATH>} (upper case, {@code _}
 * for {@code .} and {@code -}), which win.
 * <p>
 * A variable's path is resolved against the options that exist: names of options, list
 * elements by index or by their {@code name}, keys of maps (headers, params) that the
 * definition already has. A variable that names nothing is a problem of the connector, so
 * a typo never passes silently.
 */
public final class Overrides {

    static final String PREFIX = "WEIR_CONNECTOR_";

    private static final int ROUNDS = 4;

    private final Map<String, String> variables;

    private final Path connectorsDir;

    /**
     * @param variables environment variables (and other properties) by name; only those
     * starting with {@code WEIR_CONNECTOR_} are used
     * @param connectorsDir where override files are, or null for none
     */
    public Overrides(Map<String, String> variables, Path connectorsDir) {
        this.variables = variables.entrySet()
            .stream()
            .filter((e) -> e.getKey().startsWith(PREFIX) && e.getValue() != null)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        this.connectorsDir = connectorsDir;
    }

    /** No overrides at all. */
    public static Overrides none() {
        return new Overrides(Map.of(), null);
    }

    /**
     * The definition with this connector's overrides applied.
     * @param name the connector's name
     * @param tree the definition as written
     * @param allNames the names of every connector, so a variable goes to the connector
     * whose name is its longest prefix ({@code OPEN_METEO_...} to {@code open-meteo}, not
     * {@code open})
     */
    Applied apply(String name, JsonNode tree, Collection<String> allNames) {
        List<String> applied = new ArrayList<>();
        List<DefinitionProblem> problems = new ArrayList<>();
        JsonNode result = tree.deepCopy();
        Path file = (this.connectorsDir != null) ? this.connectorsDir.resolve(name + ".override.yml") : null;
        if (file != null && Files.isRegularFile(file)) {
            try {
                JsonNode overlay = ConnectorDefinitions.parseYaml(Files.readString(file));
                if (overlay != null && !overlay.isNull()) {
                    result = merge(result, overlay);
                }
                applied.add("file " + file);
            }
            catch (IOException ex) {
                problems.add(new DefinitionProblem(file.toString(), "cannot be read: " + ex.getMessage()));
            }
            catch (ConnectorDefinitions.YamlException ex) {
                problems.add(new DefinitionProblem(file.toString(), ex.getMessage()));
            }
        }
        Map<String, String> pending = variablesOf(name, allNames);
        for (int round = 0; round < ROUNDS && !pending.isEmpty(); round++) {
            OptionIndex index = DefinitionReader.read(result).index();
            boolean progressed = false;
            for (Iterator<Map.Entry<String, String>> it = pending.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, String> variable = it.next();
                String rest = variable.getKey().substring((PREFIX + normalise(name) + "_").length());
                Resolution resolution = resolve(rest.split("_"), result, index);
                if (resolution.path() != null) {
                    result = set(result, resolution.path(), value(variable.getValue()));
                    applied.add("env " + variable.getKey());
                    it.remove();
                    progressed = true;
                }
            }
            if (!progressed) {
                break;
            }
        }
        if (!pending.isEmpty()) {
            JsonNode last = result;
            OptionIndex index = DefinitionReader.read(last).index();
            pending.forEach((variable, value) -> problems.add(new DefinitionProblem(variable,
                    resolve(variable.substring((PREFIX + normalise(name) + "_").length()).split("_"), last, index)
                        .error())));
        }
        return new Applied(result, applied, problems);
    }

    /** The variables that start with no known connector's prefix. */
    public List<String> unmatched(Collection<String> allNames) {
        return this.variables.keySet()
            .stream()
            .filter((variable) -> allNames.stream().noneMatch((name) -> variable.startsWith(prefix(name))))
            .sorted()
            .toList();
    }

    private Map<String, String> variablesOf(String name, Collection<String> allNames) {
        String prefix = prefix(name);
        Map<String, String> mine = new LinkedHashMap<>();
        this.variables.forEach((variable, value) -> {
            boolean longerClaim = allNames.stream()
                .anyMatch((other) -> other.length() > name.length() && variable.startsWith(prefix(other)));
            if (variable.startsWith(prefix) && variable.length() > prefix.length() && !longerClaim) {
                mine.put(variable, value);
            }
        });
        return mine;
    }

    static String prefix(String name) {
        return PREFIX + normalise(name) + "_";
    }

    static String normalise(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** The outcome: the tree, what was applied, and variables that named nothing. */
    record Applied(JsonNode tree, List<String> applied, List<DefinitionProblem> problems) {
    }

    private record Resolution(List<Object> path, String error) {

        static Resolution found(List<Object> path) {
            return new Resolution(path, null);
        }

        static Resolution error(String error) {
            return new Resolution(null, error);
        }

    }

    private static Resolution resolve(String[] tokens, JsonNode tree, OptionIndex index) {
        List<Object> path = new ArrayList<>();
        String objectPath = "";
        JsonNode node = tree;
        int i = 0;
        while (true) {
            Map<String, OptionIndex.Kind> options = index.optionsOf(objectPath);
            String best = null;
            int bestLength = 0;
            for (String key : options.keySet()) {
                String[] keyTokens = normalise(key).split("_");
                if (keyTokens.length > bestLength && startsWith(tokens, i, keyTokens)) {
                    best = key;
                    bestLength = keyTokens.length;
                }
            }
            String where = objectPath.isEmpty() ? "the top level" : objectPath;
            if (best == null) {
                return Resolution.error("names no option: nothing at " + where + " is called "
                        + String.join("_", java.util.Arrays.copyOfRange(tokens, i, tokens.length)) + " (options: "
                        + String.join(", ", options.keySet()) + ")");
            }
            i += bestLength;
            path.add(best);
            OptionIndex.Kind kind = options.get(best);
            JsonNode child = (node != null) ? node.get(best) : null;
            String childPath = objectPath.isEmpty() ? best : objectPath + "." + best;
            switch (kind) {
                case VALUE -> {
                    return (i == tokens.length) ? Resolution.found(path)
                            : Resolution.error(childPath + " is a single value: it has no options");
                }
                case OBJECT -> {
                    if (i == tokens.length) {
                        return Resolution.error(childPath + " is a group of options: name one of them");
                    }
                    objectPath = childPath;
                    node = child;
                }
                case MAP -> {
                    String rest = String.join("_", java.util.Arrays.copyOfRange(tokens, i, tokens.length));
                    if (child != null && child.isObject()) {
                        for (String key : child.propertyNames()) {
                            if (normalise(key).equals(rest)) {
                                path.add(key);
                                return Resolution.found(path);
                            }
                        }
                    }
                    return Resolution.error(childPath + " has no key matching " + rest
                            + ": variables change existing keys; add new ones in the override file");
                }
                case LIST -> {
                    if (i == tokens.length || child == null || !child.isArray()) {
                        return Resolution.error(childPath + " is a list: name an element by index or name");
                    }
                    int element = -1;
                    int used = 0;
                    if (tokens[i].matches("[0-9]+")) {
                        element = Integer.parseInt(tokens[i]);
                        used = 1;
                    }
                    else {
                        for (int e = 0; e < child.size(); e++) {
                            JsonNode elementName = child.get(e).get("name");
                            if (elementName != null && elementName.isValueNode()) {
                                String[] nameTokens = normalise(elementName.asString()).split("_");
                                if (nameTokens.length > used && startsWith(tokens, i, nameTokens)) {
                                    element = e;
                                    used = nameTokens.length;
                                }
                            }
                        }
                    }
                    if (element < 0 || element >= child.size()) {
                        return Resolution.error(childPath + " has no element " + tokens[i]);
                    }
                    i += used;
                    path.add(element);
                    objectPath = childPath + "[" + element + "]";
                    node = child.get(element);
                }
            }
        }
    }

    private static boolean startsWith(String[] tokens, int from, String[] prefix) {
        if (from + prefix.length > tokens.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (!tokens[from + i].equals(prefix[i])) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode value(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
            try {
                return ConnectorDefinitions.parseYaml(trimmed);
            }
            catch (ConnectorDefinitions.YamlException ex) {
                // taken as text; the reader says what is wrong with it
            }
        }
        return JsonNodeFactory.instance.stringNode(text);
    }

    private static JsonNode set(JsonNode tree, List<Object> path, JsonNode value) {
        ObjectNode root = tree.isObject() ? (ObjectNode) tree : JsonNodeFactory.instance.objectNode();
        JsonNode current = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            JsonNode next = (step instanceof Integer index) ? current.get(index) : current.get((String) step);
            if (next == null || !next.isContainer()) {
                next = JsonNodeFactory.instance.objectNode();
                ((ObjectNode) current).set((String) step, next);
            }
            current = next;
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) current).set(index, value);
        }
        else {
            ((ObjectNode) current).set((String) last, value);
        }
        return root;
    }

    /**
     * {@code overlay} merged over {@code base} (a new tree). Only the top-level
     * {@code streams} list merges by {@code name}: other lists whose elements happen to
     * carry a {@code name} (the cities of a {@code for_each}) are data, replaced whole,
     * so an override can remove an element.
     */
    static JsonNode merge(JsonNode base, JsonNode overlay) {
        return merge(base, overlay, true);
    }

    private static JsonNode merge(JsonNode base, JsonNode overlay, boolean top) {
        if (base == null || !base.isObject() || !overlay.isObject()) {
            return overlay.deepCopy();
        }
        ObjectNode merged = (ObjectNode) base.deepCopy();
        for (Map.Entry<String, JsonNode> entry : overlay.properties()) {
            JsonNode existing = merged.get(entry.getKey());
            JsonNode value = entry.getValue();
            if (existing != null && existing.isObject() && value.isObject()) {
                merged.set(entry.getKey(), merge(existing, value, false));
            }
            else if (top && "streams".equals(entry.getKey()) && existing != null && existing.isArray()
                    && value.isArray() && named(existing) && named(value)) {
                merged.set(entry.getKey(), mergeByName((ArrayNode) existing, (ArrayNode) value));
            }
            else {
                merged.set(entry.getKey(), value.deepCopy());
            }
        }
        return merged;
    }

    private static boolean named(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isObject() || element.get("name") == null) {
                return false;
            }
        }
        return !array.isEmpty();
    }

    private static ArrayNode mergeByName(ArrayNode base, ArrayNode overlay) {
        ArrayNode merged = base.deepCopy();
        for (JsonNode element : overlay) {
            String name = element.get("name").asString();
            boolean found = false;
            for (int i = 0; i < merged.size(); i++) {
                if (name.equals(merged.get(i).get("name").asString())) {
                    merged.set(i, merge(merged.get(i), element, false));
                    found = true;
                }
            }
            if (!found) {
                merged.add(element.deepCopy());
            }
        }
        return merged;
    }

}
