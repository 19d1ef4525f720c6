package dev.weir.platform.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.weir.platform.error.ErrorKind;
import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.StorableText;

/**
 * Refuses a query parameter holding a NUL character ({@code ?q=a%00b}) with 422 naming
 * the parameter, for every endpoint: PostgreSQL's text types cannot hold one, so it would
 * otherwise fail the query (a 500). NUL is the only such character a query can carry:
 * Jetty refuses it in the path, and percent-encoded bytes that are not UTF-8 (a lone
 * surrogate's encoding among them) are a 400. JSON bodies are checked by
 * {@link StrictTextDeserializer}.
 */
class UnsafeQueryFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query == null || !query.contains("%00")) {
            chain.doFilter(request, response);
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode((equals < 0) ? pair : pair.substring(0, equals));
            String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
            if (name == null || value == null) {
                // a malformed encoding: Jetty answers it 400 when the parameters are read
                continue;
            }
            String problem = (StorableText.problem(name) != null) ? StorableText.problem(name)
                    : StorableText.problem(value);
            if (problem != null) {
                errors.add(FieldError.query(name.replace('\0', '?'), problem));
            }
        }
        if (errors.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        ProblemDetail problem = Problems.of(ErrorKind.INVALID, "Invalid request",
                errors.stream()
                    .map((error) -> error.field() + " (query) " + error.detail())
                    .reduce((a, b) -> a + "; " + b)
                    .orElseThrow());
        problem.setProperty("errors", errors);
        Problems.write(request, response, problem);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

}
