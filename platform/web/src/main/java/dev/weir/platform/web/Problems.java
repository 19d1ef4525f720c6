package dev.weir.platform.web;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import dev.weir.platform.error.ErrorKind;

/**
 * Problem type URIs. Every error kind has one stable type; they are documented in
 * {@code docs/problems.md}.
 */
public final class Problems {

    /** The base of every Weir problem type URI. */
    public static final String TYPE_BASE = "https://weir.dev/problems/";

    private Problems() {
    }

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    public static ProblemDetail of(ErrorKind kind, String title, String detail) {
        return of(HttpStatusCode.valueOf(kind.httpStatus()), kind.slug(), title, detail);
    }

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return problem;
    }

    /** The type slug for a status Spring reports itself (405, 406, 415, ...). */
    static String slugFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> ErrorKind.MALFORMED.slug();
            case 404 -> ErrorKind.NOT_FOUND.slug();
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> ErrorKind.CONFLICT.slug();
            case 412 -> ErrorKind.PRECONDITION_FAILED.slug();
            case 413 -> ErrorKind.TOO_LARGE.slug();
            case 415 -> "unsupported-media-type";
            case 422 -> ErrorKind.INVALID.slug();
            case 503 -> ErrorKind.UNAVAILABLE.slug();
            default -> status.is5xxServerError() ? "internal" : "http-" + status.value();
        };
    }

}
