package dev.weir.platform.security;

import java.util.Locale;

/**
 * The check every call into a service passes, whatever the transport: the operation's
 * scope from the {@link AccessPolicy}, the caller from the bearer token. The transports'
 * hooks (platform/web's request guard, {@link JwtRequestGuard}; platform/grpc's call
 * guard, {@link JwtCallGuard}) only hand it the method, the path and the
 * {@code Authorization} header, and answer its refusal.
 */
public final class Guard {

    private final AccessPolicy policy;

    private final TokenVerifier verifier;

    public Guard(AccessPolicy policy, TokenVerifier verifier) {
        this.policy = policy;
        this.verifier = verifier;
    }

    /**
     * Null when {@code method path} may be called with this {@code Authorization} header,
     * the refusal otherwise.
     * @param path decoded and normalised
     */
    public Refusal checkHttp(String method, String path, String authorization) {
        return check(this.policy.requiredScope(method, path), authorization);
    }

    /** Null when the gRPC method may be called with this {@code authorization}. */
    public Refusal checkGrpc(String fullMethodName, String authorization) {
        return check(this.policy.requiredGrpcScope(fullMethodName), authorization);
    }

    private Refusal check(String scope, String authorization) {
        if (scope.isEmpty()) {
            return null;
        }
        if (authorization == null || authorization.isBlank()) {
            return Refusal
                .unauthenticated("This operation needs a bearer token (Authorization: Bearer ...) with the scope '"
                        + scope + "'. Call through the edge with an API key or a token from /oauth2/token.");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String kind = authorization.split(" ", 2)[0].toLowerCase(Locale.ROOT);
            return Refusal.unauthenticated("The Authorization header uses the '" + kind
                    + "' scheme; this service accepts bearer tokens only.");
        }
        Caller caller;
        try {
            caller = this.verifier.verify(authorization.substring(7).strip());
        }
        catch (TokenRejectedException ex) {
            return Refusal.invalidToken(ex.getMessage());
        }
        if (!this.policy.grants(caller.scopes(), scope)) {
            return Refusal.insufficientScope(scope);
        }
        return null;
    }

}
