package dev.weir.edge.route;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.weir.edge.gate.EdgeCaller;
import dev.weir.edge.gate.EdgeCallers;
import dev.weir.edge.gate.RequestIds;
import dev.weir.edge.limit.RateLimiter;
import dev.weir.edge.system.EdgeProblems;
import dev.weir.edge.system.EdgeProperties;
import dev.weir.edge.usage.UsageMeter;

/**
 * The routes' fast path: a Jetty handler in front of the servlet stack that proxies the
 * plain routed reads itself, asynchronously, with the Jetty client of the backend. The
 * same call through Spring Security's firewall, the servlet filters, Spring MVC and the
 * gateway's proxy exchange cost eight times the CPU of the service answering it, and a
 * thread waited for each answer (docs/edge.md, bench/edge).
 * <p>
 * It takes a call only when nothing in it needs the full stack: {@code GET} or
 * {@code HEAD}, no body, no query, a path of plain characters (no encoded or dot
 * segments, which the firewall refuses), no control characters in headers, an API key or
 * a bearer token that is valid, and a route without {@code strip-prefix}. Everything else
 * (refusals, browsers' logins, the edge's own operations, writes, queries) goes on to the
 * servlet stack untouched, where the gate and the gateway answer it as before.
 * <p>
 * What it does for a call is what the gate and {@link BackendCall} do: the request id,
 * the caller's rate limit ({@code 429} and the {@code RateLimit-*} headers) and usage,
 * the token for the service instead of the key, the route's header rules, the services'
 * internal headers stripped, healthy instances in turn, the circuit breaker, retries
 * within the budget, and the same problems (502, 503, 504). The answer's body is streamed
 * as it comes, and no thread waits for the backend.
 */
final class EdgeProxy extends Handler.Wrapper {

    private static final Logger log = LoggerFactory.getLogger(EdgeProxy.class);

    /** Hop-by-hop headers (and the gateway's own), never passed on either way. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "proxy-authorization", "proxy-authenticate", "x-application-context", "upgrade");

    /**
     * Request headers the edge sets itself or never passes on: the client's
     * {@code Forwarded} and {@code X-Forwarded-*} are not trusted (as the gateway's
     * {@code trusted-proxies} says), the host is the instance's.
     */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "x-api-key", "authorization",
            "x-request-id", "forwarded");

    /** The edge's own operation under a routed path (AggregationRoutes). */
    private static final PathPattern SUMMARY = PathPatternParser.defaultInstance.parse("/customer/{id}/summary");

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final List<FastRoute> routes;

    private final EdgeCallers callers;

    private final RateLimiter limiter;

    private final UsageMeter usage;

    private final RetryBudget budget;

    private final int maxAttempts;

    private final Set<String> internalResponseHeaders;

    EdgeProxy(Handler next, EdgeProperties properties, Backends backends, RetryBudget budget, EdgeCallers callers,
            RateLimiter limiter, UsageMeter usage) {
        super(next);
        this.routes = properties.routes()
            .stream()
            .map((route) -> new FastRoute(route, backends.get(route.backend())))
            .toList();
        this.callers = callers;
        this.limiter = limiter;
        this.usage = usage;
        this.budget = budget;
        this.maxAttempts = properties.retries().maxAttempts();
        this.internalResponseHeaders = lowerCase(properties.headers().internalResponseHeaders());
    }

    /**
     * A worker runs {@link #handle}: admitting a caller may read PostgreSQL (a key not
     * cached yet, a bucket written back).
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        FastRoute route = route(request);
        if (route == null) {
            return super.handle(request, response, callback);
        }
        HttpFields headers = request.getHeaders();
        Optional<EdgeCaller> known;
        try {
            known = this.callers.known(headers.get("X-API-Key"), headers.get(HttpHeader.AUTHORIZATION));
        }
        catch (RuntimeException ex) {
            // a key not cached and the database not answering: the gate says so
            return super.handle(request, response, callback);
        }
        if (known.isEmpty()) {
            // no credentials, or refused: the gate says why
            return super.handle(request, response, callback);
        }
        EdgeCaller caller = known.get();
        String requestId = RequestIds.of(headers.get(RequestIds.HEADER));
        HttpFields.Mutable answer = response.getHeaders();
        answer.put(RequestIds.HEADER, requestId);
        RateLimiter.Decision decision;
        try {
            decision = this.limiter.consume(caller.subject(), caller.plan());
        }
        catch (RateLimiter.StoreUnavailable ex) {
            log.warn("{} {} [{}]: {}", request.getMethod(), request.getHttpURI().getPath(), requestId, ex.getMessage());
            answer.put(HttpHeader.RETRY_AFTER, "1");
            writeProblem(response, callback, EdgeProblems.databaseUnavailable());
            return true;
        }
        answer.put("RateLimit-Limit", Long.toString(decision.limit()));
        answer.put("RateLimit-Remaining", Long.toString(decision.remaining()));
        answer.put("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            answer.put(HttpHeader.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            this.usage.record(caller.subject(), 429, 0, 0);
            ProblemDetail problem = EdgeProblems.of(429, "rate-limited", "Too many requests", "This caller's limit is "
                    + decision.limit() + " requests per period; try again in " + decision.retryAfterSeconds() + " s.");
            writeProblem(response, callback, problem);
            return true;
        }
        new Call(request, response, callback, route, caller, requestId).attempt();
        return true;
    }

    /** The route of a call this path takes, or null for the servlet stack. */
    private FastRoute route(Request request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return null;
        }
        if (request.getHttpURI().getQuery() != null) {
            return null;
        }
        String path = request.getHttpURI().getPath();
        if (!plain(path)) {
            return null;
        }
        HttpFields headers = request.getHeaders();
        if (headers.contains(HttpHeader.TRANSFER_ENCODING) || headers.getLongField(HttpHeader.CONTENT_LENGTH) > 0
                || headers.contains(HttpHeader.UPGRADE)) {
            return null;
        }
        if (headers.get("X-API-Key") == null && headers.get(HttpHeader.AUTHORIZATION) == null) {
            return null;
        }
        for (HttpField field : headers) {
            if (!printable(field.getName()) || !printable(field.getValue())) {
                return null;
            }
        }
        PathContainer container = PathContainer.parsePath(path);
        if (SUMMARY.matches(container)) {
            return null;
        }
        for (FastRoute route : this.routes) {
            if (route.matches(container)) {
                // the first route that matches is the call's, as in the router functions
                return route.fast() ? route : null;
            }
        }
        return null;
    }

    /**
     * A path of unreserved and sub-delimiter characters only, without empty or dot
     * segments: nothing the firewall would refuse or a service might read differently.
     */
    static boolean plain(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/' || path.length() > 2048) {
            return false;
        }
        char previous = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/'
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == ':' || c == '@' || c == '!' || c == '$'
                    || c == '&' || c == '\'' || c == '(' || c == ')' || c == '*' || c == '+' || c == ',' || c == '=';
            if (!ok || (c == '/' && previous == '/')) {
                return false;
            }
            previous = c;
        }
        return !(path.contains("/./") || path.contains("/../") || path.endsWith("/.") || path.endsWith("/.."));
    }

    /** No control character but the tab (the firewall's rule for headers). */
    private static boolean printable(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return false;
            }
        }
        return true;
    }

    private static void writeProblem(Response response, Callback callback, ProblemDetail problem) {
        byte[] body = EdgeProblems.json(problem);
        response.setStatus(problem.getStatus());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static Set<String> lowerCase(java.util.Collection<String> names) {
        return names.stream().map((name) -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** A route as this path uses it: its patterns, backend and header rules. */
    private static final class FastRoute {

        private final List<PathPattern> patterns;

        private final Backend backend;

        private final boolean fast;

        private final Map<String, String> addRequestHeaders;

        private final Set<String> removeRequestHeaders;

        private final Map<String, String> addResponseHeaders;

        private final Set<String> removeResponseHeaders;

        FastRoute(EdgeProperties.Route route, Backend backend) {
            this.patterns = route.paths().stream().map(PathPatternParser.defaultInstance::parse).toList();
            this.backend = backend;
            // a service under a prefix: the gateway takes it off and says so
            // (X-Forwarded-Prefix)
            this.fast = route.stripPrefix() == 0;
            this.addRequestHeaders = route.addRequestHeaders();
            this.removeRequestHeaders = lowerCase(route.removeRequestHeaders());
            this.addResponseHeaders = route.addResponseHeaders();
            this.removeResponseHeaders = lowerCase(route.removeResponseHeaders());
        }

        boolean matches(PathContainer path) {
            for (PathPattern pattern : this.patterns) {
                if (pattern.matches(path)) {
                    return true;
                }
            }
            return false;
        }

        boolean fast() {
            return this.fast;
        }

    }

    /**
     * One routed call: its attempts (one at a time, each to another instance) and the
     * answer.
     */
    private final class Call {

        private final Request request;

        private final Response response;

        private final Callback callback;

        private final FastRoute route;

        private final Backend backend;

        private final EdgeCaller caller;

        private final String requestId;

        private final long now = System.currentTimeMillis() / 1000;

        private final Set<Instance> tried = new HashSet<>();

        private int attempts;

        private BackendCall.Failure last;

        /**
         * An attempt that failed and was tried again elsewhere counts for the breaker
         * only if the call fails as a whole (as in {@link BackendCall}).
         */
        private Runnable unrecorded = () -> {
        };

        Call(Request request, Response response, Callback callback, FastRoute route, EdgeCaller caller,
                String requestId) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.route = route;
            this.backend = route.backend;
            this.caller = caller;
            this.requestId = requestId;
            EdgeProxy.this.budget.call(this.now);
        }

        void attempt() {
            this.attempts++;
            Instance instance = this.backend.pick(this.tried);
            if (instance == null) {
                this.unrecorded.run();
                if (this.last != null) {
                    problem(this.last.problem(), null);
                }
                else {
                    problem(BackendCall.unavailable(this.backend, "no instance of " + this.backend.name()
                            + " is healthy (" + this.backend.instances().size() + " configured)"), "5");
                }
                return;
            }
            this.tried.add(instance);
            CircuitBreaker breaker = this.backend.breaker();
            if (!breaker.tryAcquirePermission()) {
                this.unrecorded.run();
                problem(BackendCall.unavailable(this.backend, "the circuit breaker of " + this.backend.name()
                        + " is open after repeated failures; calls resume when it has recovered"), "5");
                return;
            }
            new Attempt(instance, breaker).send();
        }

        /**
         * Whether another attempt may follow a failed one (GET and HEAD are idempotent):
         * an instance is left to try (else the instance's own answer is the answer), and
         * the budget allows it.
         */
        boolean mayRetry() {
            return this.attempts < EdgeProxy.this.maxAttempts && this.backend.hasUntried(this.tried)
                    && EdgeProxy.this.budget.tryRetry(this.now);
        }

        void forward(HttpFields.Mutable out) {
            for (HttpField field : this.request.getHeaders()) {
                String name = field.getLowerCaseName();
                if (HOP_BY_HOP.contains(name) || NOT_FORWARDED.contains(name) || name.startsWith("x-forwarded-")
                        || this.route.removeRequestHeaders.contains(name)) {
                    continue;
                }
                out.add(field);
            }
            out.put(RequestIds.HEADER, this.requestId);
            out.put(HttpHeader.AUTHORIZATION, "Bearer " + this.caller.bearer());
            this.route.addRequestHeaders.forEach(out::put);
            this.route.removeRequestHeaders.forEach(out::remove);
        }

        /** The backend's status and headers as the client gets them. */
        void commit(org.eclipse.jetty.client.Response answer) {
            this.response.setStatus(answer.getStatus());
            HttpFields.Mutable out = this.response.getHeaders();
            for (HttpField field : answer.getHeaders()) {
                String name = field.getLowerCaseName();
                if (HOP_BY_HOP.contains(name) || EdgeProxy.this.internalResponseHeaders.contains(name)
                        || this.route.removeResponseHeaders.contains(name)) {
                    continue;
                }
                out.add(field);
            }
            this.route.addResponseHeaders.forEach(out::add);
        }

        void problem(ProblemDetail problem, String retryAfter) {
            this.route.addResponseHeaders.forEach(this.response.getHeaders()::add);
            this.route.removeResponseHeaders.forEach(this.response.getHeaders()::remove);
            if (retryAfter != null) {
                this.response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter);
            }
            EdgeProxy.this.usage.record(this.caller.subject(), problem.getStatus(), 0, 0);
            writeProblem(this.response, this.callback, problem);
        }

        void done(int status, long written, Throwable failure) {
            EdgeProxy.this.usage.record(this.caller.subject(), status, 0, written);
            if (failure == null) {
                this.callback.succeeded();
            }
            else {
                this.callback.failed(failure);
            }
        }

        /** One try at one instance. */
        private final class Attempt {

            private final Instance instance;

            private final CircuitBreaker breaker;

            private final long start = System.nanoTime();

            private volatile boolean retrying;

            private volatile boolean answered;

            private volatile boolean streaming;

            private long written;

            Attempt(Instance instance, CircuitBreaker breaker) {
                this.instance = instance;
                this.breaker = breaker;
            }

            void send() {
                java.net.URI uri = this.instance.uri();
                Call call = Call.this;
                call.backend.client()
                    .newRequest(uri.getHost(), uri.getPort())
                    .scheme(uri.getScheme())
                    .method(call.request.getMethod())
                    .path(call.request.getHttpURI().getPath())
                    .idleTimeout(call.backend.config().responseTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .headers(call::forward)
                    // each listener once: the client also calls a listener passed to
                    // send()
                    // for every kind of event it implements
                    .onResponseHeaders(this::onHeaders)
                    .onResponseContentSource(this::onContentSource)
                    .send(this::onComplete);
            }

            void onHeaders(org.eclipse.jetty.client.Response answer) {
                long elapsed = System.nanoTime() - this.start;
                int status = answer.getStatus();
                if (status == 502 || status == 503 || status == 504) {
                    if (mayRetry()) {
                        this.breaker.releasePermission();
                        Call.this.unrecorded = () -> this.breaker.onError(elapsed, TimeUnit.NANOSECONDS,
                                new BackendCall.BackendStatus(status));
                        log.debug("{} {} answered {} by {}, retrying on another instance",
                                Call.this.request.getMethod(), Call.this.request.getHttpURI().getPath(), status,
                                this.instance.uri());
                        this.retrying = true;
                        answer.abort(new RetriedElsewhere());
                        return;
                    }
                    this.breaker.onError(elapsed, TimeUnit.NANOSECONDS, new BackendCall.BackendStatus(status));
                }
                else {
                    this.breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                }
                this.answered = true;
            }

            void onContentSource(org.eclipse.jetty.client.Response answer, Content.Source source) {
                if (this.retrying) {
                    return;
                }
                this.streaming = true;
                commit(answer);
                Response out = Call.this.response;
                Content.Sink counted = (last, buffer, written) -> {
                    this.written += buffer.remaining();
                    out.write(last, buffer, written);
                };
                Content.copy(source, counted, Callback.from(() -> done(answer.getStatus(), this.written, null),
                        (failure) -> done(answer.getStatus(), this.written, failure)));
            }

            void onComplete(org.eclipse.jetty.client.Result result) {
                if (this.retrying) {
                    attempt();
                    return;
                }
                if (this.streaming) {
                    // the copy of the body answers
                    return;
                }
                org.eclipse.jetty.client.Response answer = result.getResponse();
                if (result.isSucceeded()) {
                    // no body (HEAD, 204, 304, an empty one)
                    commit(answer);
                    Call.this.response.write(true, EMPTY, Callback.from(() -> done(answer.getStatus(), 0, null),
                            (failure) -> done(answer.getStatus(), 0, failure)));
                    return;
                }
                Throwable error = result.getFailure();
                if (this.answered) {
                    // it answered, then broke before its body: nothing sensible is left
                    // to
                    // send
                    log.warn("{} {} to {} broke after its status: {}", Call.this.request.getMethod(),
                            Call.this.request.getHttpURI().getPath(), this.instance.uri(), error.toString());
                    done(502, 0, error);
                    return;
                }
                long elapsed = System.nanoTime() - this.start;
                BackendCall.Failure failure = BackendCall.classify(Call.this.backend, error, this.instance);
                log.warn("{} {} to {} failed: {}", Call.this.request.getMethod(),
                        Call.this.request.getHttpURI().getPath(), this.instance.uri(), failure.detail());
                Call.this.last = failure;
                if (!mayRetry()) {
                    this.breaker.onError(elapsed, TimeUnit.NANOSECONDS, error);
                    problem(failure.problem(), null);
                    return;
                }
                this.breaker.releasePermission();
                Call.this.unrecorded = () -> this.breaker.onError(elapsed, TimeUnit.NANOSECONDS, error);
                attempt();
            }

        }

    }

    /** The end of an attempt whose 502, 503 or 504 is retried on another instance. */
    private static final class RetriedElsewhere extends RuntimeException {

        RetriedElsewhere() {
            super("retried on another instance", null, false, false);
        }

    }

}
