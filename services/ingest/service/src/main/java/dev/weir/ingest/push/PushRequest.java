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
 */
public record PushRequest(PushFormat format, boolean gzip, byte[] body, Map<String, String> cloudEventHeaders,
        String idempotencyKey, boolean partial) {

    public PushRequest {
        cloudEventHeaders = Map.copyOf(cloudEventHeaders);
    }

}
