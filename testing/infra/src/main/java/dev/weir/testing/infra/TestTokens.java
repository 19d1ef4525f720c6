package dev.weir.testing.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A token issuer for the tests of a service that checks tokens (platform/security), in
 * place of the edge: an RSA key of the test JVM's own, published as a JWKS on a local
 * port, and tokens signed with it. {@link TestTokensInitializer} points a service at it,
 * so the service checks every call exactly as in production; tests send
 * {@link #bearer(String...)} headers.
 * <p>
 * Chosen over a switch that turns checking off in tests: no property of the services can
 * disable the check, and the tests exercise the same code path as production.
 */
public final class TestTokens {

    /** The {@code iss} of every test token. */
    public static final String ISSUER = "https://edge.weir.test";

    /** The {@code aud} of every test token. */
    public static final String AUDIENCE = "weir";

    /** Every scope a Weir operation needs. */
    public static final List<String> ALL_SCOPES = List.of("retail.read", "retail.write", "events.write",
            "connectors.admin", "analytics.read", "pipeline.read", "admin");

    private static final String KEY_ID = "test-key-1";

    private static RSAKey key;

    private static HttpServer server;

    private TestTokens() {
    }

    private static synchronized RSAKey key() {
        if (key == null) {
            key = newKey(KEY_ID);
        }
        return key;
    }

    /** A fresh RSA key pair (2048 bits) with this key id. */
    public static RSAKey newKey(String keyId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(keyId)
                .build();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The URL of the key set (the public key only), served for the life of the test JVM.
     */
    public static synchronized String jwksUri() {
        if (server == null) {
            try {
                byte[] jwks = new JWKSet(key().toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
                HttpServer started = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                started.createContext("/oauth2/jwks", (exchange) -> {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    exchange.getResponseBody().write(jwks);
                    exchange.close();
                });
                started.start();
                server = started;
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks";
    }

    /**
     * {@code Bearer <token>} granting {@code scopes} (all of them when none are given),
     * valid for an hour.
     */
    public static String bearer(String... scopes) {
        return "Bearer " + token(scopes);
    }

    /**
     * A token granting {@code scopes} (all of them when none are given), valid for an
     * hour.
     */
    public static String token(String... scopes) {
        List<String> granted = (scopes.length == 0) ? ALL_SCOPES : List.of(scopes);
        return token((claims) -> claims.claim("scope", String.join(" ", granted)));
    }

    /**
     * A token signed with the test key, with the usual claims (issuer, audience, subject
     * {@code client:test}, issued now, expiring in an hour) changed by {@code claims}.
     */
    public static String token(Consumer<JWTClaimsSet.Builder> claims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(ISSUER)
            .audience(AUDIENCE)
            .subject("client:test")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
        claims.accept(builder);
        return sign(key(), builder.build());
    }

    /** {@code claims} signed with RS256 by {@code key}, with its key id in the header. */
    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
