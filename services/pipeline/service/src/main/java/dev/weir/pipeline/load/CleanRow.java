package dev.weir.pipeline.load;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.weir.pipeline.clean.CleanRecords;
import dev.weir.pipeline.spi.Column;
import dev.weir.pipeline.spi.Table;
import dev.weir.platform.kafka.Envelope;
import dev.weir.platform.kafka.EventTimes;

/**
 * A cleaned record's row as COPY text, read in one pass over the record's value: the
 * envelope's {@code type} and {@code time}, and its embedded JSON {@code data} straight
 * into the table's columns, without copying the data out of the envelope, parsing it into
 * a tree and looking each column up in it (what the loader spent most of its reading time
 * on). Values are converted exactly as {@link CopyText#value} converts the tree's nodes.
 * A value that is not a Weir envelope with embedded JSON data of a known table is read
 * the general way ({@link Envelope#parse}), which says what is wrong with it.
 *
 * @param table the warehouse table, from the envelope's type
 * @param time the envelope's time (event time)
 * @param values the row's COPY text, in the table's column order
 * @param key the row's key: its key columns' raw values joined by {@code |}
 * @param version the raw value of the table's version column, or null
 */
record CleanRow(Table table, Instant time, String[] values, String key, String version) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Column positions by name, per table. */
    private static final Map<Table, Map<String, Integer>> POSITIONS = new ConcurrentHashMap<>();

    static CleanRow read(byte[] value, Function<String, Optional<Table>> tables) {
        CleanRow row = (value != null) ? onePass(value, tables) : null;
        return (row != null) ? row : general(value, tables);
    }

    /** The general way: the envelope, then its data as a tree. */
    static CleanRow general(byte[] value, Function<String, Optional<Table>> tables) {
        Envelope envelope = Envelope.parse(value);
        Table table = table(envelope.type(), tables);
        JsonNode data = JSON.readTree(envelope.data());
        String[] values = new String[table.columns().size()];
        String[] raw = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            JsonNode node = data.get(table.columns().get(i).name());
            values[i] = CopyText.value(node, table.columns().get(i));
            raw[i] = identifying(table, i) ? CopyText.raw(node) : null;
        }
        return of(table, envelope.time(), values, raw);
    }

    /** One pass, or null when the value is not what a clean topic normally holds. */
    private static CleanRow onePass(byte[] value, Function<String, Optional<Table>> tables) {
        String specVersion = null;
        String type = null;
        String time = null;
        String[] values = null;
        String[] raw = null;
        Table table = null;
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "specversion" -> specVersion = (token == JsonToken.VALUE_STRING) ? parser.getString() : null;
                    case "type" -> type = (token == JsonToken.VALUE_STRING) ? parser.getString() : null;
                    case "time" -> time = (token == JsonToken.VALUE_STRING) ? parser.getString() : null;
                    case "datacontenttype" -> {
                        if (token != JsonToken.VALUE_STRING || !parser.getString().equals(Envelope.JSON)) {
                            return null;
                        }
                    }
                    case "data" -> {
                        // the writer puts type before data (Envelope.toValue)
                        if (type == null || token != JsonToken.START_OBJECT) {
                            return null;
                        }
                        table = table(type, tables);
                        values = new String[table.columns().size()];
                        raw = new String[values.length];
                        data(parser, table, values, raw);
                    }
                    default -> parser.skipChildren();
                }
            }
        }
        catch (JacksonException ex) {
            return null;
        }
        if (!"1.0".equals(specVersion) || time == null || values == null) {
            return null;
        }
        Instant at = EventTimes.rfc3339(time);
        if (at == null) {
            return null;
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                values[i] = CopyText.NULL;
                raw[i] = identifying(table, i) ? "" : null;
            }
        }
        return of(table, at, values, raw);
    }

    private static void data(JsonParser parser, Table table, String[] values, String[] raw) {
        Map<String, Integer> positions = POSITIONS.computeIfAbsent(table, CleanRow::positions);
        List<Column> columns = table.columns();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            Integer position = positions.get(parser.currentName());
            JsonToken token = parser.nextToken();
            if (position == null) {
                parser.skipChildren();
                continue;
            }
            JsonNode node = switch (token) {
                case VALUE_STRING -> NODES.stringNode(parser.getString());
                case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
                case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
                case VALUE_NULL -> NODES.nullNode();
                default -> JSON.readTree(parser);
            };
            values[position] = CopyText.value(node, columns.get(position));
            raw[position] = identifying(table, position) ? CopyText.raw(node) : null;
        }
    }

    /**
     * Whether column {@code i} is a key or the version column (its raw value is used).
     */
    private static boolean identifying(Table table, int i) {
        String name = table.columns().get(i).name();
        return table.key().contains(name) || name.equals(table.versionColumn());
    }

    private static Map<String, Integer> positions(Table table) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < table.columns().size(); i++) {
            positions.put(table.columns().get(i).name(), i);
        }
        return positions;
    }

    private static Table table(String type, Function<String, Optional<Table>> tables) {
        String tableName = type.startsWith(CleanRecords.CLEAN_TYPE_PREFIX)
                ? type.substring(CleanRecords.CLEAN_TYPE_PREFIX.length()) : type;
        return tables.apply(tableName)
            .orElseThrow(() -> new IllegalStateException("No warehouse table " + tableName + " for type " + type));
    }

    private static CleanRow of(Table table, Instant time, String[] values, String[] raw) {
        Map<String, Integer> positions = POSITIONS.computeIfAbsent(table, CleanRow::positions);
        StringBuilder key = new StringBuilder();
        for (String column : table.key()) {
            if (!key.isEmpty()) {
                key.append('|');
            }
            key.append(raw[positions.get(column)]);
        }
        String version = (table.versionColumn() != null) ? raw[positions.get(table.versionColumn())] : null;
        return new CleanRow(table, time, values, key.toString(), version);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CleanRow that && this.table.equals(that.table) && this.time.equals(that.time)
                && Arrays.equals(this.values, that.values) && this.key.equals(that.key)
                && java.util.Objects.equals(this.version, that.version);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(this.table, this.time, Arrays.hashCode(this.values), this.key, this.version);
    }

    @Override
    public String toString() {
        return "CleanRow[table=" + this.table.name() + ", time=" + this.time + ", key=" + this.key + ", values="
                + Arrays.toString(this.values) + "]";
    }

}
