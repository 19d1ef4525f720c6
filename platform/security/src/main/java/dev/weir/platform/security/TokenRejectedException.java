package dev.weir.platform.security;

/**
 * A bearer token that is not valid here: malformed, not signed by the edge with RS256,
 * expired or not yet valid, or for another issuer or audience. The message says which,
 * and never contains the token.
 */
public class TokenRejectedException extends RuntimeException {

    public TokenRejectedException(String message) {
        super(message, null, false, false);
    }

}
