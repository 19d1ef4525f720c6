package dev.weir.ingest.push;

import java.util.Map;

/**
 * A push as received, whatever the transport.
 *
 * @param format how the body holds its events
 * @param gzip whether the body is gzip-compressed ({@code Content-Encoding: gzip})
 * @param body the body as sent
 * @param cloudEventHeaders the {@code ce-*} headers, lower case (binary mode)
 * @param idempotencyKey the {@code Idempotency-Key}, or null
 * @param partial whether valid events are accepted when others are not
 * @param caller who pushes (the subject of the caller's token, "" if unknown): the
 * {@code Idempotency-Key}s of one caller are apart from another's
 */
public record PushRequest(PushFormat format, boolean gzip, byte[] body, Map<String, String> cloudEventHeaders,
        String idempotencyKey, boolean partial, String caller) {

    public PushRequest {
        cloudEventHeaders = Map.copyOf(cloudEventHeaders);
    }

}
