package dev.weir.ingest.pull.run;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import dev.weir.ingest.pull.spi.PageState;

/**
 * How the engine reads pages and writes its state: pages keep their exact numbers
 * ({@code 0.00} stays {@code 0.00}); state and reports are snake_case JSON like the API.
 */
final class EngineJson {

    /** Pages and records. */
    static final JsonMapper PAGES = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    /** Checkpoint state and reports. */
    static final JsonMapper STATE = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();

    private EngineJson() {
    }

    static String write(Object value) {
        return (value != null) ? STATE.writeValueAsString(value) : null;
    }

    static JsonNode tree(String json) {
        return (json != null) ? STATE.readTree(json) : null;
    }

    static PageState pageState(String json) {
        if (json == null) {
            return null;
        }
        JsonNode tree = STATE.readTree(json);
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        tree.properties().forEach((e) -> values.put(e.getKey(), e.getValue().asString()));
        return new PageState(values);
    }

    static String pageState(PageState state) {
        return (state != null) ? STATE.writeValueAsString(state.values()) : null;
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return (json != null) ? STATE.readValue(json, type) : null;
        }
        catch (JacksonException ex) {
            return null;
        }
    }

}
