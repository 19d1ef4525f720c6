package dev.weir.ingest.push;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.networknt.schema.Error;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Service;

import dev.weir.ingest.system.IngestProperties;
import dev.weir.platform.kafka.Envelope;
import dev.weir.platform.kafka.EventIds;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes pushed events into a stream: reads the body, checks every event against the
 * stream's schema, and writes the valid ones to {@code weir.raw.<stream>} in the record
 * envelope, answering only once Kafka acknowledged them all (docs/push.md). By default a
 * batch is taken whole or not at all; with {@code partial} the valid events are taken and
 * the answer says what happened to each.
 */
@Service
public class PushService {

    private final StreamCatalog catalog;

    private final PushProducer producer;

    private final IdempotencyKeys keys;

    private final PushMetrics metrics;

    private final JsonMapper json;

    private final EventReader reader;

    private final int maxEvents;

    private final long maxEventBytes;

    private final Duration ackTimeout;

    PushService(StreamCatalog catalog, PushProducer producer, IdempotencyKeys keys, PushMetrics metrics,
            JsonMapper json, IngestProperties properties) {
        this.catalog = catalog;
        this.producer = producer;
        this.keys = keys;
        this.metrics = metrics;
        this.json = json;
        IngestProperties.Push push = properties.push();
        this.reader = new EventReader(push.maxNesting(), push.maxEventBytes().toBytes(),
                push.maxDecompressedBody().toBytes());
        this.maxEvents = push.maxEvents();
        this.maxEventBytes = push.maxEventBytes().toBytes();
        this.ackTimeout = push.ackTimeout();
    }

    /**
     * Takes a request's events into the stream.
     * @return the answer: 202 with the accepted ids (and, with {@code partial}, every
     * event's outcome), or the stored answer of the first request with the same
     * {@code Idempotency-Key}
     * @throws PushFailure 400, 404, 409, 413, 422 or 503 (see docs/push.md)
     */
    public PushAnswer push(String streamName, PushRequest request) throws InterruptedException {
        CompiledStream stream = this.catalog.compiled(streamName);
        String name = stream.name();
        List<IncomingEvent> events;
        try {
            events = this.reader.read(request);
        }
        catch (PushFailure ex) {
            this.metrics.request(name, (ex.kind().httpStatus() == 413) ? "too_large" : "malformed");
            throw ex;
        }
        if (events.size() > this.maxEvents) {
            this.metrics.request(name, "too_large");
            this.metrics.rejected(name, "too_many", events.size());
            throw PushFailure.tooManyEvents(events.size(), this.maxEvents);
        }
        Checked checked = check(stream, events);
        if (!checked.errors().isEmpty() && (!request.partial() || checked.valid().isEmpty())) {
            this.metrics.request(name, "invalid");
            this.metrics.rejected(name, checked.tooLarge() ? "too_large" : "schema", events.size());
            if (checked.tooLarge() && !request.partial()) {
                throw PushFailure.eventsTooLarge(this.maxEventBytes, checked.errors());
            }
            throw PushFailure.invalidEvents(name, events.size(), checked.errors());
        }
        String key = request.idempotencyKey();
        if (key != null) {
            IdempotencyKeys.Stored stored = this.keys.claim(name, request.caller(), key, IdempotencyKeys.hash(request));
            if (stored != null) {
                this.metrics.request(name, "replayed");
                return new PushAnswer(stored.status(), this.json.readTree(stored.answer()), true);
            }
        }
        List<String> ids = new ArrayList<>(checked.valid().size());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(checked.valid().size());
        long receivedAt = System.currentTimeMillis();
        StreamDefinition definition = stream.definition();
        for (Valid valid : checked.valid()) {
            IncomingEvent event = valid.event();
            String id = (event.id() != null) ? event.id() : (key != null)
                    ? IdempotencyKeys.eventId(name, request.caller(), key, event.index()) : EventIds.next();
            String type = (event.type() != null) ? event.type() : definition.defaultType();
            Envelope envelope = new Envelope(id, definition.eventSource(), type, valid.key(), valid.time(),
                    Envelope.JSON, event.data());
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(definition.topic(), null, receivedAt,
                    valid.key(), envelope.toValue(), envelope.headers());
            record.headers().add(CompiledStream.SCHEMA_VERSION_HEADER, stream.versionHeader());
            records.add(record);
            ids.add(id);
        }
        long sent = System.nanoTime();
        try {
            this.producer.sendAll(records, this.ackTimeout);
        }
        catch (PushProducer.NotStoredException ex) {
            if (key != null) {
                this.keys.release(name, request.caller(), key);
            }
            this.metrics.request(name, "not_stored");
            throw PushFailure.notStored(name, ex.getMessage());
        }
        catch (InterruptedException ex) {
            if (key != null) {
                this.keys.release(name, request.caller(), key);
            }
            throw ex;
        }
        this.metrics.accepted(name, records.size(), System.nanoTime() - sent);
        this.metrics.request(name, "accepted");
        PushOutcome outcome = request.partial() ? partialOutcome(name, events.size(), checked, ids)
                : new PushOutcome(name, ids.size(), null, ids, null);
        if (!checked.errors().isEmpty()) {
            this.metrics.rejected(name, checked.tooLarge() ? "too_large" : "schema",
                    events.size() - checked.valid().size());
        }
        if (key != null) {
            this.keys.complete(name, request.caller(), key, 202, this.json.writeValueAsString(outcome));
        }
        return new PushAnswer(202, outcome, false);
    }

    private Checked check(CompiledStream stream, List<IncomingEvent> events) {
        List<Valid> valid = new ArrayList<>(events.size());
        List<PushOutcome.EventError> errors = new ArrayList<>();
        boolean tooLarge = false;
        for (IncomingEvent event : events) {
            int before = errors.size();
            if (event.problem() != null) {
                errors.add(new PushOutcome.EventError(event.index(), event.pointer(), event.problem()));
                continue;
            }
            if (event.data().length > this.maxEventBytes) {
                errors.add(new PushOutcome.EventError(event.index(), "",
                        "has " + event.data().length + " bytes; the limit is " + this.maxEventBytes));
                tooLarge = true;
                continue;
            }
            if (!stream.certainlyValid(event.node())) {
                validate(stream, event, errors);
                if (errors.size() > before) {
                    continue;
                }
            }
            JsonNode keyNode = event.node().at(stream.key());
            String key = (keyNode.isString() || keyNode.isNumber()) ? keyNode.asString() : null;
            if (key == null || key.isEmpty()) {
                errors.add(new PushOutcome.EventError(event.index(), stream.key().toString(),
                        "is the stream's key: it must be a non-empty string or a number"));
            }
            JsonNode timeNode = event.node().at(stream.time());
            // a CloudEvent's own time stands in only when the event has no time field
            Instant time = timeNode.isMissingNode() ? event.time() : EventTime.of(timeNode);
            if (time == null) {
                errors.add(new PushOutcome.EventError(event.index(), stream.time().toString(),
                        "is the stream's event time: it must be an RFC 3339 date-time with an offset, "
                                + "or seconds or milliseconds since the epoch"));
            }
            if (errors.size() == before) {
                valid.add(new Valid(event, key, time));
            }
        }
        return new Checked(valid, errors, tooLarge);
    }

    private static void validate(CompiledStream stream, IncomingEvent event, List<PushOutcome.EventError> errors) {
        try {
            for (Error error : stream.validator().validate(event.node())) {
                errors.add(new PushOutcome.EventError(event.index(), pointer(error), message(error)));
            }
        }
        catch (RuntimeException ex) {
            // the validator cannot compare some values (1e400 against a minimum): refused
            errors.add(new PushOutcome.EventError(event.index(), "",
                    "holds a value the schema cannot check (" + ex.getMessage() + ")"));
        }
    }

    private static PushOutcome partialOutcome(String stream, int count, Checked checked, List<String> ids) {
        List<PushOutcome.EventResult> results = new ArrayList<>(count);
        List<List<PushOutcome.EventError>> byEvent = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byEvent.add(null);
        }
        for (PushOutcome.EventError error : checked.errors()) {
            if (byEvent.get(error.index()) == null) {
                byEvent.set(error.index(), new ArrayList<>());
            }
            byEvent.get(error.index()).add(error);
        }
        int next = 0;
        for (int i = 0; i < count; i++) {
            if (byEvent.get(i) == null) {
                results.add(new PushOutcome.EventResult(i, "accepted", ids.get(next++), null));
            }
            else {
                results.add(new PushOutcome.EventResult(i, "rejected", null, byEvent.get(i)));
            }
        }
        return new PushOutcome(stream, ids.size(), count - ids.size(), ids, results);
    }

    private static String pointer(Error error) {
        String location = (error.getInstanceLocation() != null) ? error.getInstanceLocation().toString() : "";
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            location = location + "/" + error.getProperty();
        }
        return location;
    }

    private static String message(Error error) {
        String message = error.getMessage();
        String location = (error.getInstanceLocation() != null) ? error.getInstanceLocation().toString() : "";
        if (!location.isEmpty() && message.startsWith(location + ": ")) {
            return message.substring(location.length() + 2);
        }
        return message;
    }

    /** An event that passed every check, with its key and time. */
    private record Valid(IncomingEvent event, String key, Instant time) {
    }

    private record Checked(List<Valid> valid, List<PushOutcome.EventError> errors, boolean tooLarge) {
    }

    /**
     * The answer to a push.
     *
     * @param status the HTTP status (202)
     * @param body a {@link PushOutcome}, or the stored answer of a replay
     * @param replayed whether it is the stored answer of an earlier request with the same
     * key
     */
    public record PushAnswer(int status, Object body, boolean replayed) {
    }

}
