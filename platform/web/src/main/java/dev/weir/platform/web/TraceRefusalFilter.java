package dev.weir.platform.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Refuses {@code TRACE}: 405 with the path's {@code Allow}, as a problem. The servlet
 * default answers TRACE by echoing the request, headers included (cookies, tokens), which
 * a cross-site script can read; Spring MVC, even when it dispatches TRACE, appends that
 * echo to its own answer. So TRACE never reaches the servlet: the same path is asked with
 * {@code OPTIONS}, which Spring MVC answers with the methods its routes allow, and that
 * is the {@code Allow} of the 405. A path no route serves stays a 404.
 */
class TraceRefusalFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"TRACE".equalsIgnoreCase(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper options = new ContentCachingResponseWrapper(response);
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getMethod() {
                return "OPTIONS";
            }
        }, options);
        if (options.getStatus() >= 300) {
            // no route for the path (404), or a problem for a reason other than the
            // method
            options.copyBodyToResponse();
            return;
        }
        String allow = options.getHeader(HttpHeaders.ALLOW);
        response.reset();
        ProblemDetail problem = Problems.of(HttpStatus.METHOD_NOT_ALLOWED,
                Problems.slugFor(HttpStatus.METHOD_NOT_ALLOWED), "Method not allowed", "TRACE is not supported.");
        response.setHeader(HttpHeaders.ALLOW, withoutTrace(allow));
        Problems.write(request, response, problem);
    }

    private static String withoutTrace(String allow) {
        if (allow == null) {
            return "";
        }
        return Arrays.stream(allow.split(","))
            .map(String::strip)
            .filter((method) -> !method.isEmpty() && !method.equalsIgnoreCase("TRACE"))
            .collect(Collectors.joining(", "));
    }

}
