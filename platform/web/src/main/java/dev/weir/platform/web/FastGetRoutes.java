package dev.weir.platform.web;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.weir.platform.error.DatabaseUnavailable;
import dev.weir.platform.error.ErrorKind;
import dev.weir.platform.error.WeirException;
import dev.weir.platform.web.spi.FastGetRoute;
import dev.weir.platform.web.spi.RequestGuard;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Jetty handler in front of the servlet stack that serves {@link FastGetRoute}s. It
 * costs a few microseconds where Spring MVC's dispatch, argument resolution, observation
 * and message conversion cost tens, which is what lets a service on two cores answer
 * several times more reads per second. A route's request passes the {@link RequestGuard}s
 * first, then the route answers what it found or the problem that it is missing; anything
 * else goes on to the servlet stack untouched (where the guards run again, in
 * {@link RequestGuardFilter}).
 */
final class FastGetRoutes extends Handler.Wrapper {

    private static final Logger log = LoggerFactory.getLogger(FastGetRoutes.class);

    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private static final HttpField PROBLEM_JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE,
            "application/problem+json");

    private final java.util.function.Supplier<List<FastGetRoute>> routeBeans;

    private volatile Map<String, FastGetRoute> routes;

    private final JsonMapper json;

    private final RequestGuards guards;

    private final LongAdder answered = new LongAdder();

    private final LongAdder passed = new LongAdder();

    private final LongAdder refused = new LongAdder();

    /**
     * @param routes the routes, looked up on the first request (the server is built
     * before the application's beans are)
     * @param guards what every route's request passes first
     */
    FastGetRoutes(Handler next, java.util.function.Supplier<List<FastGetRoute>> routes, JsonMapper json,
            RequestGuards guards) {
        super(next);
        this.routeBeans = routes;
        this.json = json;
        this.guards = guards;
    }

    private Map<String, FastGetRoute> routes() {
        Map<String, FastGetRoute> routes = this.routes;
        if (routes == null) {
            routes = new HashMap<>();
            for (FastGetRoute route : this.routeBeans.get()) {
                routes.put(route.prefix(), route);
            }
            this.routes = routes;
        }
        return routes;
    }

    /**
     * Non-blocking, so Jetty runs {@link #handle} on the I/O thread that read the request
     * instead of handing each request to a worker first: a fast route's lookup is queued
     * there, and the query answering several of them runs on one worker. Everything else
     * is handed to a worker here, which is what Jetty would otherwise have done.
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        FastGetRoute route = route(request);
        if (route == null) {
            return passOnLater(request, response, callback);
        }
        String path = request.getHttpURI().getPath();
        Optional<RequestGuard.Refusal> refusal;
        try {
            refusal = this.guards.check(new Guarded(request));
        }
        catch (RuntimeException ex) {
            // the guard cannot tell: the full stack asks it again, and answers its
            // failure
            return passOnLater(request, response, callback);
        }
        if (refusal.isPresent()) {
            this.refused.increment();
            refusal.get().headers().forEach((name, value) -> response.getHeaders().put(name, value));
            writeProblem(response, callback, refusal.get().problem(), path);
            return true;
        }
        CompletionStage<FastGetRoute.Answer> answer;
        try {
            answer = route.find(path.substring(path.lastIndexOf('/') + 1), getServer().getThreadPool());
        }
        catch (RuntimeException ex) {
            if (DatabaseUnavailable.causes(ex)) {
                writeProblem(response, callback, DatabaseUnavailable.failure(), path);
                return true;
            }
            log.debug("Fast route {} failed, the full stack answers: {}", route.prefix(), ex.toString());
            return passOnLater(request, response, callback);
        }
        // From here the request is ours: answer when the lookup completes (on whichever
        // thread completes it, no thread waits), or hand it to the full stack.
        answer.whenComplete((value, failure) -> {
            if (failure != null && DatabaseUnavailable.causes(failure)) {
                // the full stack would ask the database again, and wait again: answer now
                writeProblem(response, callback, DatabaseUnavailable.failure(), path);
                return;
            }
            if (failure != null || value == null) {
                passOnLater(request, response, callback);
                return;
            }
            this.answered.increment();
            switch (value) {
                case FastGetRoute.Found<?> found -> write(request, response, callback, found);
                case FastGetRoute.Missing missing -> writeProblem(response, callback, missing.problem(), path);
            }
        });
        return true;
    }

    /** The route for a plain GET of one path segment under a route's prefix, or null. */
    private FastGetRoute route(Request request) {
        if (!HttpMethod.GET.is(request.getMethod()) || request.getHttpURI().getQuery() != null) {
            return null;
        }
        String path = request.getHttpURI().getPath();
        int slash = (path != null) ? path.lastIndexOf('/') : -1;
        if (slash <= 0 || slash == path.length() - 1 || path.indexOf('%') >= 0) {
            return null;
        }
        FastGetRoute route = routes().get(path.substring(0, slash + 1));
        if (route == null || !acceptsJson(request.getHeaders().get(HttpHeader.ACCEPT))) {
            return null;
        }
        return route;
    }

    private void write(Request request, Response response, Callback callback, FastGetRoute.Found<?> found) {
        try {
            response.getHeaders().put(HttpHeader.ETAG, found.etag());
            if (ConditionalGet.notModified(ifNoneMatch(request), found.etag())) {
                response.setStatus(304);
                callback.succeeded();
                return;
            }
            byte[] body = this.json.writeValueAsBytes(found.body());
            response.setStatus(200);
            response.getHeaders().put(JSON);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
        catch (RuntimeException ex) {
            Response.writeError(request, response, callback, ex);
        }
    }

    /** Every {@code If-None-Match} header's tags, or null. */
    private static String ifNoneMatch(Request request) {
        List<String> values = request.getHeaders().getValuesList(HttpHeader.IF_NONE_MATCH);
        return values.isEmpty() ? null : String.join(",", values);
    }

    /**
     * A problem, as Spring MVC answers the same failure: its kind's status, the problem's
     * members, {@code instance} the request's path, {@code Retry-After} when it says to
     * retry.
     */
    private void writeProblem(Response response, Callback callback, WeirException failure, String path) {
        try {
            byte[] body = Problems.json(RequestGuards.problem(failure, path));
            response.setStatus(failure.kind().httpStatus());
            response.getHeaders().put(PROBLEM_JSON);
            String retryAfter = RequestGuards.retryAfter(failure);
            if (retryAfter != null) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter);
            }
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
        catch (RuntimeException ex) {
            callback.failed(ex);
        }
    }

    /** Hands the request to the full stack (Spring MVC), on a worker: it may block. */
    private boolean passOnLater(Request request, Response response, Callback callback) {
        this.passed.increment();
        try {
            getServer().getThreadPool().execute(() -> passOn(request, response, callback));
        }
        catch (RejectedExecutionException ex) {
            // the pool is stopping, or its queue is full
            writeBusy(response, callback);
        }
        return true;
    }

    /** 503 as a problem, for a request no worker can take. */
    private void writeBusy(Response response, Callback callback) {
        byte[] body = Problems.json(Problems.of(ErrorKind.UNAVAILABLE, "Server busy",
                "The server cannot take more requests at the moment. Try again shortly."));
        response.setStatus(503);
        response.getHeaders().put(PROBLEM_JSON);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, 1);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private void passOn(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, 404);
            }
        }
        catch (Throwable ex) {
            Response.writeError(request, response, callback, ex);
        }
    }

    /** Requests answered here. */
    double answered() {
        return this.answered.sum();
    }

    /** Requests passed on to the servlet stack. */
    double passed() {
        return this.passed.sum();
    }

    /** Requests a guard refused before their route was asked. */
    double refused() {
        return this.refused.sum();
    }

    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String type = range.strip();
            int semicolon = type.indexOf(';');
            if (semicolon >= 0) {
                if (type.substring(semicolon).replace(" ", "").contains("q=0") && !type.contains("q=0.")) {
                    continue;
                }
                type = type.substring(0, semicolon).strip();
            }
            if (type.equals("*/*") || type.equals("application/*") || type.equals("application/json")) {
                return true;
            }
        }
        return false;
    }

    /** A Jetty request as a guard sees it. */
    private record Guarded(Request request) implements RequestGuard.Request {

        @Override
        public String method() {
            return this.request.getMethod();
        }

        @Override
        public String path() {
            return this.request.getHttpURI().getPath();
        }

        @Override
        public String header(String name) {
            return this.request.getHeaders().get(name);
        }

    }

}
