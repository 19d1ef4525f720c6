package dev.weir.platform.security;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Checks the edge's bearer tokens: a JWS signed with RS256 (no other algorithm, so
 * neither {@code alg: none} nor an HMAC keyed with the public key passes) by a key of the
 * edge's key set, found by its {@code kid} (an unknown {@code kid} makes it fetch the set
 * again, at most every few seconds, which is how a rotated key is learned); with the
 * configured {@code iss} and {@code aud}, an {@code exp} in the future and no {@code nbf}
 * in the future (both within the clock skew).
 * <p>
 * A token checked once is remembered until it expires, so a client that sends the same
 * token on every call pays for the signature once; the remembered answer is still refused
 * past {@code exp}.
 */
public final class TokenVerifier {

    private static final int REMEMBERED = 10_000;

    private final JwtDecoder decoder;

    private final Clock clock;

    private final long skewSeconds;

    private final ConcurrentHashMap<String, Caller> verified = new ConcurrentHashMap<>();

    TokenVerifier(JwtDecoder decoder, Clock clock, long skewSeconds) {
        this.decoder = decoder;
        this.clock = clock;
        this.skewSeconds = skewSeconds;
    }

    /**
     * A verifier of tokens signed by the keys published at the configured key set URL,
     * fetched over {@code tls} when given (a self-signed edge).
     */
    public static TokenVerifier forKeySet(WeirSecurityProperties properties, SSLSocketFactory tls) {
        URL url;
        try {
            url = URI.create(properties.effectiveJwksUri()).toURL();
        }
        catch (MalformedURLException | IllegalArgumentException ex) {
            throw new IllegalArgumentException("weir.security.jwks-uri is not a URL: " + properties.effectiveJwksUri(),
                    ex);
        }
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(2000, 5000, 512 * 1024, true, tls);
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(url, retriever)
            .cache(properties.jwksCacheTtl().toMillis(), 15_000)
            .rateLimited(properties.jwksMinRefresh().toMillis())
            .refreshAheadCache(false)
            .build();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(validator(properties));
        return new TokenVerifier(decoder, Clock.systemUTC(), properties.clockSkew().toSeconds());
    }

    /** A verifier over a decoder built elsewhere (the edge checks with its own keys). */
    public static TokenVerifier of(NimbusJwtDecoder decoder, WeirSecurityProperties properties) {
        decoder.setJwtValidator(validator(properties));
        return new TokenVerifier(decoder, Clock.systemUTC(), properties.clockSkew().toSeconds());
    }

    static OAuth2TokenValidator<Jwt> validator(WeirSecurityProperties properties) {
        JwtTimestampValidator times = new JwtTimestampValidator(properties.clockSkew());
        OAuth2TokenValidator<Jwt> expiry = new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull);
        return new DelegatingOAuth2TokenValidator<>(List.of(expiry, times, new JwtIssuerValidator(properties.issuer()),
                new JwtAudienceValidator(properties.audience())));
    }

    /**
     * Whether {@code token} was verified before and is still within its lifetime, so
     * {@link #verify} answers without any work.
     */
    public boolean knows(String token) {
        Caller known = this.verified.get(token);
        return known != null && this.clock.instant().isBefore(known.expiresAt().plusSeconds(this.skewSeconds));
    }

    /**
     * The caller the token names.
     * @throws TokenRejectedException when it is not valid here
     */
    public Caller verify(String token) {
        Caller known = this.verified.get(token);
        Instant now = this.clock.instant();
        if (known != null) {
            if (now.isBefore(known.expiresAt().plusSeconds(this.skewSeconds))) {
                return known;
            }
            this.verified.remove(token);
            throw new TokenRejectedException("The token has expired.");
        }
        Jwt jwt;
        try {
            jwt = this.decoder.decode(token);
        }
        catch (JwtValidationException ex) {
            throw new TokenRejectedException(describe(ex));
        }
        catch (JwtException ex) {
            throw new TokenRejectedException("The token is not a valid token of this issuer: " + ex.getMessage());
        }
        Caller caller = new Caller(Objects.requireNonNullElse(jwt.getSubject(), ""), scopes(jwt), jwt.getExpiresAt());
        if (this.verified.size() >= REMEMBERED) {
            this.verified.clear();
        }
        this.verified.put(token, caller);
        return caller;
    }

    /** The scopes of {@code scope}: a space-separated string or a list of strings. */
    static Set<String> scopes(Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        Set<String> scopes = new LinkedHashSet<>();
        if (scope instanceof String text) {
            for (String s : text.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    scopes.add(s);
                }
            }
        }
        else if (scope instanceof Collection<?> list) {
            list.forEach((s) -> scopes.add(String.valueOf(s)));
        }
        return Set.copyOf(scopes);
    }

    private static String describe(JwtValidationException ex) {
        StringBuilder out = new StringBuilder();
        for (OAuth2Error error : ex.getErrors()) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(error.getDescription());
        }
        return out.isEmpty() ? "The token is not valid." : out.toString();
    }

}
