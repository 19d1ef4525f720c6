package dev.weir.ingest.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The typed Parquet columns of a dataset, from its stream's JSON Schema: one column per
 * top-level property, typed by its {@code type} and {@code format} (string:
 * {@code VARCHAR}, {@code date-time}: {@code TIMESTAMPTZ}, {@code date}: {@code DATE};
 * integer: {@code BIGINT}; number: {@code DOUBLE}; boolean: {@code BOOLEAN}; objects,
 * arrays and anything else: their JSON text). A value that does not fit its column (a
 * schema changed later) is null there; the record on Kafka keeps it.
 */
final class DatasetColumns {

    /** Column names taken as they are; others (and ones starting with _) are left out. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");

    private DatasetColumns() {
    }

    /**
     * @param name the column's name (the property's)
     * @param type its DuckDB type
     * @param path the JSON path of the property in the event's data
     */
    record Column(String name, String type, String path) {
    }

    static List<Column> of(JsonNode schema) {
        List<Column> columns = new ArrayList<>();
        JsonNode properties = (schema != null) ? schema.get("properties") : null;
        if (properties == null || !properties.isObject()) {
            return columns;
        }
        for (var property : properties.properties()) {
            String name = property.getKey();
            if (!NAME.matcher(name).matches()) {
                continue;
            }
            columns.add(new Column(name, type(property.getValue()), "$.\"" + name + "\""));
        }
        return columns;
    }

    private static String type(JsonNode property) {
        JsonNode type = property.get("type");
        String single = null;
        if (type != null && type.isString()) {
            single = type.asString();
        }
        else if (type != null && type.isArray()) {
            for (JsonNode one : type) {
                if (one.isString() && !one.asString().equals("null")) {
                    if (single != null) {
                        return "VARCHAR";
                    }
                    single = one.asString();
                }
            }
        }
        if (single == null) {
            return "VARCHAR";
        }
        JsonNode format = property.get("format");
        String formatName = (format != null && format.isString()) ? format.asString().toLowerCase(Locale.ROOT) : "";
        return switch (single) {
            case "string" -> switch (formatName) {
                case "date-time" -> "TIMESTAMPTZ";
                case "date" -> "DATE";
                default -> "VARCHAR";
            };
            case "integer" -> "BIGINT";
            case "number" -> "DOUBLE";
            case "boolean" -> "BOOLEAN";
            default -> "VARCHAR";
        };
    }

}
