package dev.weir.edge.system;

import dev.weir.platform.error.DatabaseUnavailable;
import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.cloud.gateway.server.mvc.handler.GatewayServerResponse;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.ServerResponse;

import dev.weir.platform.web.Problems;

/**
 * The problems only the edge answers, each with a stable type (docs/problems.md): written
 * by its servlet filter (before Spring MVC) and by its routes.
 */
public final class EdgeProblems {

    private EdgeProblems() {
    }

    /** A problem with this status, type slug, title and detail. */
    public static ProblemDetail of(int status, String slug, String title, String detail) {
        return Problems.of(HttpStatusCode.valueOf(status), slug, title, detail);
    }

    /**
     * The edge's database (keys, clients, rate limits) cannot be reached: {@code 503},
     * type {@code unavailable} as the services answer it; sent with {@code Retry-After}.
     */
    public static ProblemDetail databaseUnavailable() {
        return of(503, "unavailable", "Service unavailable", DatabaseUnavailable.DETAIL);
    }

    /**
     * The problem as a functional-endpoint answer, whose headers a route's rules may
     * still change.
     */
    public static ServerResponse response(ProblemDetail problem, String... headers) {
        ServerResponse.BodyBuilder answer = GatewayServerResponse.status(problem.getStatus())
            .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        for (int i = 0; i < headers.length; i += 2) {
            answer.header(headers[i], headers[i + 1]);
        }
        return answer.body(problem);
    }

    /** Writes the problem on a servlet response. */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        byte[] body = Problems.json(problem);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The problem's JSON document, its extension members beside the standard ones. */
    public static byte[] json(ProblemDetail problem) {
        return Problems.json(problem);
    }

}
