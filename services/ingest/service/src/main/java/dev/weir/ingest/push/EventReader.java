package dev.weir.ingest.push;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the events of a request body in any {@link PushFormat}: decompresses gzip within
 * a limit, splits arrays and lines, and keeps each event's JSON as it was sent (the bytes
 * written to Kafka) beside its parsed tree (what the schema checks). A body that cannot
 * be read at all is a {@link PushFailure#malformed 400}; an element that is readable but
 * not an event (not an object, not a valid CloudEvent) is refused on its own, so the
 * batch rules decide.
 */
final class EventReader {

    private static final Logger log = LoggerFactory.getLogger(EventReader.class);

    private static final EventFormat CLOUDEVENTS = new JsonFormat();

    private final JsonMapper json;

    private final long maxDecompressed;

    EventReader(int maxNesting, long maxEventBytes, long maxDecompressed) {
        JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxNesting)
                .maxNumberLength(1000)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE - 16, Math.max(maxDecompressed, 1024)))
                .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
        // numbers keep every digit: a huge one is checked by the schema, never rounded to
        // infinity
        this.json = JsonMapper.builder(factory).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        this.maxDecompressed = maxDecompressed;
    }

    /** The events of a body as sent (its {@code Content-Encoding} undone). */
    List<IncomingEvent> read(PushRequest request) {
        byte[] body = decode(request.body(), request.gzip());
        return switch (request.format()) {
            case JSON -> json(body);
            case NDJSON -> ndjson(body);
            case CLOUDEVENT, CLOUDEVENTS_BATCH -> cloudEvents(body, request.format() == PushFormat.CLOUDEVENTS_BATCH);
            case CLOUDEVENT_BINARY -> List.of(binary(body, request.cloudEventHeaders()));
        };
    }

    /** Parses one event's data (a CloudEvent's), within the limits. */
    JsonNode parse(byte[] data) {
        try (JsonParser parser = this.json.createParser(data)) {
            JsonNode node = parser.readValueAsTree();
            if (node == null) {
                throw PushFailure.malformed("The event's data is empty: it must be a JSON object.");
            }
            if (parser.nextToken() != null) {
                throw PushFailure.malformed("The event's data has content after its JSON value.");
            }
            return node;
        }
        catch (JacksonException ex) {
            throw malformed(ex, "");
        }
    }

    private byte[] decode(byte[] body, boolean gzip) {
        return requireUtf8(gzip ? gunzip(body) : requireWithinLimit(body));
    }

    private byte[] requireWithinLimit(byte[] body) {
        if (body.length > this.maxDecompressed) {
            throw PushFailure.tooLarge("The body has " + body.length + " bytes; the limit is " + this.maxDecompressed
                    + " bytes (weir.ingest.push.max-decompressed-body).");
        }
        return body;
    }

    /**
     * Refuses UTF-16 and UTF-32 (a byte order mark or a NUL byte, which UTF-8 JSON never
     * holds): the JSON reader would detect them and decode the body, but the events are
     * kept and written to Kafka as the UTF-8 bytes every consumer reads.
     */
    private static byte[] requireUtf8(byte[] body) {
        boolean bom = body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE));
        if (bom || indexOf(body, (byte) 0) >= 0) {
            throw PushFailure.malformed("The body is not UTF-8 (it holds a UTF-16 or UTF-32 byte order mark or a NUL "
                    + "byte): JSON is sent in UTF-8 (RFC 8259).");
        }
        return body;
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private byte[] gunzip(byte[] body) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), 64 * 1024)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, body.length * 4));
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > this.maxDecompressed) {
                    throw PushFailure.tooLarge("The gzip body decompresses to more than " + this.maxDecompressed
                            + " bytes (weir.ingest.push.max-decompressed-body); it was not read further.");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
        catch (IOException ex) {
            throw PushFailure.malformed("The body is not valid gzip (Content-Encoding: gzip): " + ex.getMessage());
        }
    }

    private List<IncomingEvent> json(byte[] body) {
        List<IncomingEvent> events = new ArrayList<>();
        elements(body, 0, body.length, Shape.ANY, (index, start, end, node) -> {
            if (node.isObject()) {
                requireUnicode(node, body, start, end, "event " + index);
                events.add(IncomingEvent.of(index, Arrays.copyOfRange(body, start, end), node));
            }
            else {
                events.add(IncomingEvent.refused(index, "", "must be a JSON object, not " + kind(node)));
            }
        });
        return events;
    }

    private List<IncomingEvent> ndjson(byte[] body) {
        List<IncomingEvent> events = new ArrayList<>();
        int line = 0;
        int start = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            line++;
            int from = start;
            int to = (end > start && body[end - 1] == '\r') ? end - 1 : end;
            if (!blank(body, from, to)) {
                int index = events.size();
                String where = "line " + line;
                try (JsonParser parser = this.json.createParser(body, from, to - from)) {
                    parser.nextToken();
                    JsonNode node = parser.readValueAsTree();
                    if (parser.nextToken() != null) {
                        throw PushFailure.malformed("NDJSON " + where + " holds more than one JSON value.");
                    }
                    requireUnicode(node, body, from, to, "NDJSON " + where);
                    events.add(node.isObject() ? IncomingEvent.of(index, Arrays.copyOfRange(body, from, to), node)
                            : IncomingEvent.refused(index, "", "must be a JSON object, not " + kind(node)));
                }
                catch (JacksonException ex) {
                    throw malformed(ex, "NDJSON " + where + ": ");
                }
            }
            start = end + 1;
        }
        if (events.isEmpty()) {
            throw PushFailure.malformed("The NDJSON body holds no event.");
        }
        return events;
    }

    private List<IncomingEvent> cloudEvents(byte[] body, boolean batch) {
        List<IncomingEvent> events = new ArrayList<>();
        ElementSink sink = (index, start, end, node) -> {
            if (!node.isObject()) {
                events.add(IncomingEvent.refused(index, "", "must be a CloudEvent (a JSON object), not " + kind(node)));
                return;
            }
            requireUnicode(node, body, start, end, "event " + index);
            IncomingEvent.Refusal refusal = CloudEventAttributes.check(node);
            if (refusal != null) {
                events.add(IncomingEvent.refused(index, refusal.pointer(), refusal.message()));
                return;
            }
            CloudEvent event;
            try {
                event = CLOUDEVENTS.deserialize(Arrays.copyOfRange(body, start, end));
            }
            catch (RuntimeException ex) {
                // the SDK's messages name its Java classes: the client is told what the
                // CloudEvents spec asks instead
                log.debug("CloudEvent {} refused by the SDK", index, ex);
                events.add(IncomingEvent.refused(index, "", "is not a valid CloudEvent: its attributes must be as "
                        + "the CloudEvents 1.0 JSON format says (specversion, id, source, type; data as JSON)"));
                return;
            }
            events.add(fromCloudEvent(index, event));
        };
        elements(body, 0, body.length, batch ? Shape.ARRAY : Shape.OBJECT, sink);
        return events;
    }

    private IncomingEvent binary(byte[] body, Map<String, String> headers) {
        if (blank(body, 0, body.length)) {
            throw PushFailure.malformed("The body is empty: a binary-mode CloudEvent's body is its data, the event.");
        }
        IncomingEvent.Refusal refusal = CloudEventAttributes.checkHeaders(headers);
        if (refusal != null) {
            return IncomingEvent.refused(0, refusal.pointer(), refusal.message());
        }
        CloudEventBuilder builder = CloudEventBuilder.v1()
            .withId(headers.get("ce-id"))
            .withType(headers.get("ce-type"))
            .withSource(URI.create(headers.get("ce-source")))
            .withDataContentType("application/json")
            .withData(body);
        if (headers.get("ce-time") != null) {
            builder.withTime(OffsetDateTime.parse(headers.get("ce-time")));
        }
        if (headers.get("ce-subject") != null) {
            builder.withSubject(headers.get("ce-subject"));
        }
        return fromCloudEvent(0, builder.build());
    }

    private IncomingEvent fromCloudEvent(int index, CloudEvent event) {
        String contentType = event.getDataContentType();
        if (contentType != null && !isJson(contentType)) {
            return IncomingEvent.refused(index, "/datacontenttype", "must be application/json, not " + contentType);
        }
        if (event.getData() == null) {
            return IncomingEvent.refused(index, "/data", "is missing: the event's data is the stream's event");
        }
        byte[] data = event.getData().toBytes();
        JsonNode node;
        try {
            node = parse(data);
        }
        catch (PushFailure ex) {
            return IncomingEvent.refused(index, "/data", "is not JSON: " + ex.getMessage());
        }
        if (!node.isObject()) {
            return IncomingEvent.refused(index, "/data", "must be a JSON object, not " + kind(node));
        }
        requireUnicode(node, data, 0, data.length, "event " + index + " /data");
        return new IncomingEvent(index, data, node, event.getId(), event.getType(),
                (event.getTime() != null) ? event.getTime().toInstant() : null, null, "");
    }

    /**
     * Refuses a body with a string or member name holding an unpaired UTF-16 surrogate
     * (an escaped high surrogate without a low one after it, or a low one alone), as the
     * JSON reader itself does in member names: it is not Unicode text, RFC 8259 leaves
     * its meaning undefined, and the UTF-8 readers downstream cannot read it (the lake
     * writer's DuckDB refuses the whole record).
     * @param where the event, for the detail ("event 3", "NDJSON line 4")
     */
    private static void requireUnicode(JsonNode node, byte[] bytes, int from, int to, String where) {
        if (!mayHoldSurrogate(bytes, from, to)) {
            return;
        }
        IncomingEvent.Refusal refusal = UnpairedSurrogates.find(node);
        if (refusal != null) {
            throw PushFailure.malformed("The body is not valid JSON text: " + where
                    + (refusal.pointer().isEmpty() ? "" : " " + refusal.pointer()) + " " + refusal.message() + ".");
        }
    }

    /**
     * Whether the bytes may hold a surrogate: the escape of a code unit from D800 to
     * DFFF, or its (invalid) UTF-8 form. A quick scan, so that only such events have
     * their strings walked.
     */
    static boolean mayHoldSurrogate(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '\\' && i + 3 < to && bytes[i + 1] == 'u' && (bytes[i + 2] | 0x20) == 'd'
                    && "89abcdefABCDEF".indexOf(bytes[i + 3]) >= 0) {
                return true;
            }
            if (b == (byte) 0xED && i + 1 < to && (bytes[i + 1] & 0xFF) >= 0xA0) {
                return true;
            }
        }
        return false;
    }

    /** Calls the sink with each element of a top-level array, or with a lone value. */
    private void elements(byte[] body, int offset, int length, Shape shape, ElementSink sink) {
        try (JsonParser parser = this.json.createParser(body, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw PushFailure.malformed("The body is empty: send an event or an array of events.");
            }
            if (first == JsonToken.START_ARRAY && shape == Shape.OBJECT) {
                throw PushFailure.malformed("An application/cloudevents+json body is one event (a JSON object); "
                        + "send several as application/cloudevents-batch+json.");
            }
            if (first == JsonToken.START_ARRAY) {
                int index = 0;
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    JsonNode node = parser.readValueAsTree();
                    int end = (int) parser.currentLocation().getByteOffset();
                    sink.accept(index++, offset + start, offset + end, node);
                }
                if (index == 0) {
                    throw PushFailure.malformed("The array is empty: send at least one event.");
                }
            }
            else {
                if (shape == Shape.ARRAY) {
                    throw PushFailure
                        .malformed("An application/cloudevents-batch+json body is a JSON array of " + "CloudEvents.");
                }
                int start = (int) parser.currentTokenLocation().getByteOffset();
                JsonNode node = parser.readValueAsTree();
                int end = (int) parser.currentLocation().getByteOffset();
                sink.accept(0, offset + start, offset + end, node);
            }
            if (parser.nextToken() != null) {
                throw PushFailure.malformed("The body has content after its JSON value (for one event per line, "
                        + "send application/x-ndjson).");
            }
        }
        catch (JacksonException ex) {
            throw malformed(ex, "");
        }
    }

    private static PushFailure malformed(JacksonException ex, String prefix) {
        String where = (ex instanceof StreamReadException read && read.getLocation() != null)
                ? " at line " + read.getLocation().getLineNr() + ", column " + read.getLocation().getColumnNr() : "";
        return PushFailure.malformed(prefix + "The body is not valid JSON" + where + ": " + ex.getOriginalMessage());
    }

    private static boolean blank(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            if (body[i] != ' ' && body[i] != '\t' && body[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean isJson(String mediaType) {
        String type = mediaType.toLowerCase(java.util.Locale.ROOT);
        int parameters = type.indexOf(';');
        if (parameters >= 0) {
            type = type.substring(0, parameters).strip();
        }
        return type.equals("application/json") || type.endsWith("+json") || type.equals("text/json");
    }

    private static String kind(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.isNull() ? "null" : "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * What a body may be: one value or an array of them, only an array, only an object.
     */
    private enum Shape {

        ANY, ARRAY, OBJECT

    }

    @FunctionalInterface
    private interface ElementSink {

        void accept(int index, int start, int end, JsonNode node);

    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

}
