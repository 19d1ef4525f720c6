package dev.weir.ingest.pull.definition;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * {@code {{name.field.sub}}} templates in paths, parameters, headers and added fields:
 * replaced by a field of the value a partition is bound to (a parent record, a
 * {@code for_each} value).
 */
public final class Templates {

    static final Pattern PLACEHOLDER = Pattern
        .compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)((?:\\.[A-Za-z0-9_]+)*)\\s*}}");

    private Templates() {
    }

    /**
     * The text with each placeholder replaced.
     * @throws IllegalArgumentException when a placeholder names something unbound or a
     * field the value does not have
     */
    public static String render(String template, Map<String, JsonNode> bindings) {
        if (template == null || !template.contains("{{")) {
            return template;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            JsonNode bound = bindings.get(matcher.group(1));
            if (bound == null) {
                throw new IllegalArgumentException("{{" + matcher.group(1) + "}} is not bound");
            }
            String fields = matcher.group(2);
            JsonNode value = fields.isEmpty() ? bound : field(bound, fields.substring(1));
            if (value == null || value.isNull() || value.isContainer()) {
                throw new IllegalArgumentException(
                        "{{" + matcher.group(1) + fields + "}} has no value in " + truncate(bound.toString()));
            }
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value.asString()));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }

    /**
     * The value of a template: the bound JSON value itself (a number stays a number) when
     * the template is one placeholder and nothing else, the rendered text otherwise.
     */
    public static JsonNode value(String template, Map<String, JsonNode> bindings) {
        Matcher whole = PLACEHOLDER.matcher(template.strip());
        if (whole.matches()) {
            JsonNode bound = bindings.get(whole.group(1));
            JsonNode value = (bound == null) ? null
                    : whole.group(2).isEmpty() ? bound : field(bound, whole.group(2).substring(1));
            if (value != null && value.isValueNode() && !value.isNull()) {
                return value;
            }
        }
        return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(render(template, bindings));
    }

    /** The names a template's placeholders refer to. */
    static Set<String> roots(String template) {
        Set<String> roots = new LinkedHashSet<>();
        if (template != null) {
            Matcher matcher = PLACEHOLDER.matcher(template);
            while (matcher.find()) {
                roots.add(matcher.group(1));
            }
        }
        return roots;
    }

    /** Whether the text holds something that looks like a placeholder but is not one. */
    static boolean malformed(String template) {
        return template != null && PLACEHOLDER.matcher(template).replaceAll("").contains("{{");
    }

    /** A field of a JSON value by dotted path ({@code scores.Hygiene}), or null. */
    public static JsonNode field(JsonNode value, String dottedPath) {
        JsonNode current = value;
        for (String part : dottedPath.split("\\.")) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(part);
        }
        return current;
    }

    private static String truncate(String text) {
        return (text.length() <= 120) ? text : text.substring(0, 117) + "...";
    }

}
