package dev.weir.ingest.push;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * One event as read from a request, before it is checked against its stream.
 *
 * @param index its position in the request, from 0
 * @param data its JSON data as sent (the bytes written to Kafka), or null if unreadable
 * @param node the data parsed, or null
 * @param id the CloudEvents {@code id}, or null (Weir assigns one)
 * @param type the CloudEvents {@code type}, or null
 * @param time the CloudEvents {@code time}, or null
 * @param problem why it cannot be taken (not an object, not a CloudEvent, ...), or null
 * @param pointer where the problem is, a JSON Pointer ({@code ""}: the event)
 */
record IncomingEvent(int index, byte[] data, JsonNode node, String id, String type, Instant time, String problem,
        String pointer) {

    static IncomingEvent of(int index, byte[] data, JsonNode node) {
        return new IncomingEvent(index, data, node, null, null, null, null, "");
    }

    static IncomingEvent refused(int index, String pointer, String problem) {
        return new IncomingEvent(index, null, null, null, null, null, problem, pointer);
    }

    /**
     * Why an event is refused.
     *
     * @param pointer where, a JSON Pointer into the event ({@code ""}: the event), or a
     * header's name
     * @param message what is wrong, in the client's terms
     */
    record Refusal(String pointer, String message) {
    }

}
