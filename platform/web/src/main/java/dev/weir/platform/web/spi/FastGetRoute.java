package dev.weir.platform.web.spi;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A read a service answers on a short path, in front of the full servlet stack:
 * {@code GET prefix + key}, where the key is one path segment (for example
 * {@code GET /customer/17850}).
 * <p>
 * A route answers only the plain case: the resource exists, so the answer is 200 with its
 * JSON, or 304 when {@code If-None-Match} carries its ETag. Everything else — the
 * resource is missing, the lookup fails, the request has a query string, an encoded or
 * empty key, or an {@code Accept} header that excludes JSON — falls through to the full
 * stack (Spring MVC), which answers with the same body, or with the right problem. The
 * route must therefore answer exactly what the full stack's controller answers for the
 * same resource: same body record, same ETag.
 */
public interface FastGetRoute {

    /** The path before the key, with its slashes: {@code /customer/}. */
    String prefix();

    /**
     * The resource with this key, or empty to let the full stack answer. A failure,
     * thrown or in the stage, also lets the full stack answer.
     * <p>
     * This is called on the server's I/O thread, which reads every connection's requests:
     * it must not block. Work that blocks (a query) goes to {@code blocking}, and the
     * stage completes later on whichever thread did it.
     * @param key the path segment after the prefix, not empty, without {@code /} or
     * {@code %}
     * @param blocking the server's worker threads
     */
    CompletionStage<Optional<Found>> find(String key, Executor blocking);

    /**
     * A resource found.
     *
     * @param etag its strong ETag, quoted
     * @param body the response record, serialised with the service's JSON mapper
     */
    record Found(String etag, Object body) {
    }

}
