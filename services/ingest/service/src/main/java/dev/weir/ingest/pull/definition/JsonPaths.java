package dev.weir.ingest.pull.definition;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.TypeRef;
import com.jayway.jsonpath.spi.json.AbstractJsonProvider;
import com.jayway.jsonpath.spi.mapper.MappingProvider;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSONPath (Jayway) over Jackson 3 trees, so records keep their exact numbers
 * ({@code 0.00} stays {@code 0.00}) and go to Kafka as the upstream wrote them.
 * Properties a path names must exist: a selector that finds nothing to select from is a
 * bad page, not an empty one.
 */
public final class JsonPaths {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Configuration CONFIGURATION = Configuration.builder()
        .jsonProvider(new JacksonTreeProvider())
        .mappingProvider(new IdentityMapping())
        .options(EnumSet.of(Option.REQUIRE_PROPERTIES))
        .build();

    private JsonPaths() {
    }

    /** A compiled path (compile once per run). */
    public static JsonPath compile(String path) {
        return JsonPath.compile(path);
    }

    /**
     * What {@code path} selects in {@code document}: one node, or an array for a path
     * with wildcards, filters or slices.
     * @throws PathNotFoundException when a property the path names is absent
     */
    public static JsonNode read(JsonPath path, JsonNode document) {
        Object result = path.read(document, CONFIGURATION);
        return toNode(result);
    }

    /** The selected values as a list (a single value is a list of one). */
    public static List<JsonNode> readList(JsonPath path, JsonNode document) {
        JsonNode result = read(path, document);
        List<JsonNode> list = new ArrayList<>();
        if (result.isArray()) {
            // $.items[*] and $.items alike: the array's elements
            result.forEach(list::add);
        }
        else {
            list.add(result);
        }
        return list;
    }

    static JsonNode toNode(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof String text) {
            return NODES.stringNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Float number) {
            return NODES.numberNode(number);
        }
        if (value instanceof BigDecimal number) {
            return NODES.numberNode(number);
        }
        if (value instanceof BigInteger number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Short number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Collection<?> collection) {
            ArrayNode array = NODES.arrayNode();
            collection.forEach((element) -> array.add(toNode(element)));
            return array;
        }
        return NODES.stringNode(String.valueOf(value));
    }

    /** Jayway's view of a Jackson 3 tree. */
    static final class JacksonTreeProvider extends AbstractJsonProvider {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        @Override
        public Object parse(String json) {
            try {
                return JSON.readTree(json);
            }
            catch (RuntimeException ex) {
                throw new InvalidJsonException(ex);
            }
        }

        @Override
        public Object parse(InputStream json, String charset) {
            try {
                return JSON.readTree(json);
            }
            catch (RuntimeException ex) {
                throw new InvalidJsonException(ex);
            }
        }

        @Override
        public String toJson(Object value) {
            return JSON.writeValueAsString(toNode(value));
        }

        @Override
        public Object createArray() {
            return NODES.arrayNode();
        }

        @Override
        public Object createMap() {
            return NODES.objectNode();
        }

        @Override
        public boolean isArray(Object value) {
            return value instanceof ArrayNode || value instanceof List;
        }

        @Override
        public boolean isMap(Object value) {
            return value instanceof ObjectNode;
        }

        @Override
        public int length(Object value) {
            if (value instanceof JsonNode node) {
                return node.size();
            }
            if (value instanceof String text) {
                return text.length();
            }
            return super.length(value);
        }

        @Override
        public Iterable<?> toIterable(Object value) {
            if (value instanceof ArrayNode array) {
                List<Object> elements = new ArrayList<>(array.size());
                array.forEach((element) -> elements.add(unwrap(element)));
                return elements;
            }
            if (value instanceof ObjectNode object) {
                List<Object> values = new ArrayList<>(object.size());
                object.values().forEach((element) -> values.add(unwrap(element)));
                return values;
            }
            return super.toIterable(value);
        }

        @Override
        public Collection<String> getPropertyKeys(Object value) {
            if (value instanceof ObjectNode object) {
                return new ArrayList<>(object.propertyNames());
            }
            return super.getPropertyKeys(value);
        }

        @Override
        public Object getArrayIndex(Object value, int index) {
            if (value instanceof ArrayNode array) {
                return unwrap(array.get(index));
            }
            return super.getArrayIndex(value, index);
        }

        @Override
        public void setArrayIndex(Object array, int index, Object value) {
            if (array instanceof ArrayNode node) {
                if (index == node.size()) {
                    node.add(toNode(value));
                }
                else {
                    node.set(index, toNode(value));
                }
                return;
            }
            super.setArrayIndex(array, index, value);
        }

        @Override
        public Object getMapValue(Object value, String key) {
            if (value instanceof ObjectNode object) {
                return object.has(key) ? unwrap(object.get(key)) : UNDEFINED;
            }
            return super.getMapValue(value, key);
        }

        @Override
        public void setProperty(Object object, Object key, Object value) {
            if (object instanceof ObjectNode node) {
                node.set(String.valueOf(key), toNode(value));
                return;
            }
            if (object instanceof ArrayNode array && key instanceof Integer index) {
                setArrayIndex(array, index, value);
                return;
            }
            super.setProperty(object, key, value);
        }

        @Override
        public void removeProperty(Object object, Object key) {
            if (object instanceof ObjectNode node) {
                node.remove(String.valueOf(key));
                return;
            }
            if (object instanceof ArrayNode array && key instanceof Integer index) {
                array.remove(index);
                return;
            }
            super.removeProperty(object, key);
        }

        @Override
        public Object unwrap(Object value) {
            if (!(value instanceof JsonNode node) || node.isContainer()) {
                return value;
            }
            if (node.isNull() || node.isMissingNode()) {
                return null;
            }
            if (node.isString()) {
                return node.stringValue();
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isNumber()) {
                return node.numberValue();
            }
            return node.asString();
        }

    }

    /** Results are used as they come. */
    static final class IdentityMapping implements MappingProvider {

        @Override
        public <T> T map(Object source, Class<T> targetType, Configuration configuration) {
            return targetType.cast(source);
        }

        @Override
        public <T> T map(Object source, TypeRef<T> targetType, Configuration configuration) {
            throw new UnsupportedOperationException("typed reads are not used");
        }

    }

}
