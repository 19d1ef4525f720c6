package dev.weir.testing.upstreams;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A failure an upstream answers instead of (or on top of) its normal answer, and to which
 * requests: an immutable value, scripted through {@link Upstream#faults()}.
 *
 * <pre>{@code
 * fhrs.faults().inject(Fault.tooManyRequests(RetryAfter.seconds(2)).times(3));      // the next 3 requests
 * fhrs.faults().inject(Fault.status(503).times(5));                                 // a burst of 503s
 * fhrs.faults().inject(Fault.status(401).on("/Authorities").always());              // auth fails for good
 * fhrs.faults().inject(Fault.truncatedBody().on("/Establishments").withQuery("pageNumber", "3"));
 * fhrs.faults().inject(Fault.contentChanges().on("/Establishments").fromFetch(2).always()); // data moved on
 * fhrs.faults().inject(Fault.status(401).unlessHeader("X-Api-Key", "k1").always()); // credentials checked
 * fhrs.faults().inject(Fault.answer(200, "text/html", "<html>502 Bad Gateway</html>")); // a proxy's error page
 * }</pre>
 *
 * By default a fault applies to the next matching request once. Paths compare
 * case-insensitively; query parameters named with {@link #withQuery} must all be present
 * with those values (others may be there too); a request carrying every header named with
 * {@link #unlessHeader} is spared.
 */
public final class Fault {

    private final Effect effect;

    private final String path;

    private final Map<String, String> query;

    private final Map<String, String> unlessHeaders;

    private final int times;

    private final int fromFetch;

    private Fault(Effect effect, String path, Map<String, String> query, Map<String, String> unlessHeaders, int times,
            int fromFetch) {
        this.effect = effect;
        this.path = path;
        this.query = query;
        this.unlessHeaders = unlessHeaders;
        this.times = times;
        this.fromFetch = fromFetch;
    }

    private static Fault of(Effect effect) {
        return new Fault(effect, null, Map.of(), Map.of(), 1, 1);
    }

    /** {@code 429 Too Many Requests} with this {@code Retry-After}. */
    public static Fault tooManyRequests(RetryAfter retryAfter) {
        return of(new Effect.Status(429, retryAfter));
    }

    /**
     * An error status with a small JSON body: 500, 502, 503 bursts, or 401, 403, 404 on a
     * resource. Add a {@code Retry-After} with {@link #retryAfter}.
     */
    public static Fault status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("A fault status is 4xx or 5xx, not " + status);
        }
        return of(new Effect.Status(status, null));
    }

    /**
     * The normal answer, this much later than the upstream's latency: a read timeout for
     * a client that waits less.
     */
    public static Fault delay(Duration extra) {
        return of(new Effect.Delay(extra));
    }

    /**
     * The normal status and headers with a {@code Content-Length} of the whole body, then
     * half of the body and the connection closed: the client sees the body end early.
     */
    public static Fault truncatedBody() {
        return of(new Effect.TruncatedBody());
    }

    /**
     * A complete {@code 200} whose body is not valid JSON (the first half of the normal
     * body).
     */
    public static Fault malformedJson() {
        return of(new Effect.MalformedJson());
    }

    /**
     * The data changed since the last fetch: for FHRS, the first establishment of the
     * list asked for is deleted, so every later record moves up one place, across page
     * boundaries, and the total drops by one; for Open-Meteo, a newer model run
     * (temperatures 0.1 °C higher). Combine with {@link #fromFetch(int) fromFetch(2)} and
     * {@link #always()} for "a page whose content changes between two fetches".
     */
    public static Fault contentChanges() {
        return of(new Effect.ContentChanges());
    }

    /**
     * The connection reset (TCP RST) before any answer. The JDK's {@code HttpClient}
     * retries a {@code GET} once on its own when a kept-alive connection is reset, so a
     * client of it sees the failure only from {@link #times(int) times(2)} on.
     */

    public static Fault connectionReset() {
        return of(new Effect.ConnectionReset());
    }

    /**
     * This answer instead of the upstream's, for what no other fault says: a {@code 200}
     * HTML error page from a proxy, a page of another shape, an error body a test needs
     * word for word, a record changed upstream. No {@code X-Weir-Upstream-Source}; a
     * {@code 200} of it does not count as served (it is not the data).
     * @param status the HTTP status
     * @param contentType its {@code Content-Type}
     * @param body the body, sent as UTF-8
     */
    public static Fault answer(int status, String contentType, String body) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("An answer's status is 2xx to 5xx, not " + status);
        }
        return of(new Effect.Replacement(status, Objects.requireNonNull(contentType), Objects.requireNonNull(body)));
    }

    /**
     * Adds a {@code Retry-After} to a {@link #status(int)} fault (a 503 with one, say).
     */
    public Fault retryAfter(RetryAfter retryAfter) {
        if (!(this.effect instanceof Effect.Status status)) {
            throw new IllegalStateException("Only a status fault carries a Retry-After");
        }
        return new Fault(new Effect.Status(status.status(), retryAfter), this.path, this.query, this.unlessHeaders,
                this.times, this.fromFetch);
    }

    /** Only requests for this path (case-insensitive, as the FHRS API compares paths). */
    public Fault on(String path) {
        return new Fault(this.effect, path, this.query, this.unlessHeaders, this.times, this.fromFetch);
    }

    /**
     * Only requests carrying this query parameter with this value (the name compared
     * case-insensitively).
     */
    public Fault withQuery(String name, String value) {
        Map<String, String> query = new LinkedHashMap<>(this.query);
        query.put(name, value);
        return new Fault(this.effect, this.path, Map.copyOf(query), this.unlessHeaders, this.times, this.fromFetch);
    }

    /**
     * Only requests that do not carry this header with exactly this value (the name
     * compared case-insensitively): an upstream that refuses requests without the right
     * credentials, {@code Fault.status(401).unlessHeader("Authorization", "Bearer t1")}.
     * Named again with other headers, it spares only requests that carry all of them.
     */
    public Fault unlessHeader(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(this.unlessHeaders);
        headers.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return new Fault(this.effect, this.path, this.query, Map.copyOf(headers), this.times, this.fromFetch);
    }

    /** The next {@code n} matching requests (default 1). */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        return new Fault(this.effect, this.path, this.query, this.unlessHeaders, n, this.fromFetch);
    }

    /**
     * Every matching request, until {@link Faults#clear() cleared} or
     * {@link InjectedFault#cancel() cancelled}.
     */
    public Fault always() {
        return new Fault(this.effect, this.path, this.query, this.unlessHeaders, Integer.MAX_VALUE, this.fromFetch);
    }

    /**
     * Only from the {@code n}-th request for the same URL on ({@code fromFetch(2)}:
     * refetches, never the first fetch). URLs compare as {@link Counters} counts them:
     * path case-insensitive, query parameters in any order.
     */
    public Fault fromFetch(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("fromFetch counts from 1");
        }
        return new Fault(this.effect, this.path, this.query, this.unlessHeaders, this.times, n);
    }

    Effect effect() {
        return this.effect;
    }

    int times() {
        return this.times;
    }

    boolean matches(UpstreamRequest request, long fetch) {
        if (fetch < this.fromFetch) {
            return false;
        }
        if (this.path != null && !request.normalisedPath().equals(normalise(this.path))) {
            return false;
        }
        if (!this.unlessHeaders.isEmpty() && this.unlessHeaders.entrySet()
            .stream()
            .allMatch((spared) -> spared.getValue().equals(request.header(spared.getKey())))) {
            return false;
        }
        return this.query.entrySet()
            .stream()
            .allMatch((expected) -> expected.getValue().equals(request.param(expected.getKey())));
    }

    private static String normalise(String path) {
        String trimmed = (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
        return trimmed.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return this.effect + " on " + ((this.path != null) ? this.path : "any path")
                + (this.query.isEmpty() ? "" : " " + this.query)
                + (this.unlessHeaders.isEmpty() ? "" : " unless headers " + this.unlessHeaders.keySet())
                + ((this.times == Integer.MAX_VALUE) ? " always" : " x" + this.times)
                + ((this.fromFetch > 1) ? " from fetch " + this.fromFetch : "");
    }

    /** What a fault does to the answer. */
    sealed interface Effect {

        record Status(int status, RetryAfter retryAfter) implements Effect {
        }

        record Delay(Duration extra) implements Effect {
        }

        record TruncatedBody() implements Effect {
        }

        record MalformedJson() implements Effect {
        }

        record ContentChanges() implements Effect {
        }

        record ConnectionReset() implements Effect {
        }

        record Replacement(int status, String contentType, String body) implements Effect {

            @Override
            public String toString() {
                return "Replacement[" + this.status + " " + this.contentType + ", " + this.body.length() + " chars]";
            }

        }

    }

}
