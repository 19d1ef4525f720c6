package dev.weir.platform.web.spi;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import dev.weir.platform.error.WeirException;

/**
 * A read a service answers on a short path, in front of the full servlet stack:
 * {@code GET prefix + key}, where the key is one path segment (for example
 * {@code GET /customer/17850}).
 * <p>
 * A route answers what it finds: the resource ({@link Found}: 200 with its JSON, or 304
 * when {@code If-None-Match} carries its ETag), or that it is missing ({@link Missing}:
 * the problem, 404 as a rule). Both are answered here, with no second query through the
 * full stack. What a route cannot answer — the lookup fails, the request has a query
 * string, an encoded or empty key, or an {@code Accept} header that excludes JSON — goes
 * on to the full stack (Spring MVC), which answers it, or the right problem. The route
 * must therefore answer exactly what the full stack's controller answers for the same
 * resource: same body record, same ETag, same problem; build both from one place.
 * <p>
 * Before a route is asked, the {@link RequestGuard}s have let the request through.
 */
public interface FastGetRoute {

    /** The path before the key, with its slashes: {@code /customer/}. */
    String prefix();

    /**
     * What this key names: the resource, or the problem that it is missing. A failure,
     * thrown or in the stage, lets the full stack answer.
     * <p>
     * This is called on the server's I/O thread, which reads every connection's requests:
     * it must not block. Work that blocks (a query) goes to {@code blocking}, and the
     * stage completes later on whichever thread did it.
     * @param key the path segment after the prefix, not empty, without {@code /} or
     * {@code %}
     * @param blocking the server's worker threads
     */
    CompletionStage<Answer> find(String key, Executor blocking);

    /** What a route answers: {@link Found} or {@link Missing}. */
    sealed interface Answer permits Found, Missing {

    }

    /**
     * A resource found. The full stack's controller answers the same with
     * {@code ConditionalGet.answer(request, found)}.
     *
     * @param etag its strong ETag, quoted
     * @param body the response record, serialised with the service's JSON mapper
     * @param <T> the response record
     */
    record Found<T>(String etag, T body) implements Answer {

    }

    /**
     * No such resource: answered with this problem (its kind's status, as a rule 404), as
     * the full stack answers the same failure.
     *
     * @param problem what the service layer reports for the missing resource
     */
    record Missing(WeirException problem) implements Answer {

    }

}
