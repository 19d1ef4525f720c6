package dev.weir.edge.route;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.weir.edge.system.EdgeProblems;
import dev.weir.edge.system.EdgeProperties;
import dev.weir.platform.web.BodyTooLargeException;
import dev.weir.platform.web.ClientBodyException;
import dev.weir.platform.web.Problems;

/**
 * A routed call to a backend: to a healthy instance in turn, through the backend's
 * circuit breaker, retried on another instance when it fails (only a call that is
 * idempotent and has no body, within the retry budget and the attempts allowed), and
 * answered with a precise problem when it cannot succeed:
 * <ul>
 * <li>503 {@code backend-unavailable}, at once and with {@code Retry-After}, when no
 * instance is healthy or the circuit is open;</li>
 * <li>502 {@code bad-gateway} when the instance could not be reached or broke the
 * connection;</li>
 * <li>504 {@code gateway-timeout} when it did not start answering within the backend's
 * {@code response-timeout}.</li>
 * </ul>
 * A 502, 503 or 504 from the backend itself counts as a failure for the breaker and may
 * be retried; other answers pass through unchanged.
 */
final class BackendCall implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    private static final Logger log = LoggerFactory.getLogger(BackendCall.class);

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE);

    private final Backend backend;

    private final RetryBudget budget;

    /** The most of a refusal's answer read before it is passed on. */
    private static final int KEPT_REFUSAL = 64 * 1024;

    private final int maxAttempts;

    BackendCall(Backend backend, RetryBudget budget, EdgeProperties.Retries retries) {
        this.backend = backend;
        this.budget = budget;
        this.maxAttempts = retries.maxAttempts();
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        this.budget.call(now);
        boolean retryable = IDEMPOTENT.contains(request.method()) && hasNoBody(request);
        Set<Instance> tried = new HashSet<>();
        Failure last = null;
        // an attempt that failed and was tried again elsewhere counts for the breaker
        // only
        // if the call fails as a whole: a dead instance whose calls another one serves
        // says nothing of the backend's health (the health checks take it out)
        Runnable unrecorded = () -> {
        };
        for (int attempt = 1;; attempt++) {
            Instance instance = this.backend.pick(tried);
            if (instance == null) {
                unrecorded.run();
                return (last != null) ? last.answer() : unavailable("no instance of " + this.backend.name()
                        + " is healthy (" + this.backend.instances().size() + " configured)");
            }
            tried.add(instance);
            CircuitBreaker breaker = this.backend.breaker();
            if (!breaker.tryAcquirePermission()) {
                unrecorded.run();
                return unavailable("the circuit breaker of " + this.backend.name()
                        + " is open after repeated failures; calls resume when it has recovered");
            }
            long start = System.nanoTime();
            Failure failure;
            Exception error;
            try {
                MvcUtils.setRequestUrl(request, instance.uri());
                ServerResponse response = next.handle(request);
                int status = response.statusCode().value();
                if (status != 502 && status != 503 && status != 504) {
                    breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    return (status >= 400 && !hasNoBody(request)) ? refusalKept(request, response, status) : response;
                }
                long elapsed = System.nanoTime() - start;
                // with no other instance to try, the instance's own answer is the answer
                if (!retryable || attempt >= this.maxAttempts || !this.backend.hasUntried(tried)
                        || !this.budget.tryRetry(now)) {
                    breaker.onError(elapsed, TimeUnit.NANOSECONDS, new BackendStatus(status));
                    return response;
                }
                breaker.releasePermission();
                unrecorded = () -> breaker.onError(elapsed, TimeUnit.NANOSECONDS, new BackendStatus(status));
                close(request);
                log.debug("{} {} answered {} by {}, retrying on another instance", request.method(), request.path(),
                        status, instance.uri());
                continue;
            }
            catch (Exception ex) {
                ClientBodyException client = ClientBodyException.in(ex);
                if (client != null) {
                    // the client's body outgrew the edge's limit, or broke off, while it
                    // was passed on: the client's failure, not the backend's
                    breaker.releasePermission();
                    unrecorded.run();
                    return clientFailed(request, client);
                }
                ProblemDetail unreadable = unreadable(ex);
                if (unreadable != null) {
                    // the request could not be made into one for the backend: the
                    // client's, never sent, and nothing to hold against the backend
                    breaker.releasePermission();
                    unrecorded.run();
                    log.info("{} {} not passed on: {}", request.method(), request.path(), ex.toString());
                    return EdgeProblems.response(unreadable);
                }
                failure = classify(this.backend, ex, instance);
                error = ex;
            }
            long elapsed = System.nanoTime() - start;
            log.warn("{} {} to {} failed: {}", request.method(), request.path(), instance.uri(), failure.detail());
            last = failure;
            // a call that never connected was never sent: it can go to another instance
            boolean safe = retryable || (failure.notConnected() && hasNoBody(request));
            if (!safe || attempt >= this.maxAttempts || !this.backend.hasUntried(tried) || !this.budget.tryRetry(now)) {
                breaker.onError(elapsed, TimeUnit.NANOSECONDS, error);
                return failure.answer();
            }
            breaker.releasePermission();
            unrecorded = () -> breaker.onError(elapsed, TimeUnit.NANOSECONDS, error);
        }
    }

    /**
     * A service's refusal of a request with a body, its answer read now (it is short): a
     * service that refuses a body without reading it may close the connection while the
     * edge still sends the body, and the client would then abort the exchange and lose
     * the answer after its status (a 500 or 502 for a 406, 5 % of such calls under load).
     * If the answer is lost, the client still gets the service's status, as a problem of
     * the edge saying so.
     */
    private ServerResponse refusalKept(ServerRequest request, ServerResponse response, int status) {
        InputStream body = MvcUtils.getAttribute(request, MvcUtils.CLIENT_RESPONSE_INPUT_STREAM_ATTR);
        if (body == null) {
            return response;
        }
        try {
            byte[] start = body.readNBytes(KEPT_REFUSAL);
            InputStream kept = new ByteArrayInputStream(start);
            MvcUtils.putAttribute(request, MvcUtils.CLIENT_RESPONSE_INPUT_STREAM_ATTR,
                    (start.length < KEPT_REFUSAL) ? kept : new SequenceInputStream(kept, body));
            return response;
        }
        catch (IOException ex) {
            close(request);
            log.info("{} {}: {} answered {}, then the connection broke: {}", request.method(), request.path(),
                    this.backend.name(), status, ex.toString());
            HttpStatus known = HttpStatus.resolve(status);
            return EdgeProblems.response(EdgeProblems.of(status, Problems.slugFor(HttpStatusCode.valueOf(status)),
                    (known != null) ? known.getReasonPhrase() : "Refused",
                    "The " + this.backend.name() + " service refused the request (" + status
                            + "); the connection broke before the rest of its answer."));
        }
    }

    /**
     * The problem of a request the edge could not turn into the backend's (a
     * {@code Content-Type} that is not a media type, a header or parameter that cannot be
     * read), or null for any other failure.
     */
    static ProblemDetail unreadable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return null;
            }
            if (cause instanceof InvalidMediaTypeException) {
                return EdgeProblems.of(415, "unsupported-media-type", "Unsupported media type",
                        "The Content-Type header is not a media type.");
            }
            if (cause instanceof IllegalArgumentException) {
                return EdgeProblems.of(400, "malformed-request", "Malformed request",
                        "The request's headers or parameters could not be read as HTTP defines them.");
            }
        }
        return null;
    }

    /**
     * 413 {@code payload-too-large} for a body over the edge's limit, 400
     * {@code incomplete-body} for one its client stopped sending (which it rarely reads).
     */
    private static ServerResponse clientFailed(ServerRequest request, ClientBodyException failure) {
        if (failure instanceof BodyTooLargeException) {
            return EdgeProblems.response(
                    EdgeProblems.of(413, "payload-too-large", "Request body too large", failure.getMessage()),
                    HttpHeaders.CONNECTION, "close");
        }
        log.info("{} {}: {}", request.method(), request.path(), failure.getMessage());
        return EdgeProblems.response(
                EdgeProblems.of(400, "incomplete-body", "Incomplete request body",
                        "The request body broke off before its end: nothing was done with it."),
                HttpHeaders.CONNECTION, "close");
    }

    /**
     * What a failed attempt to call {@code instance} means: 502 (could not connect, which
     * also takes the instance out at once; or a broken answer) or 504 (no answer in
     * time).
     */
    static Failure classify(Backend backend, Throwable ex, Instance instance) {
        Throwable cause = ex;
        while (cause != null) {
            if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException
                    || cause instanceof NoRouteToHostException || cause instanceof UnresolvedAddressException
                    || cause instanceof UnknownHostException) {
                if (instance.mark(false, "connection failed: " + cause.getClass().getSimpleName())) {
                    log.warn("Backend {} instance {} is down (could not connect): no more calls go to it",
                            backend.name(), instance.uri());
                }
                return new Failure(502, "bad-gateway", "Bad gateway",
                        "The " + backend.name() + " service could not be reached.", true);
            }
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException
                    || cause instanceof java.util.concurrent.TimeoutException
                    || (cause instanceof InterruptedIOException && !(cause instanceof SocketTimeoutException))) {
                return new Failure(504, "gateway-timeout", "Gateway timeout", "The " + backend.name()
                        + " service did not answer within " + backend.config().responseTimeout().toMillis() + " ms.",
                        false);
            }
            cause = cause.getCause();
        }
        boolean io = ex instanceof IOException || ex.getCause() instanceof IOException;
        if (!io) {
            log.error("Unexpected failure calling {} instance {}", backend.name(), instance.uri(), ex);
        }
        String what = io ? "broke the connection or answered with something that is not HTTP"
                : "failed (" + ex.getClass().getSimpleName() + ")";
        return new Failure(502, "bad-gateway", "Bad gateway", "The " + backend.name() + " service " + what + ".",
                false);
    }

    private ServerResponse unavailable(String why) {
        return EdgeProblems.response(unavailable(this.backend, why), HttpHeaders.RETRY_AFTER, "5");
    }

    /**
     * 503 {@code backend-unavailable}: the call was not sent (answered with
     * {@code Retry-After}).
     */
    static ProblemDetail unavailable(Backend backend, String why) {
        ProblemDetail problem = EdgeProblems.of(503, "backend-unavailable", "Service unavailable",
                "The call was not sent: " + why + ".");
        problem.setProperty("backend", backend.name());
        return problem;
    }

    private static boolean hasNoBody(ServerRequest request) {
        HttpHeaders headers = request.headers().asHttpHeaders();
        return headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    private static void close(ServerRequest request) {
        ClientHttpResponse response = MvcUtils.getAttribute(request, MvcUtils.CLIENT_RESPONSE_ATTR);
        if (response != null) {
            response.close();
        }
    }

    /** A failed attempt, and the problem it is answered with when it is the last. */
    record Failure(int status, String slug, String title, String detail, boolean notConnected) {

        ServerResponse answer() {
            return EdgeProblems.response(problem());
        }

        ProblemDetail problem() {
            return EdgeProblems.of(this.status, this.slug, this.title, this.detail);
        }

    }

    /** A backend's own 502, 503 or 504, as the breaker records it. */
    static final class BackendStatus extends RuntimeException {

        BackendStatus(int status) {
            super("answered " + status, null, false, false);
        }

    }

}
