package dev.weir.ingest.push;

import java.util.List;

import dev.weir.platform.error.FieldError;
import tools.jackson.databind.JsonNode;

/** What the admin API shows of streams. */
final class StreamViews {

    private StreamViews() {
    }

    /**
     * @param streams the valid declarations
     * @param invalid declarations that could not be read, with their problems
     */
    record StreamList(List<StreamView> streams, List<InvalidStream> invalid) {
    }

    /**
     * A stream's declaration.
     *
     * @param name its name, also its dataset
     * @param version its schema's version
     * @param description what its events are
     * @param key the field that keys the Kafka record
     * @param time the field that holds the event time
     * @param topic where its events go
     * @param source built-in, file or api
     * @param schema the JSON Schema of one event
     */
    record StreamView(String name, int version, String description, String key, String time, String topic,
            String source, JsonNode schema) {

        static StreamView of(StreamDefinition definition) {
            return new StreamView(definition.name(), definition.version(), definition.description(), definition.key(),
                    definition.time(), definition.topic(), definition.source().label(), definition.schema());
        }

    }

    /**
     * @param where the file or table it was read from
     * @param problems what is wrong with it
     */
    record InvalidStream(String where, List<FieldError> problems) {
    }

}
