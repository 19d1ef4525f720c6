package dev.weir.platform.web;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an {@code Accept} header that is not a list of media types
 * ({@code Accept: foo}, a {@code q} that is not a number) with a 400 problem. Spring MVC
 * cannot negotiate with it, and then cannot write its own error either: the answer was a
 * 406 or 415 with an empty body.
 */
class AcceptHeaderFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Enumeration<String> accepts = request.getHeaders(HttpHeaders.ACCEPT);
        while (accepts != null && accepts.hasMoreElements()) {
            String accept = accepts.nextElement();
            try {
                MediaType.parseMediaTypes(accept);
            }
            catch (IllegalArgumentException ex) {
                ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, Problems.slugFor(HttpStatus.BAD_REQUEST),
                        "Malformed request", "The Accept header is not a list of media types (such as "
                                + "application/json, or */*;q=0.5).");
                Problems.write(request, response, problem);
                return;
            }
        }
        chain.doFilter(request, response);
    }

}
