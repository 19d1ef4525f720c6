package dev.weir.edge.auth;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import dev.weir.edge.system.EdgeProblems;

/**
 * The token endpoint's errors as RFC 9457 problems that also carry RFC 6749's members
 * ({@code error}, {@code error_description}), so OAuth2 client libraries and Weir's
 * problem readers both understand them: 401 {@code invalid-client} for a client that
 * cannot authenticate (with a {@code WWW-Authenticate: Basic} challenge), 400 for a bad
 * request, grant or scope. Never the secret.
 */
final class OAuthProblems implements AuthenticationFailureHandler, AuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(OAuthProblems.class);

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, exception.getMessage(), null);
        write(request, response, error);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        onAuthenticationFailure(request, response, exception);
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, OAuth2Error error)
            throws IOException {
        boolean client = OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())
                || OAuth2ErrorCodes.UNAUTHORIZED_CLIENT.equals(error.getErrorCode());
        int status = client ? 401 : 400;
        String description = (error.getDescription() != null) ? error.getDescription() : describe(error);
        log.info("Token request refused: {} ({})", error.getErrorCode(), description);
        ProblemDetail problem = EdgeProblems.of(status, error.getErrorCode().replace('_', '-'), title(error),
                description);
        problem.setProperty("error", error.getErrorCode());
        problem.setProperty("error_description", description);
        if (client) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"weir\"");
        }
        response.setHeader("Cache-Control", "no-store");
        EdgeProblems.write(response, problem);
    }

    private static String title(OAuth2Error error) {
        return switch (error.getErrorCode()) {
            case OAuth2ErrorCodes.INVALID_CLIENT -> "Client authentication failed";
            case OAuth2ErrorCodes.INVALID_SCOPE -> "Scope not allowed";
            case OAuth2ErrorCodes.UNSUPPORTED_GRANT_TYPE -> "Grant type not supported";
            case OAuth2ErrorCodes.UNAUTHORIZED_CLIENT -> "Client not allowed this grant";
            default -> "Invalid token request";
        };
    }

    private static String describe(OAuth2Error error) {
        return switch (error.getErrorCode()) {
            case OAuth2ErrorCodes.INVALID_CLIENT ->
                "The client id or secret is wrong, or the client is disabled. Send them with HTTP Basic or as "
                        + "client_id and client_secret form parameters.";
            case OAuth2ErrorCodes.INVALID_SCOPE -> "A scope asked for is not one this client may be granted.";
            case OAuth2ErrorCodes.UNSUPPORTED_GRANT_TYPE -> "Only grant_type=client_credentials is supported.";
            default -> "The token request is not valid (grant_type=client_credentials, an optional scope).";
        };
    }

}
