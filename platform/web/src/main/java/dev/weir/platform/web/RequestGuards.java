package dev.weir.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.http.ProblemDetail;

import dev.weir.platform.error.ErrorKind;
import dev.weir.platform.error.WeirException;
import dev.weir.platform.web.spi.RequestGuard;

/**
 * The service's {@link RequestGuard}s, asked in order on both paths (the fast GET routes
 * and the servlet filter in front of Spring MVC); and the answer to a refusal, the same
 * on both.
 */
final class RequestGuards {

    private final Supplier<List<RequestGuard>> beans;

    private volatile List<RequestGuard> guards;

    /**
     * @param guards the guards, looked up on the first request (the server is built
     * before the application's beans are)
     */
    RequestGuards(Supplier<List<RequestGuard>> guards) {
        this.beans = guards;
    }

    /** The first refusal, or empty when every guard lets the request through. */
    Optional<RequestGuard.Refusal> check(RequestGuard.Request request) {
        List<RequestGuard> all = this.guards;
        if (all == null) {
            all = List.copyOf(this.beans.get());
            this.guards = all;
        }
        for (RequestGuard guard : all) {
            Optional<RequestGuard.Refusal> refusal = guard.check(request);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /** The problem a refusal is answered with: its kind's status, for this path. */
    static ProblemDetail problem(RequestGuard.Refusal refusal, String path) {
        return problem(refusal.problem(), path);
    }

    /**
     * The problem a failure is answered with outside Spring MVC, as Spring MVC answers it
     * ({@code instance} is the request's path).
     */
    static ProblemDetail problem(WeirException failure, String path) {
        ProblemDetail problem = Problems.of(failure);
        problem.setInstance(URI.create(path));
        return problem;
    }

    /** {@code Retry-After} for a failure that says to retry, else null. */
    static String retryAfter(WeirException failure) {
        return (failure.kind() == ErrorKind.UNAVAILABLE) ? Long.toString(WeirException.RETRY_AFTER.toSeconds()) : null;
    }

}
