package dev.weir.ingest.pull.kinds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.weir.ingest.pull.definition.AuthConfig;
import dev.weir.ingest.pull.spi.Authenticator;
import dev.weir.ingest.pull.spi.OutgoingRequest;
import dev.weir.ingest.pull.spi.SecretResolver;
import dev.weir.ingest.pull.spi.TokenClient;
import dev.weir.ingest.pull.spi.TokenException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The declarative authentication kinds ({@code auth.type}). */
public final class Authenticators {

    private Authenticators() {
    }

    /**
     * The authenticator a definition declares, its secrets resolved now (a missing
     * variable fails the run before any request).
     * @throws IllegalArgumentException when a secret cannot be resolved
     */
    public static Authenticator of(AuthConfig auth, SecretResolver secrets, TokenClient tokens, Clock clock) {
        return switch (auth) {
            case AuthConfig.None none -> Authenticator.NONE;
            case AuthConfig.ApiKey key -> apiKey(key, secrets.resolve(key.value().value()));
            case AuthConfig.Bearer bearer -> {
                String header = "Bearer " + secrets.resolve(bearer.token().value());
                yield (request) -> request.header("Authorization", header);
            }
            case AuthConfig.Basic basic -> {
                String header = basicHeader(secrets.resolve(basic.username()),
                        secrets.resolve(basic.password().value()));
                secrets.remember(header.substring("Basic ".length()));
                yield (request) -> request.header("Authorization", header);
            }
            case AuthConfig.OAuth2ClientCredentials oauth ->
                new ClientCredentials(oauth, secrets.resolve(oauth.clientId()),
                        secrets.resolve(oauth.clientSecret().value()), secrets, tokens, clock);
        };
    }

    private static Authenticator apiKey(AuthConfig.ApiKey key, String value) {
        return (key.in() == AuthConfig.KeyLocation.HEADER) ? (request) -> request.header(key.name(), value)
                : (request) -> request.queryParam(key.name(), value);
    }

    static String basicHeader(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * OAuth2 client credentials: a token fetched when first needed, reused until 30
     * seconds before it expires, and fetched again after a 401.
     */
    static final class ClientCredentials implements Authenticator {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        private static final Duration EARLY = Duration.ofSeconds(30);

        private final AuthConfig.OAuth2ClientCredentials config;

        private final String clientId;

        private final String clientSecret;

        private final SecretResolver secrets;

        private final TokenClient tokens;

        private final Clock clock;

        private String token;

        private Instant expiresAt = Instant.MIN;

        ClientCredentials(AuthConfig.OAuth2ClientCredentials config, String clientId, String clientSecret,
                SecretResolver secrets, TokenClient tokens, Clock clock) {
            this.config = config;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.secrets = secrets;
            this.tokens = tokens;
            this.clock = clock;
        }

        @Override
        public synchronized void authenticate(OutgoingRequest request) throws IOException, InterruptedException {
            if (this.token == null || !this.clock.instant().isBefore(this.expiresAt)) {
                fetchToken();
            }
            request.header("Authorization", "Bearer " + this.token);
        }

        @Override
        public synchronized boolean refresh() {
            this.token = null;
            return true;
        }

        private void fetchToken() throws IOException, InterruptedException {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "client_credentials");
            if (this.config.scope() != null) {
                form.put("scope", this.config.scope());
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", "application/json");
            if (this.config.clientAuth() == AuthConfig.ClientAuth.BASIC) {
                String header = basicHeader(this.clientId, this.clientSecret);
                this.secrets.remember(header.substring("Basic ".length()));
                headers.put("Authorization", header);
            }
            else {
                form.put("client_id", this.clientId);
                form.put("client_secret", this.clientSecret);
            }
            TokenClient.Response response = this.tokens.postForm(this.config.tokenUrl(), headers, form);
            if (response.status() != 200) {
                throw new TokenException("the token endpoint " + this.config.tokenUrl() + " answered "
                        + response.status() + " to the client credentials of client '" + this.clientId + "'");
            }
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            }
            catch (JacksonException ex) {
                throw new TokenException("the token endpoint " + this.config.tokenUrl() + " did not answer JSON");
            }
            JsonNode accessToken = body.get("access_token");
            if (accessToken == null || !accessToken.isString() || accessToken.asString().isBlank()) {
                throw new TokenException("the token endpoint " + this.config.tokenUrl() + " answered no access_token");
            }
            this.token = accessToken.asString();
            this.secrets.remember(this.token);
            JsonNode expiresIn = body.get("expires_in");
            long seconds = (expiresIn != null && expiresIn.canConvertToLong()) ? expiresIn.asLong() : 3600;
            this.expiresAt = this.clock.instant().plusSeconds(seconds).minus(EARLY);
        }

    }

}
