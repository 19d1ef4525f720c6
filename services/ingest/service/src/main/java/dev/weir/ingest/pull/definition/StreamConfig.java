package dev.weir.ingest.pull.definition;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * One stream of a connector: a resource of the API, its pages and records.
 *
 * @param name the stream's name (lower case), in each record's {@code weir-stream} header
 * @param path the path under the base URL (or an absolute URL); may hold
 * {@code {{binding.field}}} templates
 * @param params query parameters (templates allowed)
 * @param headers extra headers of this stream's requests
 * @param records where the records are in a page
 * @param primaryKey the field or fields (dotted paths) identifying a record: the Kafka
 * key
 * @param paginate how pages follow each other
 * @param parent the parent stream: this stream is pulled once per parent record
 * @param forEach a fixed list of values: this stream is pulled once per value
 * @param incremental the cursor field, when only newer records are wanted next time
 * @param addFields fields added to every record (templates allowed)
 * @param timeField the record field (dotted path) holding its own time, the envelope's
 * {@code time}; the fetch time if null
 */
public record StreamConfig(String name, String path, Map<String, String> params, Map<String, String> headers,
        Records records, List<String> primaryKey, PaginationConfig paginate, Parent parent, ForEach forEach,
        Incremental incremental, Map<String, String> addFields, String timeField) {

    public StreamConfig {
        params = Map.copyOf(params);
        headers = Map.copyOf(headers);
        primaryKey = List.copyOf(primaryKey);
        addFields = Map.copyOf(addFields);
    }

    /**
     * The name a partition's value is bound to in templates ({@code parent.as} or
     * {@code for_each.as}).
     */
    public Optional<String> binding() {
        if (this.parent != null) {
            return Optional.of(this.parent.as());
        }
        return (this.forEach != null) ? Optional.of(this.forEach.as()) : Optional.empty();
    }

    /** Whether the stream runs once per partition (per parent record or value). */
    public boolean partitioned() {
        return this.parent != null || this.forEach != null;
    }

    /**
     * @param type {@code jsonpath}: the path selects the records; {@code columns}: the
     * path selects an object of equally long arrays (Open-Meteo's {@code hourly}), zipped
     * into one record per index
     * @param path a JSONPath expression
     */
    public record Records(RecordsType type, String path) {
    }

    /** How records are laid out in a page. */
    public enum RecordsType {

        JSONPATH, COLUMNS

    }

    /**
     * @param stream the parent stream, declared earlier
     * @param as the name its record is bound to in templates
     */
    public record Parent(String stream, String as) {
    }

    /**
     * @param as the name each value is bound to in templates
     * @param values the values (JSON objects)
     */
    public record ForEach(String as, List<JsonNode> values) {

        public ForEach {
            values = List.copyOf(values);
        }

    }

    /**
     * @param cursorField the record field (dotted path) whose greatest value is saved;
     * next time only records with a value at least as great are published
     * @param param a query parameter that sends the saved value, so the upstream returns
     * only newer records; none if null
     */
    public record Incremental(String cursorField, String param) {
    }

}
