package dev.weir.platform.kafka;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.json.JsonFactory;

/**
 * The one format of every record Weir writes to Kafka (pulled records, pushed events, the
 * Retail service's domain events, cleaned records, dead letters): a CloudEvents 1.0 event
 * in <em>structured</em> mode, so any topic is read the same way.
 * <ul>
 * <li>The record's value is the JSON event ({@code application/cloudevents+json}):
 * {@code specversion}, {@code id}, {@code source}, {@code type}, {@code subject},
 * {@code time}, {@code datacontenttype} and {@code data} (embedded JSON when the data is
 * JSON, otherwise {@code data_base64}).</li>
 * <li>Its headers repeat what a consumer filters on without parsing the value:
 * {@value #CONTENT_TYPE_HEADER}, {@value #EVENT_ID_HEADER}, {@value #EVENT_TYPE_HEADER}.
 * A producer may add its own {@code weir-*} headers (provenance: the connector run, the
 * outbox row).</li>
 * <li>The key is chosen by the producer (a customer id, a device id), so the events of
 * one key stay in order.</li>
 * </ul>
 * The id is unique per event and stable across retries: a consumer drops repeats by it.
 *
 * @param id the event's id, unique within its source ({@link EventIds#next()} for a
 * time-ordered one)
 * @param source where it comes from, e.g. {@code /weir/retail},
 * {@code /weir/ingest/push/rides}, {@code /weir/ingest/pull/fhrs/establishments}
 * @param type what it is, {@code weir.<area>.<what>}, e.g.
 * {@code weir.retail.customer.created}
 * @param subject what it is about (an aggregate's id, a device id), or null
 * @param time when it happened (event time), or when Weir received it if the source does
 * not say
 * @param dataContentType the media type of {@code data}, e.g. {@code application/json}
 * @param data the payload: UTF-8 JSON when {@code dataContentType} is JSON, any bytes
 * otherwise
 */
public record Envelope(String id, URI source, String type, String subject, Instant time, String dataContentType,
        byte[] data) {

    /** The value's media type, in the {@value #CONTENT_TYPE_HEADER} header. */
    public static final String CLOUDEVENTS_JSON = "application/cloudevents+json";

    /** Header: the value's media type, always {@value #CLOUDEVENTS_JSON}. */
    public static final String CONTENT_TYPE_HEADER = "content-type";

    /** Header: the event's {@code id}. */
    public static final String EVENT_ID_HEADER = "weir-event-id";

    /** Header: the event's {@code type}. */
    public static final String EVENT_TYPE_HEADER = "weir-event-type";

    /** The media type of JSON data. */
    public static final String JSON = "application/json";

    private static final JsonFactory FACTORY = new JsonFactory();

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

    // the constant parts of a value, encoded once (never handed out, so never changed)

    private static final byte[] VALUE_START = ascii("{\"specversion\":\"1.0\",\"id\":");

    private static final byte[] SOURCE = ascii(",\"source\":");

    private static final byte[] TYPE = ascii(",\"type\":");

    private static final byte[] SUBJECT = ascii(",\"subject\":");

    private static final byte[] TIME = ascii(",\"time\":");

    private static final byte[] CONTENT_TYPE = ascii(",\"datacontenttype\":");

    private static final byte[] DATA = ascii(",\"data\":");

    private static final byte[] DATA_BASE64 = ascii(",\"data_base64\":\"");

    /**
     * The {@value #CONTENT_TYPE_HEADER} header's value, shared by every record (Kafka
     * never changes a header's bytes).
     */
    private static final byte[] CLOUDEVENTS_JSON_BYTES = ascii(CLOUDEVENTS_JSON);

    /** 0000-01-01 and 9999-12-31: the days {@link #writeTime} writes itself. */
    private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();

    private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    public Envelope {
        requireText(id, "id");
        Objects.requireNonNull(source, "source");
        requireText(type, "type");
        Objects.requireNonNull(time, "time");
        requireText(dataContentType, "dataContentType");
        Objects.requireNonNull(data, "data");
    }

    /**
     * An event with JSON data, a new time-ordered id and the current time.
     * @param data UTF-8 JSON (not checked here: the producer has validated or built it)
     */
    public static Envelope json(URI source, String type, String subject, byte[] data) {
        return new Envelope(EventIds.next(), source, type, subject, Instant.now(), JSON, data);
    }

    /** This event with another id. */
    public Envelope withId(String newId) {
        return new Envelope(newId, this.source, this.type, this.subject, this.time, this.dataContentType, this.data);
    }

    /** This event with another time. */
    public Envelope withTime(Instant newTime) {
        return new Envelope(this.id, this.source, this.type, this.subject, newTime, this.dataContentType, this.data);
    }

    /** Whether {@code data} is JSON (embedded as JSON in the value, not base64). */
    public boolean isJson() {
        return isJson(this.dataContentType);
    }

    /** The data as text (UTF-8). */
    public String dataText() {
        return new String(this.data, StandardCharsets.UTF_8);
    }

    /**
     * The record's value: this event as CloudEvents JSON (structured mode).
     */
    public byte[] toValue() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(this.data.length + 256);
        out.writeBytes(VALUE_START);
        quoted(out, this.id);
        out.writeBytes(SOURCE);
        quoted(out, this.source.toString());
        out.writeBytes(TYPE);
        quoted(out, this.type);
        if (this.subject != null) {
            out.writeBytes(SUBJECT);
            quoted(out, this.subject);
        }
        out.writeBytes(TIME);
        writeTime(out, this.time);
        out.writeBytes(CONTENT_TYPE);
        quoted(out, this.dataContentType);
        if (isJson()) {
            out.writeBytes(DATA);
            out.writeBytes(this.data);
        }
        else {
            out.writeBytes(DATA_BASE64);
            out.writeBytes(Base64.getEncoder().encode(this.data));
            out.write('"');
        }
        out.write('}');
        return out.toByteArray();
    }

    /**
     * Writes {@code time} as {@link Instant#toString()} does, without its formatter for
     * the years 0000 to 9999 (a pushed batch writes one per event).
     */
    static void writeTime(ByteArrayOutputStream out, Instant time) {
        long seconds = time.getEpochSecond();
        long day = Math.floorDiv(seconds, 86_400);
        if (day < FIRST_DAY || day > LAST_DAY) {
            out.writeBytes(ascii("\"" + time + "\""));
            return;
        }
        LocalDate date = LocalDate.ofEpochDay(day);
        int second = (int) Math.floorMod(seconds, 86_400);
        byte[] text = new byte[32];
        int at = 0;
        text[at++] = '"';
        at = digits(text, at, date.getYear(), 4);
        text[at++] = '-';
        at = digits(text, at, date.getMonthValue(), 2);
        text[at++] = '-';
        at = digits(text, at, date.getDayOfMonth(), 2);
        text[at++] = 'T';
        at = digits(text, at, second / 3600, 2);
        text[at++] = ':';
        at = digits(text, at, second / 60 % 60, 2);
        text[at++] = ':';
        at = digits(text, at, second % 60, 2);
        int nanos = time.getNano();
        if (nanos > 0) {
            // as ISO_INSTANT: milli-, micro- or nanoseconds, whichever says it exactly
            text[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                at = digits(text, at, nanos / 1_000_000, 3);
            }
            else if (nanos % 1000 == 0) {
                at = digits(text, at, nanos / 1000, 6);
            }
            else {
                at = digits(text, at, nanos, 9);
            }
        }
        text[at++] = 'Z';
        text[at++] = '"';
        out.write(text, 0, at);
    }

    private static int digits(byte[] text, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + count;
    }

    /** The headers every Weir record carries for this event. */
    public Headers headers() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CONTENT_TYPE_HEADER, CLOUDEVENTS_JSON_BYTES);
        headers.add(EVENT_ID_HEADER, this.id.getBytes(StandardCharsets.UTF_8));
        headers.add(EVENT_TYPE_HEADER, this.type.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /**
     * The Kafka record of this event: the value, the standard headers, and the key.
     * @param partition the partition, or null for the one the key chooses
     */
    public ProducerRecord<String, byte[]> toRecord(String topic, Integer partition, String key) {
        return new ProducerRecord<>(topic, partition, key, toValue(), headers());
    }

    /** The Kafka record of this event on the partition its key chooses. */
    public ProducerRecord<String, byte[]> toRecord(String topic, String key) {
        return toRecord(topic, null, key);
    }

    /**
     * Reads the event a Weir record holds.
     * @throws MalformedEnvelopeException when the value is not a CloudEvents JSON event
     */
    public static Envelope from(ConsumerRecord<?, byte[]> record) {
        return parse(record.value());
    }

    /**
     * Reads an event from its CloudEvents JSON form (structured mode). JSON data is
     * returned as the bytes it had in the value, without parsing it into objects.
     * @throws MalformedEnvelopeException when it is not one
     */
    public static Envelope parse(byte[] value) {
        if (value == null) {
            throw new MalformedEnvelopeException("the record has no value (a tombstone)");
        }
        String id = null;
        String source = null;
        String type = null;
        String subject = null;
        String time = null;
        String contentType = null;
        byte[] data = null;
        String specVersion = null;
        try (JsonParser parser = FACTORY.createParser(tools.jackson.core.ObjectReadContext.empty(), value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedEnvelopeException("the value is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "specversion" -> specVersion = text(parser, name);
                    case "id" -> id = text(parser, name);
                    case "source" -> source = text(parser, name);
                    case "type" -> type = text(parser, name);
                    case "subject" -> subject = (token == JsonToken.VALUE_NULL) ? null : text(parser, name);
                    case "time" -> time = text(parser, name);
                    case "datacontenttype" -> contentType = text(parser, name);
                    case "data" -> {
                        int start = (int) parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        int end = (int) parser.currentLocation().getByteOffset();
                        data = Arrays.copyOfRange(value, start, end);
                    }
                    case "data_base64" -> data = Base64.getDecoder().decode(text(parser, name));
                    default -> parser.skipChildren();
                }
            }
        }
        catch (JacksonException | IllegalArgumentException ex) {
            throw new MalformedEnvelopeException("the value is not CloudEvents JSON: " + ex.getMessage());
        }
        if (!"1.0".equals(specVersion)) {
            throw new MalformedEnvelopeException("specversion is " + specVersion + ", not 1.0");
        }
        try {
            return new Envelope(id, URI.create(Objects.requireNonNull(source, "source")), type, subject,
                    EventTimes.parse(Objects.requireNonNull(time, "time")), (contentType != null) ? contentType : JSON,
                    (data != null) ? data : new byte[0]);
        }
        catch (NullPointerException | IllegalArgumentException | DateTimeParseException ex) {
            throw new MalformedEnvelopeException("the event lacks or garbles an attribute: " + ex.getMessage());
        }
    }

    /** The text of a header of the record, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
    }

    static boolean isJson(String mediaType) {
        String type = mediaType.toLowerCase(java.util.Locale.ROOT);
        int parameters = type.indexOf(';');
        if (parameters >= 0) {
            type = type.substring(0, parameters).strip();
        }
        return type.equals(JSON) || type.endsWith("+json") || type.equals("text/json");
    }

    private static String text(JsonParser parser, String name) {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new MalformedEnvelopeException("'" + name + "' is not a string");
        }
        return parser.getString();
    }

    private static void quoted(ByteArrayOutputStream out, String text) {
        out.write('"');
        // ids, sources, types and keys are nearly always printable ASCII that needs no
        // escape: their bytes as they are, without the encoder's buffers
        out.writeBytes(plainAscii(text) ? text.getBytes(StandardCharsets.US_ASCII) : STRINGS.quoteAsUTF8(text));
        out.write('"');
    }

    private static boolean plainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("An envelope needs a non-empty " + name);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Envelope that && this.id.equals(that.id) && this.source.equals(that.source)
                && this.type.equals(that.type) && Objects.equals(this.subject, that.subject)
                && this.time.equals(that.time) && this.dataContentType.equals(that.dataContentType)
                && Arrays.equals(this.data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.id, this.source, this.type, this.subject, this.time, this.dataContentType,
                Arrays.hashCode(this.data));
    }

    @Override
    public String toString() {
        return "Envelope[id=" + this.id + ", source=" + this.source + ", type=" + this.type + ", subject="
                + this.subject + ", time=" + this.time + ", dataContentType=" + this.dataContentType + ", data="
                + this.data.length + " bytes]";
    }

    /** A record's value is not a Weir envelope. */
    public static final class MalformedEnvelopeException extends RuntimeException {

        MalformedEnvelopeException(String message) {
            super(message);
        }

    }

}
