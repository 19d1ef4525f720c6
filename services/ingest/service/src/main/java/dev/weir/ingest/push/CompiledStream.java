package dev.weir.ingest.push;

import java.nio.charset.StandardCharsets;

import com.networknt.schema.Schema;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * A stream ready to take events: its declaration, and what is derived from it once per
 * version rather than per event (the compiled validator and quick check, the key and time
 * pointers).
 */
final class CompiledStream {

    /**
     * Header of every pushed record: the version of the stream's schema it was validated
     * by.
     */
    static final String SCHEMA_VERSION_HEADER = "weir-schema-version";

    private final StreamDefinition definition;

    private final Schema validator;

    private final FlatSchema flat;

    private final JsonPointer key;

    private final JsonPointer time;

    private final byte[] versionHeader;

    CompiledStream(StreamDefinition definition) {
        this.definition = definition;
        this.validator = StreamDefinitionReader.compile(definition.schema());
        this.flat = FlatSchema.of(definition.schema());
        this.key = JsonPointer.compile(StreamDefinitionReader.pointer(definition.key()));
        this.time = JsonPointer.compile(StreamDefinitionReader.pointer(definition.time()));
        this.versionHeader = Integer.toString(definition.version()).getBytes(StandardCharsets.US_ASCII);
    }

    StreamDefinition definition() {
        return this.definition;
    }

    String name() {
        return this.definition.name();
    }

    Schema validator() {
        return this.validator;
    }

    /**
     * Whether the event certainly satisfies the schema, by the quick check of a flat
     * schema; false: ask the {@link #validator()}.
     */
    boolean certainlyValid(JsonNode event) {
        return this.flat != null && this.flat.certainlyValid(event);
    }

    JsonPointer key() {
        return this.key;
    }

    JsonPointer time() {
        return this.time;
    }

    byte[] versionHeader() {
        return this.versionHeader;
    }

}
