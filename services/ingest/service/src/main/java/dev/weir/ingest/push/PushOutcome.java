package dev.weir.ingest.push;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to a push: {@code 202 Accepted} once Kafka acknowledged every accepted
 * event.
 *
 * @param stream the stream
 * @param accepted how many events were accepted (written, acknowledged)
 * @param rejected how many were refused ({@code ?partial=true} only)
 * @param ids the accepted events' ids, in request order
 * @param results with {@code ?partial=true}: every event's outcome, in request order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PushOutcome(String stream, int accepted, Integer rejected, List<String> ids, List<EventResult> results) {

    /**
     * One event's outcome with {@code ?partial=true}.
     *
     * @param index its position in the request, from 0
     * @param status {@code accepted} or {@code rejected}
     * @param id its id, when accepted
     * @param errors why it was refused
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventResult(int index, String status, String id, List<EventError> errors) {
    }

    /**
     * Why an event was refused.
     *
     * @param index its position in the request, from 0
     * @param pointer where in the event (a JSON Pointer; empty: the event itself)
     * @param message what is wrong
     */
    public record EventError(int index, String pointer, String message) {
    }

}
