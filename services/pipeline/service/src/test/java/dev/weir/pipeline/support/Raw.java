package dev.weir.pipeline.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import dev.weir.pipeline.spi.RawRecord;
import dev.weir.platform.kafka.Envelope;

/** Raw records for cleaner tests, as the clean stage would hand them over. */
public final class Raw {

    private Raw() {
    }

    /** A bare JSON value with headers. */
    public static RawRecord bare(String topic, String key, String json, Map<String, String> headers) {
        return new RawRecord(topic, 0, 7, key, Instant.parse("2026-12-05T10:00:00Z"), headers, null,
                json.getBytes(StandardCharsets.UTF_8), null);
    }

    /** An enveloped record. */
    public static RawRecord event(String topic, String id, String type, String subject, Instant time, String json) {
        Envelope envelope = new Envelope(id, URI.create("/weir/test"), type, subject, time, Envelope.JSON,
                json.getBytes(StandardCharsets.UTF_8));
        return new RawRecord(topic, 1, 42, subject, Instant.parse("2026-12-05T10:00:00Z"), Map.of(), envelope,
                envelope.data(), null);
    }

}
