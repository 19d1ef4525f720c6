package dev.weir.ingest.pull.kinds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;

import dev.weir.ingest.pull.definition.JsonPaths;
import dev.weir.ingest.pull.definition.StreamConfig;
import dev.weir.ingest.pull.spi.BadPageException;
import dev.weir.ingest.pull.spi.RecordSelector;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The declarative record selectors ({@code records}). */
public final class RecordSelectors {

    private RecordSelectors() {
    }

    /** The selector a stream's definition declares. */
    public static RecordSelector of(StreamConfig.Records records) {
        JsonPath path = JsonPaths.compile(records.path());
        return switch (records.type()) {
            case JSONPATH -> (body) -> select(path, records.path(), body);
            case COLUMNS -> (body) -> columns(path, records.path(), body);
        };
    }

    private static List<JsonNode> select(JsonPath path, String written, JsonNode body) {
        try {
            return JsonPaths.readList(path, body);
        }
        catch (PathNotFoundException ex) {
            throw new BadPageException("records " + written + " found nothing to select: " + ex.getMessage());
        }
    }

    /**
     * An object of equally long arrays, zipped into one record per index: {@code {time:
     * [t1, t2], temperature_2m: [8.9, 8.7]}} gives {@code {time: t1, temperature_2m:
     * 8.9}} and {@code {time: t2, temperature_2m: 8.7}}.
     */
    private static List<JsonNode> columns(JsonPath path, String written, JsonNode body) {
        JsonNode columns;
        try {
            columns = JsonPaths.read(path, body);
        }
        catch (PathNotFoundException ex) {
            throw new BadPageException("records " + written + " found nothing to select: " + ex.getMessage());
        }
        if (!columns.isObject()) {
            throw new BadPageException("records " + written + " is not an object of columns");
        }
        int rows = -1;
        for (Map.Entry<String, JsonNode> column : columns.properties()) {
            if (!column.getValue().isArray()) {
                throw new BadPageException("column " + column.getKey() + " of " + written + " is not a list");
            }
            if (rows >= 0 && column.getValue().size() != rows) {
                throw new BadPageException("columns of " + written + " differ in length (" + column.getKey() + " has "
                        + column.getValue().size() + ", others " + rows + ")");
            }
            rows = column.getValue().size();
        }
        List<JsonNode> records = new ArrayList<>(Math.max(rows, 0));
        for (int i = 0; i < rows; i++) {
            ObjectNode record = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> column : columns.properties()) {
                record.set(column.getKey(), column.getValue().get(i));
            }
            records.add(record);
        }
        return records;
    }

}
