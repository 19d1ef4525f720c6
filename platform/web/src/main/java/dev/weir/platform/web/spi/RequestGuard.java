package dev.weir.platform.web.spi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.weir.platform.error.WeirException;

/**
 * A check every HTTP request of a service passes before anything looks anything up: on
 * the fast GET routes (before the route is asked) and on the Spring MVC path (a servlet
 * filter, before any controller), so neither path is a way around it. A bean of this type
 * is picked up by every Weir HTTP service; none is installed by default. The edge's JWT
 * check is one.
 * <p>
 * On the fast path a guard runs on the server's I/O thread: it must not block (verify
 * tokens with keys already at hand; fetch keys in the background). Guards run in their
 * {@code @Order}; the first refusal answers.
 */
@FunctionalInterface
public interface RequestGuard {

    /**
     * Empty to let the request go on, or the refusal to answer it with (a 401 or 403
     * problem, as a rule).
     */
    Optional<Refusal> check(Request request);

    /** What a guard sees of a request, the same on both paths. */
    interface Request {

        /** {@code GET}, {@code POST}, ... */
        String method();

        /** The path, as the client sent it (not decoded), without the query string. */
        String path();

        /** The first value of a header, or {@code null} when the request has none. */
        String header(String name);

    }

    /**
     * A request refused: answered with the problem, and these headers (for a 401, a
     * {@code WWW-Authenticate} challenge).
     *
     * @param problem the problem, of kind {@code UNAUTHENTICATED} or {@code FORBIDDEN} as
     * a rule
     * @param headers headers of the answer, by name
     */
    record Refusal(WeirException problem, Map<String, String> headers) {

        public Refusal {
            headers = Map.copyOf(headers);
        }

        public static Refusal of(WeirException problem) {
            return new Refusal(problem, Map.of());
        }

        /** This refusal with one more header. */
        public Refusal withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(this.headers);
            more.put(name, value);
            return new Refusal(this.problem, more);
        }

    }

}
