package dev.weir.edge.gate;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import dev.weir.edge.key.ApiKeyService;

/**
 * A login a browser can use, for pages behind the edge (the analytics dashboard): a
 * browser cannot send {@code X-API-Key} when it follows a link, so the key is given once
 * in a form ({@code POST /login}, never in a URL) and kept in a cookie that is
 * {@code HttpOnly} (no script reads it), {@code SameSite=Strict} (no other site's page
 * sends it) and {@code Secure} over HTTPS. The gate accepts the cookie in place of the
 * header for {@code GET} and {@code HEAD} only, so a cookie can read but never change
 * anything. {@code POST /logout} forgets it.
 */
@RestController
class BrowserLogin {

    /** The cookie holding the key. */
    static final String COOKIE = "weir_key";

    /** How long a browser stays logged in. */
    static final Duration LIFETIME = Duration.ofHours(8);

    private final ApiKeyService keys;

    BrowserLogin(ApiKeyService keys) {
        this.keys = keys;
    }

    @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@RequestParam(name = "next", defaultValue = "/dashboard") String next,
            @RequestParam(name = "failed", required = false) String failed) {
        return html(HttpStatus.OK, form(next, failed != null));
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @ApiResponse(responseCode = "303", description = "To the page asked for with the key's cookie, or back to "
            + "the form when the key is refused")
    ResponseEntity<Void> login(HttpServletRequest request) throws java.io.IOException {
        // the form's fields, from the body as it comes (the gateway's form filter hides
        // form fields from the request's parameters and Spring's form reading) or, when
        // the server read it already, the request's parameters
        String body = new String(request.getInputStream().readNBytes(8192), StandardCharsets.UTF_8);
        String key = field(body, request, "api_key");
        String target = local(java.util.Objects.requireNonNullElse(field(body, request, "next"), "/dashboard"));
        key = (key != null) ? key : "";
        if (key.isBlank() || this.keys.authenticate(key.strip()).isEmpty()) {
            // the form again, saying so (an error answer would be a problem, not a page)
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create("/login?failed=1&next=" + URLEncoder.encode(target, StandardCharsets.UTF_8)))
                .build();
        }
        ResponseCookie cookie = ResponseCookie.from(COOKIE, key.strip())
            .httpOnly(true)
            .secure(request.isSecure())
            .sameSite("Strict")
            .path("/")
            .maxAge(LIFETIME)
            .build();
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
            .header(HttpHeaders.SET_COOKIE, cookie.toString())
            .location(URI.create(target))
            .build();
    }

    @PostMapping("/logout")
    @ApiResponse(responseCode = "303", description = "To the login form, the cookie removed")
    ResponseEntity<Void> logout(HttpServletRequest request) {
        ResponseCookie cookie = ResponseCookie.from(COOKIE, "")
            .httpOnly(true)
            .secure(request.isSecure())
            .sameSite("Strict")
            .path("/")
            .maxAge(0)
            .build();
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
            .header(HttpHeaders.SET_COOKIE, cookie.toString())
            .location(URI.create("/login"))
            .build();
    }

    /** A form field's text, or nothing for one that is not validly encoded. */
    private static String decoded(String text) {
        try {
            return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return "";
        }
    }

    private static String field(String body, HttpServletRequest request, String name) {
        if (body != null && !body.isBlank()) {
            for (String pair : body.split("&")) {
                String[] parts = pair.split("=", 2);
                if (decoded(parts[0]).equals(name)) {
                    return (parts.length > 1) ? decoded(parts[1]) : "";
                }
            }
        }
        return request.getParameter(name);
    }

    /**
     * {@code next} when it is a path of this site, else the dashboard: no open redirect.
     */
    static String local(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch((c) -> c < 0x20 || c == 0x7f)) {
            return "/dashboard";
        }
        try {
            // a path of this site that a Location header can carry as it is
            URI uri = new URI(next);
            return (uri.getScheme() == null && uri.getRawAuthority() == null) ? next : "/dashboard";
        }
        catch (URISyntaxException ex) {
            return "/dashboard";
        }
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status)
            .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
            .header("X-Frame-Options", "DENY")
            .body(body);
    }

    private static String form(String next, boolean failed) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Weir: log in</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}
                input{width:100%%;padding:.5rem;margin:.5rem 0;box-sizing:border-box}p.failed{color:#b00020}</style>
                </head><body>
                <h1>Weir</h1>
                <p>Log in with an API key (<code>./weir keys create --name me --scopes analytics.read</code>).
                It is kept in a cookie of this site for %d hours, for reading only.</p>
                %s
                <form method="post" action="/login">
                <input type="password" name="api_key" placeholder="API key" autocomplete="off" required autofocus>
                <input type="hidden" name="next" value="%s">
                <input type="submit" value="Log in">
                </form></body></html>
                """.formatted(LIFETIME.toHours(),
                failed ? "<p class=\"failed\">That key is unknown or revoked.</p>" : "",
                HtmlUtils.htmlEscape(local(next)));
    }

}
