package dev.weir.ingest.push;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.weir.platform.kafka.EventTimes;
import tools.jackson.databind.JsonNode;

/**
 * A quick first look at events whose stream schema is flat: an object of named
 * properties, each with a type and the simple limits of strings and numbers. Most pushed
 * events are valid, and proving that with a few comparisons costs a fraction of the
 * general validator's walk (docs/design/push-speed.md).
 * <p>
 * It only ever answers "certainly valid" or "ask the validator": an event it passes
 * satisfies every keyword of the schema with the meaning the general validator gives it;
 * anything it is not sure of (a keyword it does not know, a string with characters
 * outside the Basic Multilingual Plane, {@code 1.0} where an integer is asked for, a
 * number of extreme size, a date-time in a rarer form) goes to the validator, which finds
 * the errors and words them. {@link #of} declines a schema with any keyword it does not
 * know.
 */
final class FlatSchema {

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    /** Keywords that only annotate: they never make an event invalid. */
    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "$comment", "default", "examples",
            "deprecated");

    /**
     * Numbers with more digits than this before or after the point go to the validator.
     */
    private static final int ORDINARY_DIGITS = 30;

    private final Set<String> required;

    private final boolean closed;

    private final Map<String, Property> properties;

    private FlatSchema(Set<String> required, boolean closed, Map<String, Property> properties) {
        this.required = required;
        this.closed = closed;
        this.properties = properties;
    }

    /**
     * The quick check of a schema, or null if the schema uses anything it does not know.
     */
    static FlatSchema of(JsonNode schema) {
        if (schema == null || !schema.isObject() || !"object".equals(text(schema.get("type")))) {
            return null;
        }
        Set<String> required = new HashSet<>();
        boolean closed = false;
        Map<String, Property> properties = new HashMap<>();
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            JsonNode value = keyword.getValue();
            switch (keyword.getKey()) {
                case "$schema" -> {
                    if (!DRAFT_2020_12.equals(text(value))) {
                        return null;
                    }
                }
                case "type", "$id" -> {
                    // type is object (above); an $id names the schema and changes nothing
                    // here
                }
                case "required" -> {
                    if (!value.isArray()) {
                        return null;
                    }
                    for (JsonNode name : value) {
                        if (!name.isString()) {
                            return null;
                        }
                        required.add(name.asString());
                    }
                }
                case "additionalProperties" -> {
                    if (!value.isBoolean()) {
                        return null;
                    }
                    closed = !value.asBoolean();
                }
                case "properties" -> {
                    if (!value.isObject()) {
                        return null;
                    }
                    for (Map.Entry<String, JsonNode> property : value.properties()) {
                        Property compiled = Property.of(property.getValue());
                        if (compiled == null) {
                            return null;
                        }
                        properties.put(property.getKey(), compiled);
                    }
                }
                default -> {
                    if (!ANNOTATIONS.contains(keyword.getKey())) {
                        return null;
                    }
                }
            }
        }
        return new FlatSchema(Set.copyOf(required), closed, Map.copyOf(properties));
    }

    /**
     * Whether the event certainly satisfies the schema; false means only that the
     * validator must look.
     */
    boolean certainlyValid(JsonNode event) {
        if (!event.isObject()) {
            return false;
        }
        for (String name : this.required) {
            if (!event.has(name)) {
                return false;
            }
        }
        for (Map.Entry<String, JsonNode> field : event.properties()) {
            Property property = this.properties.get(field.getKey());
            if (property == null) {
                if (this.closed) {
                    return false;
                }
            }
            else if (!property.certainlyValid(field.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode node) {
        return (node != null && node.isString()) ? node.asString() : null;
    }

    /** A property's schema: its types and limits. */
    private record Property(Set<String> types, Integer minLength, Integer maxLength, Set<String> strings,
            boolean dateTime, BigDecimal minimum, BigDecimal maximum, BigDecimal exclusiveMinimum,
            BigDecimal exclusiveMaximum) {

        private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "null", "object",
                "array");

        static Property of(JsonNode schema) {
            if (!schema.isObject()) {
                return null;
            }
            Set<String> types = null;
            Integer minLength = null;
            Integer maxLength = null;
            Set<String> strings = null;
            boolean dateTime = false;
            BigDecimal[] limits = new BigDecimal[4];
            for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
                JsonNode value = keyword.getValue();
                switch (keyword.getKey()) {
                    case "type" -> {
                        types = types(value);
                        if (types == null) {
                            return null;
                        }
                    }
                    case "minLength", "maxLength" -> {
                        if (!value.isInt() || value.asInt() < 0) {
                            return null;
                        }
                        if (keyword.getKey().equals("minLength")) {
                            minLength = value.asInt();
                        }
                        else {
                            maxLength = value.asInt();
                        }
                    }
                    case "enum" -> {
                        if (!value.isArray() || value.isEmpty()) {
                            return null;
                        }
                        strings = new HashSet<>();
                        for (JsonNode member : value) {
                            if (!member.isString()) {
                                return null;
                            }
                            strings.add(member.asString());
                        }
                    }
                    case "format" -> {
                        if (!"date-time".equals(text(value))) {
                            return null;
                        }
                        dateTime = true;
                    }
                    case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> {
                        if (!value.isNumber()) {
                            return null;
                        }
                        int slot = List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
                            .indexOf(keyword.getKey());
                        limits[slot] = value.decimalValue();
                    }
                    default -> {
                        if (!ANNOTATIONS.contains(keyword.getKey())) {
                            return null;
                        }
                    }
                }
            }
            return new Property(types, minLength, maxLength, (strings != null) ? Set.copyOf(strings) : null, dateTime,
                    limits[0], limits[1], limits[2], limits[3]);
        }

        private static Set<String> types(JsonNode value) {
            if (value.isString()) {
                return TYPES.contains(value.asString()) ? Set.of(value.asString()) : null;
            }
            if (!value.isArray() || value.isEmpty()) {
                return null;
            }
            Set<String> types = new HashSet<>();
            for (JsonNode type : value) {
                if (!type.isString() || !TYPES.contains(type.asString())) {
                    return null;
                }
                types.add(type.asString());
            }
            return Set.copyOf(types);
        }

        boolean certainlyValid(JsonNode value) {
            if (value.isString()) {
                return typeAllows("string") && stringValid(value.asString());
            }
            if (value.isNumber()) {
                return numberValid(value);
            }
            if (value.isBoolean()) {
                return typeAllows("boolean") && this.strings == null;
            }
            if (value.isNull()) {
                return typeAllows("null") && this.strings == null;
            }
            if (value.isObject()) {
                return typeAllows("object") && this.strings == null;
            }
            if (value.isArray()) {
                return typeAllows("array") && this.strings == null;
            }
            return false;
        }

        private boolean typeAllows(String type) {
            return this.types == null || this.types.contains(type);
        }

        private boolean stringValid(String text) {
            if (this.strings != null && !this.strings.contains(text)) {
                return false;
            }
            if (this.minLength != null || this.maxLength != null) {
                // characters outside the BMP: the validator counts them its own way
                int length = text.length();
                if (text.codePointCount(0, length) != length) {
                    return false;
                }
                if ((this.minLength != null && length < this.minLength)
                        || (this.maxLength != null && length > this.maxLength)) {
                    return false;
                }
            }
            return !this.dateTime || EventTimes.rfc3339(text) != null;
        }

        private boolean numberValid(JsonNode value) {
            if (this.strings != null) {
                return false;
            }
            boolean integral = value.isInt() || value.isLong();
            if (!(integral ? typeAllows("integer") || typeAllows("number")
                    : value.isBigDecimal() && typeAllows("number"))) {
                // 1.0 for an integer, a BigInteger, a double: the validator decides
                return false;
            }
            if (this.minimum == null && this.maximum == null && this.exclusiveMinimum == null
                    && this.exclusiveMaximum == null) {
                return true;
            }
            BigDecimal number = value.decimalValue();
            if (number.precision() - number.scale() > ORDINARY_DIGITS || number.scale() > ORDINARY_DIGITS) {
                return false;
            }
            return (this.minimum == null || number.compareTo(this.minimum) >= 0)
                    && (this.maximum == null || number.compareTo(this.maximum) <= 0)
                    && (this.exclusiveMinimum == null || number.compareTo(this.exclusiveMinimum) > 0)
                    && (this.exclusiveMaximum == null || number.compareTo(this.exclusiveMaximum) < 0);
        }

    }

}
