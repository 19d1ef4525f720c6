package dev.weir.platform.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import dev.weir.platform.error.ErrorKind;
import dev.weir.platform.error.WeirException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem type URIs. Every error kind has one stable type; they are documented in
 * {@code docs/problems.md}.
 */
public final class Problems {

    /** The base of every Weir problem type URI. */
    public static final String TYPE_BASE = "https://weir.dev/problems/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    /**
     * The problem a {@link WeirException} is answered with, on every path: its kind's
     * status, its type, title and detail, its extension members and its offending fields
     * ({@code errors}).
     */
    public static ProblemDetail of(WeirException failure) {
        ProblemDetail problem = of(HttpStatusCode.valueOf(failure.kind().httpStatus()), failure.type(), failure.title(),
                failure.detail());
        failure.properties().forEach(problem::setProperty);
        if (!failure.fieldErrors().isEmpty()) {
            problem.setProperty("errors", failure.fieldErrors());
        }
        return problem;
    }

    /**
     * Answers a servlet request with the problem, outside Spring MVC (a servlet filter),
     * its {@code instance} the request's path. Headers the answer needs besides
     * ({@code Allow}, {@code Connection}) are set before.
     */
    static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType("application/problem+json");
        response.getOutputStream().write(json(problem));
    }

    /**
     * The problem as JSON, for an answer written outside Spring MVC (a servlet filter,
     * the fast routes' Jetty handler): its members that are set, and its extension
     * properties at the top level, as Spring MVC writes them.
     */
    public static byte[] json(ProblemDetail problem) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", problem.getType().toString());
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            members.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            members.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            members.putAll(problem.getProperties());
        }
        return JSON.writeValueAsBytes(members);
    }

    /** The type slug for a status Spring reports itself (405, 406, 415, ...). */
    public static String slugFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> ErrorKind.MALFORMED.slug();
            case 401 -> ErrorKind.UNAUTHENTICATED.slug();
            case 403 -> ErrorKind.FORBIDDEN.slug();
            case 404 -> ErrorKind.NOT_FOUND.slug();
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> ErrorKind.CONFLICT.slug();
            case 412 -> ErrorKind.PRECONDITION_FAILED.slug();
            case 413 -> ErrorKind.TOO_LARGE.slug();
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 422 -> ErrorKind.INVALID.slug();
            case 431 -> "headers-too-large";
            case 503 -> ErrorKind.UNAVAILABLE.slug();
            case 505 -> "http-version-not-supported";
            default -> status.is5xxServerError() ? "internal" : "http-" + status.value();
        };
    }

}
