package dev.weir.ingest.push;

import java.util.List;
import java.util.Locale;

/**
 * How a request's body holds its events, told by its {@code Content-Type} and headers.
 */
public enum PushFormat {

    /**
     * {@code application/json}: one event (an object) or several (an array of objects).
     */
    JSON,

    /** {@code application/x-ndjson}: one event per line. */
    NDJSON,

    /** {@code application/cloudevents+json}: one CloudEvent, structured mode. */
    CLOUDEVENT,

    /** {@code application/cloudevents-batch+json}: an array of structured CloudEvents. */
    CLOUDEVENTS_BATCH,

    /**
     * Binary mode: a {@code ce-specversion} header; the attributes are {@code ce-*}
     * headers and the body, {@code application/json}, is the event's data.
     */
    CLOUDEVENT_BINARY;

    /** The media types a push may have. */
    public static final List<String> MEDIA_TYPES = List.of("application/json", "application/x-ndjson",
            "application/cloudevents+json", "application/cloudevents-batch+json");

    /**
     * The format of a request, or null if its media type is not one Weir reads.
     * @param contentType the {@code Content-Type} (parameters such as charset allowed)
     * @param binary whether it has a {@code ce-specversion} header
     */
    public static PushFormat of(String contentType, boolean binary) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int parameters = type.indexOf(';');
        if (parameters >= 0) {
            type = type.substring(0, parameters);
        }
        type = type.strip();
        if (binary) {
            return type.equals("application/json") ? CLOUDEVENT_BINARY : null;
        }
        return switch (type) {
            case "application/json" -> JSON;
            case "application/x-ndjson", "application/jsonl", "application/ndjson" -> NDJSON;
            case "application/cloudevents+json" -> CLOUDEVENT;
            case "application/cloudevents-batch+json" -> CLOUDEVENTS_BATCH;
            default -> null;
        };
    }

}
