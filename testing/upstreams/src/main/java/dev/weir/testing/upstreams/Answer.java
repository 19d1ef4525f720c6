package dev.weir.testing.upstreams;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an upstream answers to one request, before faults and latency are applied.
 *
 * @param status the HTTP status
 * @param headers the response headers besides {@code Content-Type}
 * @param contentType the content type of the body
 * @param body the body bytes
 * @param source where the body came from ({@code recorded}, {@code derived} or
 * {@code synthetic}, and the file), sent as {@code X-Weir-Upstream-Source}; {@code null}
 * for answers the upstream makes up itself (errors)
 */
record Answer(int status, Map<String, String> headers, String contentType, byte[] body, String source) {

    static final String JSON = "application/json; charset=utf-8";

    static Answer json(int status, byte[] body, String source) {
        return new Answer(status, Map.of(), JSON, body, source);
    }

    static Answer json(int status, String body) {
        return new Answer(status, Map.of(), JSON, body.getBytes(StandardCharsets.UTF_8), null);
    }

    /**
     * A small JSON error body, {@code {"message": "..."}}, for the answers no recording
     * holds.
     */
    static Answer error(int status, String message) {
        return json(status, "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    Answer withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(this.headers);
        copy.put(name, value);
        return new Answer(this.status, Map.copyOf(copy), this.contentType, this.body, this.source);
    }

}
