package dev.weir.edge.gate;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.weir.edge.limit.RateLimiter;
import dev.weir.edge.system.EdgeProblems;
import dev.weir.edge.system.Scopes;
import dev.weir.edge.usage.UsageMeter;
import dev.weir.platform.error.DatabaseUnavailable;
import dev.weir.platform.security.Refusal;

/**
 * Every call through the edge passes here first: it gets an {@code X-Request-Id} (the
 * client's, if it is a sane one), and, unless the path is public (health, the API
 * documents, the OAuth2 endpoints), its caller is authenticated by {@code X-API-Key} (a
 * key in the query string is refused outright, so keys stay out of access logs) or by a
 * bearer token the edge issued, held to its rate limit ({@code 429} with
 * {@code Retry-After}; {@code RateLimit-*} headers on every answer) and metered. The call
 * goes on carrying a token for the services (never the API key).
 * <p>
 * The edge checks scopes only for its own operations (the admin API, the customer
 * summary); each service checks the scopes of its operations itself.
 */
public final class EdgeGate extends OncePerRequestFilter {

    static final String API_KEY = "X-API-Key";

    private static final Logger log = LoggerFactory.getLogger(EdgeGate.class);

    private static final Set<String> KEY_PARAMETERS = Set.of("api_key", "apikey", "api-key", "x-api-key", "key",
            "access_token", "token");

    /**
     * The longest URI (path and query) the edge passes on: the services take a request
     * line and headers of 8 KB, and the edge adds its token (about 1 KB) and headers.
     */
    static final int MAX_URI = 6 * 1024;

    private static final PathPatternParser PARSER = new PathPatternParser();

    private static final List<PathPattern> PUBLIC = List
        .of("/health", "/health/**", "/docs", "/docs/**", "/openapi.json", "/openapi/**", "/swagger-ui/**",
                "/v3/api-docs/**", "/redoc", "/weir/**", "/oauth2/**", "/.well-known/**", "/favicon.ico", "/error",
                "/login", "/logout")
        .stream()
        .map(PARSER::parse)
        .toList();

    private static final List<PathPattern> ADMIN = List
        .of("/admin/**", "/metrics", "/metrics/**", "/prometheus", "/info")
        .stream()
        .map(PARSER::parse)
        .toList();

    private static final PathPattern SUMMARY = PARSER.parse("/customer/{id}/summary");

    private final EdgeCallers callers;

    private final RateLimiter limiter;

    private final UsageMeter usage;

    public EdgeGate(EdgeCallers callers, RateLimiter limiter, UsageMeter usage) {
        this.callers = callers;
        this.limiter = limiter;
        this.usage = usage;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = RequestIds.of(request.getHeader(RequestIds.HEADER));
        response.setHeader(RequestIds.HEADER, requestId);
        ForwardedRequest forwarded = new ForwardedRequest(request).set(RequestIds.HEADER, requestId).remove(API_KEY);
        String query = request.getQueryString();
        if (request.getRequestURI().length() + ((query != null) ? query.length() + 1 : 0) > MAX_URI) {
            EdgeProblems.write(response,
                    EdgeProblems.of(414, "uri-too-long", "URI too long", "The request's URI is over " + MAX_URI
                            + " characters: the edge passes on at most that much, "
                            + "so that what it forwards, with the headers it adds, fits the services' limits."));
            return;
        }
        if (query != null && !wellEncoded(query)) {
            EdgeProblems.write(response, EdgeProblems.of(400, "malformed-request", "Malformed query string",
                    "The query string has a '%' not followed by two hex digits, or escapes that are not UTF-8."));
            return;
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        if (keyInQuery(request)) {
            log.info("Refused {} {} [{}]: an API key or token in the query string", request.getMethod(),
                    request.getRequestURI(), requestId);
            EdgeProblems.write(response,
                    EdgeProblems.of(400, "api-key-in-query", "Credentials in the query string",
                            "Send the API key in the X-API-Key header (or a token in Authorization), never in the URL: "
                                    + "URLs end up in logs. Revoke this key if it was a real one."));
            return;
        }
        if (isPublic(path)) {
            chain.doFilter(forwarded, response);
            return;
        }
        EdgeCaller caller;
        try {
            caller = authenticate(request);
        }
        catch (EdgeCallers.Refused refused) {
            if (browserNavigation(request)) {
                // a page a person opened: the login form, then back here
                String target = request.getRequestURI()
                        + ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
                response.setStatus(303);
                response.setHeader("Location",
                        "/login?next=" + java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            log.info("Refused {} {} [{}]: {}", request.getMethod(), request.getRequestURI(), requestId,
                    refused.refusal().detail());
            if (refused.refusal().challenge() != null) {
                response.setHeader("WWW-Authenticate", refused.refusal().challenge());
            }
            EdgeProblems.write(response, EdgeProblems.of(refused.refusal().status(), refused.refusal().slug(),
                    refused.refusal().title(), refused.refusal().detail()));
            return;
        }
        catch (RuntimeException ex) {
            if (!DatabaseUnavailable.causes(ex)) {
                throw ex;
            }
            unavailable(request, response, requestId, ex);
            return;
        }
        String scope = ownScope(path);
        if (scope != null && !caller.scopes().contains(scope) && !caller.scopes().contains(Scopes.ADMIN)) {
            Refusal refusal = Refusal.insufficientScope(scope);
            response.setHeader("WWW-Authenticate", refusal.challenge());
            this.usage.record(caller.subject(), 403, request.getContentLengthLong(), 0);
            EdgeProblems.write(response, EdgeProblems.of(403, refusal.slug(), refusal.title(), refusal.detail()));
            return;
        }
        RateLimiter.Decision decision;
        try {
            decision = this.limiter.consume(caller.subject(), caller.plan());
        }
        catch (RateLimiter.StoreUnavailable ex) {
            unavailable(request, response, requestId, ex);
            return;
        }
        response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            this.usage.record(caller.subject(), 429, request.getContentLengthLong(), 0);
            ProblemDetail problem = EdgeProblems.of(429, "rate-limited", "Too many requests", "This caller's limit is "
                    + decision.limit() + " requests per period; try again in " + decision.retryAfterSeconds() + " s.");
            EdgeProblems.write(response, problem);
            return;
        }
        forwarded.set("Authorization", "Bearer " + caller.bearer());
        forwarded.setAttribute(EdgeCaller.ATTRIBUTE, caller);
        CountingResponse counted = new CountingResponse(response);
        try {
            chain.doFilter(forwarded, counted);
        }
        finally {
            this.usage.record(caller.subject(), response.getStatus(), request.getContentLengthLong(),
                    counted.written());
        }
    }

    /** 503: the edge's database (keys, clients, rate limits) is not answering. */
    private static void unavailable(HttpServletRequest request, HttpServletResponse response, String requestId,
            RuntimeException failure) throws IOException {
        log.warn("{} {} [{}]: the edge's database is not answering: {}", request.getMethod(), request.getRequestURI(),
                requestId, failure.getMessage());
        response.setHeader("Retry-After", "1");
        EdgeProblems.write(response, EdgeProblems.databaseUnavailable());
    }

    private EdgeCaller authenticate(HttpServletRequest request) {
        String key = request.getHeader(API_KEY);
        String authorization = request.getHeader("Authorization");
        if (key == null && (authorization == null || authorization.isBlank()) && readOnly(request)) {
            String cookie = cookie(request, BrowserLogin.COOKIE);
            if (cookie != null) {
                // a browser logged in at /login: reading only
                return this.callers.byLogin(cookie);
            }
        }
        return this.callers.authenticate(key, authorization);
    }

    private static boolean readOnly(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    /**
     * A person's browser opening a page (not a script's call): offered the login form
     * instead of a 401 problem.
     */
    private static boolean browserNavigation(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return "GET".equals(request.getMethod()) && request.getHeader(API_KEY) == null
                && request.getHeader("Authorization") == null && accept != null && accept.contains("text/html");
    }

    private static String cookie(HttpServletRequest request, String name) {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (jakarta.servlet.http.Cookie cookie : cookies) {
            if (name.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                return cookie.getValue().strip();
            }
        }
        return null;
    }

    /**
     * Whether every {@code %} of a query starts an escape of two hex digits and the
     * escaped bytes are UTF-8: what the services read a query as (and answer 400
     * otherwise).
     */
    static boolean wellEncoded(String query) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || Character.digit(query.charAt(i + 1), 16) < 0
                        || Character.digit(query.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.write(Character.digit(query.charAt(i + 1), 16) * 16 + Character.digit(query.charAt(i + 2), 16));
                i += 2;
            }
            else if (c < 0x80) {
                bytes.write(c);
            }
            else {
                byte[] encoded = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        }
        catch (java.nio.charset.CharacterCodingException ex) {
            return false;
        }
    }

    private static boolean keyInQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (KEY_PARAMETERS.contains(name) || KEY_PARAMETERS
                .contains(java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the edge lets a call to {@code path} through without credentials (its
     * documents, the token endpoint, health, the browser's login).
     */
    public static boolean isPublic(String path) {
        return isPublic(PathContainer.parsePath(path));
    }

    private static boolean isPublic(PathContainer path) {
        for (PathPattern pattern : PUBLIC) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The scope the edge's own operations need (its admin API and metrics: admin); null
     * for routed ones, which the services check.
     */
    private static String ownScope(PathContainer path) {
        for (PathPattern admin : ADMIN) {
            if (admin.matches(path)) {
                return Scopes.ADMIN;
            }
        }
        if (SUMMARY.matches(path)) {
            return "retail.read";
        }
        return null;
    }

}
