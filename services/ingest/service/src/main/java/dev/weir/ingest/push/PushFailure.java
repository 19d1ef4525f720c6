package dev.weir.ingest.push;

import java.util.List;

import dev.weir.platform.error.ErrorKind;
import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;

/**
 * The failures of a push, each with its own problem type (documented in
 * {@code docs/push.md} and {@code docs/problems.md}).
 */
public final class PushFailure extends WeirException {

    private PushFailure(ErrorKind kind, String type, String title, String detail) {
        super(kind, type, title, detail);
    }

    private PushFailure(ErrorKind kind, String type, String title, String detail, List<FieldError> errors) {
        super(kind, type, title, detail, errors);
    }

    /** 400: the body cannot be read (not JSON, not gzip, not a CloudEvent). */
    static PushFailure malformed(String detail) {
        return new PushFailure(ErrorKind.MALFORMED, ErrorKind.MALFORMED.slug(), "Malformed request body", detail);
    }

    /** 413: the body, once decompressed, is over the limit. */
    static PushFailure tooLarge(String detail) {
        return new PushFailure(ErrorKind.TOO_LARGE, ErrorKind.TOO_LARGE.slug(), "Request body too large", detail);
    }

    /** 413: more events than one request may carry. */
    static PushFailure tooManyEvents(int count, int limit) {
        PushFailure failure = new PushFailure(ErrorKind.TOO_LARGE, "too-many-events", "Too many events",
                "The request holds " + count + " events; at most " + limit
                        + " are taken in one request (weir.ingest.push.max-events). Send smaller batches.");
        failure.with("max_events", limit);
        return failure;
    }

    /**
     * 413: events over the size limit (and possibly others invalid), nothing accepted.
     */
    static PushFailure eventsTooLarge(long limit, List<PushOutcome.EventError> errors) {
        PushFailure failure = new PushFailure(ErrorKind.TOO_LARGE, "event-too-large", "Event too large", summary(errors)
                + " Events are at most " + limit + " bytes (weir.ingest.push.max-event-bytes); nothing was accepted.");
        failure.with("max_event_bytes", limit);
        failure.with("errors", errors);
        return failure;
    }

    /** 422: events that break the stream's schema, nothing accepted. */
    static PushFailure invalidEvents(String stream, int count, List<PushOutcome.EventError> errors) {
        PushFailure failure = new PushFailure(ErrorKind.INVALID, "invalid-events", "Invalid events",
                summary(errors) + " The batch of " + count + " was rejected whole; nothing was accepted "
                        + "(send ?partial=true to accept the valid ones).");
        failure.with("stream", stream);
        failure.with("errors", errors);
        return failure;
    }

    /** 422: a stream declaration with problems. */
    static PushFailure invalidDefinition(String name, List<FieldError> problems) {
        String detail = "Stream '" + name + "' is not valid: "
                + problems.stream().map((p) -> p.field() + " " + p.detail()).reduce((a, b) -> a + "; " + b).orElse("");
        PushFailure failure = new PushFailure(ErrorKind.INVALID, "invalid-stream", "Invalid stream declaration", detail,
                problems);
        failure.with("stream", name);
        return failure;
    }

    /** 422: an Idempotency-Key sent again with another request. */
    static PushFailure keyReused(String key) {
        PushFailure failure = new PushFailure(ErrorKind.INVALID, "idempotency-key-reused", "Idempotency key reused",
                "Idempotency-Key '" + key + "' was used for another request (a different body, format or "
                        + "partial flag). A retry must send the same request; a new request needs a new key.");
        failure.with("idempotency_key", key);
        return failure;
    }

    /** 409: the first request with this key is still being answered. */
    static PushFailure keyInUse(String key) {
        PushFailure failure = new PushFailure(ErrorKind.CONFLICT, "idempotency-key-in-use", "Idempotency key in use",
                "A request with Idempotency-Key '" + key
                        + "' is still being processed. Retry in a moment to get its answer.");
        failure.with("idempotency_key", key);
        return failure;
    }

    /** 503 with Retry-After: Kafka did not acknowledge every event in time. */
    static PushFailure notStored(String stream, String cause) {
        PushFailure failure = new PushFailure(ErrorKind.UNAVAILABLE, "events-not-stored", "Events not stored",
                "Kafka did not acknowledge every event in time (" + cause + "), so none is promised: some may "
                        + "have been written. Retry later with the same Idempotency-Key or event ids, and repeats "
                        + "are recognised.");
        failure.with("stream", stream);
        return failure;
    }

    private static String summary(List<PushOutcome.EventError> errors) {
        long events = errors.stream().mapToInt(PushOutcome.EventError::index).distinct().count();
        PushOutcome.EventError first = errors.get(0);
        return events + " event" + ((events == 1) ? "" : "s") + " refused; the first: event " + first.index() + " "
                + (first.pointer().isEmpty() ? "" : first.pointer() + " ") + first.message() + ".";
    }

}
