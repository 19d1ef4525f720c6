package dev.weir.ingest.push;

import java.net.URI;

import tools.jackson.databind.JsonNode;

/**
 * A declared stream of pushed events: its events are validated against {@code schema},
 * keyed by the {@code key} field (one device's events stay in order) and timed by the
 * {@code time} field, and written to {@code weir.raw.<name>}.
 *
 * @param name the stream's name, lower case ({@code rides}); also the dataset of its
 * topic and lake
 * @param version the schema's version; raised when the schema changes
 * @param description what the events are
 * @param key the field that keys the Kafka record: a top-level property or a JSON Pointer
 * ({@code /device/id})
 * @param time the field that holds the event time (RFC 3339 text, or epoch seconds or
 * milliseconds)
 * @param schema the JSON Schema (draft 2020-12 unless it says otherwise) of one event
 * @param source where the declaration comes from
 * @param text the declaration as written (YAML or JSON)
 */
public record StreamDefinition(String name, int version, String description, String key, String time, JsonNode schema,
        Source source, String text) {

    /** The Kafka topic of the stream's events. */
    public String topic() {
        return "weir.raw." + this.name;
    }

    /** The CloudEvents {@code source} of the stream's events. */
    public URI eventSource() {
        return URI.create("/weir/ingest/push/" + this.name);
    }

    /** The CloudEvents {@code type} of an event that does not say its own. */
    public String defaultType() {
        return "weir.push." + this.name;
    }

    /**
     * Where a declaration comes from; a later one replaces an earlier of the same name.
     */
    public enum Source {

        /** In the service's jar ({@code classpath:streams/*.yml}). */
        BUILT_IN("built-in"),

        /** A file in {@code $WEIR_DATA_DIR/streams/}. */
        FILE("file"),

        /** Stored through the admin API ({@code PUT /events/streams/{name}}). */
        API("api");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return this.label;
        }

    }

}
