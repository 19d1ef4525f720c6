package dev.weir.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.weir.platform.web.spi.RequestGuard;

/**
 * The {@link RequestGuard}s on the Spring MVC path: every request the fast GET routes did
 * not answer passes them before any controller sees it.
 */
class RequestGuardFilter extends OncePerRequestFilter {

    private final RequestGuards guards;

    RequestGuardFilter(RequestGuards guards) {
        this.guards = guards;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var refusal = this.guards.check(new Guarded(request));
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = Problems.json(RequestGuards.problem(refusal.get(), request.getRequestURI()));
        response.setStatus(refusal.get().problem().kind().httpStatus());
        refusal.get().headers().forEach(response::setHeader);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private record Guarded(HttpServletRequest request) implements RequestGuard.Request {

        @Override
        public String method() {
            return this.request.getMethod();
        }

        @Override
        public String path() {
            return this.request.getRequestURI();
        }

        @Override
        public String header(String name) {
            return this.request.getHeader(name);
        }

    }

}
