package dev.weir.edge.gate;

import java.util.Locale;
import java.util.Optional;

import dev.weir.edge.auth.EdgeTokens;
import dev.weir.edge.client.ClientService;
import dev.weir.edge.key.ApiKeyService;
import dev.weir.edge.key.KeyGrant;
import dev.weir.edge.limit.RatePlan;
import dev.weir.edge.system.EdgeProperties;
import dev.weir.platform.security.Caller;
import dev.weir.platform.security.Refusal;
import dev.weir.platform.security.TokenRejectedException;

/**
 * Who is calling: the caller of an API key ({@code X-API-Key}), of a browser's login
 * cookie, or of a bearer token the edge issued, with the scopes, the token for the
 * services and the rate plan that go with it. The gate asks on every call; the fast proxy
 * path of the routes asks too, and leaves any call it cannot admit to the gate.
 */
public final class EdgeCallers {

    private final ApiKeyService keys;

    private final ClientService clients;

    private final EdgeTokens tokens;

    private final EdgeProperties properties;

    public EdgeCallers(ApiKeyService keys, ClientService clients, EdgeTokens tokens, EdgeProperties properties) {
        this.keys = keys;
        this.clients = clients;
        this.tokens = tokens;
        this.properties = properties;
    }

    /**
     * The caller of an API key or a bearer token, or empty when there is none or it is
     * refused (the gate answers those calls, with the refusal's problem).
     * @param key the {@code X-API-Key} header, or null
     * @param authorization the {@code Authorization} header, or null
     */
    public Optional<EdgeCaller> known(String key, String authorization) {
        if (key == null && (authorization == null || authorization.isBlank())) {
            return Optional.empty();
        }
        try {
            return Optional.of(authenticate(key, authorization));
        }
        catch (Refused refused) {
            return Optional.empty();
        }
    }

    /**
     * The caller of an API key, else of a bearer token; refused when neither is valid.
     */
    EdgeCaller authenticate(String key, String authorization) {
        if (key != null) {
            Optional<KeyGrant> grant = this.keys.authenticate(key.strip());
            if (grant.isEmpty()) {
                throw new Refused(new Refusal(401, "invalid-api-key", "Invalid API key",
                        "The API key is unknown or revoked.", "ApiKey realm=\"weir\""));
            }
            return caller(grant.get());
        }
        if (authorization == null || authorization.isBlank()) {
            throw new Refused(Refusal.unauthenticated(
                    "Send an API key in the X-API-Key header, or a bearer token from POST /oauth2/token."));
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Refused(Refusal.unauthenticated("Only bearer tokens are accepted in Authorization (scheme '"
                    + authorization.split(" ", 2)[0].toLowerCase(Locale.ROOT) + "' given)."));
        }
        String token = authorization.substring(7).strip();
        Caller caller;
        try {
            caller = this.tokens.verify(token);
        }
        catch (TokenRejectedException ex) {
            throw new Refused(Refusal.invalidToken(ex.getMessage()));
        }
        RatePlan plan;
        if (caller.subject().startsWith("client:")) {
            plan = this.clients.plan(caller.subject().substring("client:".length()))
                .orElseThrow(() -> new Refused(Refusal.invalidToken("The client of this token is disabled.")));
        }
        else {
            // an exchanged key's token, brought back: the default limit of keys
            plan = RatePlan.parse(this.properties.limits().defaultKey());
        }
        return new EdgeCaller(caller.subject(), caller.scopes(), token, plan);
    }

    /** The caller of a browser's login (its API key, kept in a cookie). */
    EdgeCaller byLogin(String cookie) {
        Optional<KeyGrant> grant = this.keys.authenticate(cookie);
        if (grant.isEmpty()) {
            throw new Refused(new Refusal(401, "invalid-api-key", "Invalid API key",
                    "The API key of this browser's login is unknown or revoked: log in again at /login.",
                    "ApiKey realm=\"weir\""));
        }
        return caller(grant.get());
    }

    private static EdgeCaller caller(KeyGrant grant) {
        return new EdgeCaller(grant.subject(), grant.scopes(), grant.bearer(), grant.plan());
    }

    /** Credentials that are missing or not valid, and the problem that says so. */
    static final class Refused extends RuntimeException {

        private final transient Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.detail(), null, false, false);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return this.refusal;
        }

    }

}
