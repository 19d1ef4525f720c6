package dev.weir.ingest.pull.definition;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Reads the options of one object of a definition, collecting problems instead of
 * stopping at the first: a missing required option, a value of the wrong type or out of
 * range, an option nobody asked for ({@link #finish()}). Each option is declared once, at
 * the call that reads it, with its default and its limits; the call also records it in
 * the {@link OptionIndex}.
 */
final class ConfigReader {

    private final JsonNode node;

    private final String path;

    private final List<DefinitionProblem> problems;

    private final OptionIndex index;

    private final Set<String> known = new LinkedHashSet<>();

    ConfigReader(JsonNode node, String path, List<DefinitionProblem> problems, OptionIndex index) {
        this.node = (node != null) ? node : MissingNode.getInstance();
        this.path = path;
        this.problems = problems;
        this.index = index;
    }

    /** Whether the option is given as an object of options. */
    boolean isObject(String key) {
        JsonNode value = this.node.get(key);
        return value != null && value.isObject();
    }

    /** Whether the option is given (and not null). */
    boolean has(String key) {
        JsonNode value = this.node.get(key);
        return value != null && !value.isNull();
    }

    String path(String key) {
        return this.path.isEmpty() ? key : this.path + "." + key;
    }

    void problem(String key, String message) {
        this.problems.add(new DefinitionProblem(path(key), message));
    }

    /** The raw value of an option, or null; declares the option. */
    JsonNode raw(String key, OptionIndex.Kind kind) {
        this.known.add(key);
        this.index.add(this.path, key, kind);
        JsonNode value = this.node.get(key);
        return (value == null || value.isNull()) ? null : value;
    }

    String text(String key, String defaultValue) {
        JsonNode value = raw(key, OptionIndex.Kind.VALUE);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isValueNode()) {
            problem(key, "must be a single value, not " + describe(value));
            return defaultValue;
        }
        return value.asString();
    }

    String requiredText(String key) {
        String value = text(key, null);
        if (value == null && !isWrongType(key)) {
            problem(key, "is required");
        }
        else if (value != null && value.isBlank()) {
            problem(key, "must not be blank");
            return null;
        }
        return value;
    }

    int integer(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max);
    }

    long longValue(String key, long defaultValue, long min, long max) {
        JsonNode value = raw(key, OptionIndex.Kind.VALUE);
        if (value == null) {
            return defaultValue;
        }
        long number;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            number = value.longValue();
        }
        else if (value.isString() && value.asString().strip().matches("-?[0-9]{1,18}")) {
            number = Long.parseLong(value.asString().strip());
        }
        else {
            problem(key, "must be a whole number, got " + describe(value));
            return defaultValue;
        }
        if (number < min || number > max) {
            problem(key, "must be between " + min + " and " + max + ", got " + number);
            return defaultValue;
        }
        return number;
    }

    double number(String key, double defaultValue, double min, double max) {
        JsonNode value = raw(key, OptionIndex.Kind.VALUE);
        if (value == null) {
            return defaultValue;
        }
        double number;
        if (value.isNumber()) {
            number = value.doubleValue();
        }
        else {
            try {
                number = Double.parseDouble(value.asString().strip());
            }
            catch (NumberFormatException ex) {
                problem(key, "must be a number, got " + describe(value));
                return defaultValue;
            }
        }
        if (!(number >= min && number <= max)) {
            problem(key, "must be between " + plain(min) + " and " + plain(max) + ", got " + plain(number));
            return defaultValue;
        }
        return number;
    }

    Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        JsonNode value = raw(key, OptionIndex.Kind.VALUE);
        if (value == null) {
            return defaultValue;
        }
        String text = value.asString().strip();
        Duration duration;
        try {
            if (!value.isString() || text.matches("[0-9]+")) {
                throw new IllegalArgumentException("no unit");
            }
            duration = DurationStyle.detectAndParse(text);
        }
        catch (RuntimeException ex) {
            problem(key, "must be a duration with a unit (500ms, 30s, 5m, 2h, 1d), got " + describe(value));
            return defaultValue;
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            problem(key, "must be between " + DurationStyle.SIMPLE.print(min) + " and "
                    + DurationStyle.SIMPLE.print(max) + ", got " + text);
            return defaultValue;
        }
        return duration;
    }

    DataSize dataSize(String key, DataSize defaultValue, DataSize min, DataSize max) {
        JsonNode value = raw(key, OptionIndex.Kind.VALUE);
        if (value == null) {
            return defaultValue;
        }
        DataSize size;
        try {
            size = DataSize.parse(value.asString().strip());
        }
        catch (RuntimeException ex) {
            problem(key, "must be a size (512KB, 16MB), got " + describe(value));
            return defaultValue;
        }
        if (size.compareTo(min) < 0 || size.compareTo(max) > 0) {
            problem(key, "must be between " + min + " and " + max + ", got " + size);
            return defaultValue;
        }
        return size;
    }

    /** One of an enum's constants, written in lower case ({@code page_number}). */
    <E extends Enum<E>> E choice(String key, E defaultValue, Class<E> type) {
        JsonNode value = raw(key, OptionIndex.Kind.VALUE);
        if (value == null) {
            return defaultValue;
        }
        String text = value.asString().strip();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
                return constant;
            }
        }
        problem(key, "must be one of " + choices(type) + ", got " + describe(value));
        return defaultValue;
    }

    static <E extends Enum<E>> String choices(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants())
            .map((constant) -> constant.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    }

    URI url(String key, boolean required) {
        String text = required ? requiredText(key) : text(key, null);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text.strip());
            if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                problem(key, "must be an absolute http or https URL, got '" + text + "'");
                return null;
            }
            return uri;
        }
        catch (java.net.URISyntaxException ex) {
            problem(key, "is not a valid URL: " + ex.getReason());
            return null;
        }
    }

    /** A map of free keys to text (numbers and booleans are taken as text). */
    Map<String, String> textMap(String key) {
        JsonNode value = raw(key, OptionIndex.Kind.MAP);
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null) {
            return map;
        }
        if (!value.isObject()) {
            problem(key, "must be a map of names to values, not " + describe(value));
            return map;
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (entry.getValue() == null || entry.getValue().isNull() || !entry.getValue().isValueNode()) {
                this.problems.add(new DefinitionProblem(path(key) + "." + entry.getKey(),
                        "must be a single value, not " + describe(entry.getValue())));
            }
            else {
                map.put(entry.getKey(), entry.getValue().asString());
            }
        }
        return map;
    }

    /** A list of text values; a single value counts as a list of one. */
    List<String> textList(String key) {
        JsonNode value = raw(key, OptionIndex.Kind.VALUE);
        List<String> list = new ArrayList<>();
        if (value == null) {
            return list;
        }
        if (value.isValueNode()) {
            list.add(value.asString());
            return list;
        }
        if (!value.isArray()) {
            problem(key, "must be a value or a list of values, not " + describe(value));
            return list;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (element.isValueNode() && !element.isNull()) {
                list.add(element.asString());
            }
            else {
                this.problems.add(new DefinitionProblem(path(key) + "[" + i + "]",
                        "must be a single value, not " + describe(element)));
            }
        }
        return list;
    }

    /** The reader of a nested object; an absent one reads as empty. */
    ConfigReader object(String key) {
        JsonNode value = raw(key, OptionIndex.Kind.OBJECT);
        if (value != null && !value.isObject()) {
            problem(key, "must be an object of options, not " + describe(value));
            value = null;
        }
        return new ConfigReader(value, path(key), this.problems, this.index);
    }

    /** Readers of a list of objects. */
    List<ConfigReader> objects(String key) {
        JsonNode value = raw(key, OptionIndex.Kind.LIST);
        List<ConfigReader> readers = new ArrayList<>();
        if (value == null) {
            return readers;
        }
        if (!value.isArray()) {
            problem(key, "must be a list, not " + describe(value));
            return readers;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String elementPath = path(key) + "[" + i + "]";
            if (!element.isObject()) {
                this.problems.add(new DefinitionProblem(elementPath, "must be an object, not " + describe(element)));
                continue;
            }
            readers.add(new ConfigReader(element, elementPath, this.problems, this.index));
        }
        return readers;
    }

    /** The raw JSON values of a list (for {@code for_each.values}). */
    List<JsonNode> values(String key) {
        JsonNode value = raw(key, OptionIndex.Kind.VALUE);
        List<JsonNode> values = new ArrayList<>();
        if (value == null) {
            return values;
        }
        if (!value.isArray()) {
            problem(key, "must be a list, not " + describe(value));
            return values;
        }
        value.forEach(values::add);
        return values;
    }

    /** Whether this object was given at all. */
    boolean present() {
        return !this.node.isMissingNode();
    }

    /** Reports the options given here that no one asked for. */
    void finish() {
        for (String name : this.node.propertyNames()) {
            if (!this.known.contains(name)) {
                this.problems.add(new DefinitionProblem(path(name),
                        "is not a known option here (known: " + String.join(", ", this.known) + ")"));
            }
        }
    }

    private boolean isWrongType(String key) {
        String target = path(key) + ":";
        return this.problems.stream().anyMatch((p) -> (p.path() + ":").equals(target));
    }

    static String describe(JsonNode value) {
        if (value == null || value.isNull()) {
            return "nothing";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        String text = value.asString();
        return "'" + ((text.length() > 60) ? text.substring(0, 57) + "..." : text) + "'";
    }

    private static String plain(double number) {
        return (number == Math.rint(number) && Math.abs(number) < 1e15) ? Long.toString((long) number)
                : Double.toString(number);
    }

}
