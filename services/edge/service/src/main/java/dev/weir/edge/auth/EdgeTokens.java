package dev.weir.edge.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Service;

import dev.weir.edge.system.EdgeProperties;
import dev.weir.platform.security.Caller;
import dev.weir.platform.security.TokenVerifier;
import dev.weir.platform.security.WeirSecurityProperties;

/**
 * The edge's tokens: RS256 JWTs signed with the active {@link SigningKeys signing key},
 * for the OAuth2 token endpoint ({@link JwtEncoder}) and for API keys exchanged at the
 * edge ({@link #mint}); and the check of the tokens clients bring back, with the same
 * rules every service applies ({@link TokenVerifier}), against the edge's own key set.
 */
@Service
public class EdgeTokens implements JwtEncoder {

    private final SigningKeys keys;

    private final EdgeProperties properties;

    private final Clock clock;

    private final TokenVerifier verifier;

    private volatile Signer signer;

    EdgeTokens(SigningKeys keys, EdgeProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
        JWKSource<SecurityContext> published = (selector, context) -> selector.select(keys.published());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(published)
            .jwsAlgorithm(SignatureAlgorithm.RS256)
            .build();
        this.verifier = TokenVerifier.of(decoder, securityProperties(properties));
    }

    /** The rules of every service's check, with the edge's issuer and audience. */
    static WeirSecurityProperties securityProperties(EdgeProperties properties) {
        return new WeirSecurityProperties(WeirSecurityProperties.Mode.ENFORCE, properties.issuer(),
                properties.audience(), "", "", java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(5),
                properties.tokens().clockSkew(), "admin", List.of(), List.of(), List.of(),
                new WeirSecurityProperties.ServiceClient("", "", "", ""));
    }

    /** The key set the authorization server publishes at {@code /oauth2/jwks}. */
    public JWKSource<SecurityContext> jwkSource() {
        return (selector, context) -> selector.select(this.keys.published());
    }

    /**
     * A token for {@code subject} granting {@code scopes}, living {@code ttl}.
     * @param subject {@code key:<prefix>} or {@code client:<id>}
     */
    public MintedToken mint(String subject, Set<String> scopes, Duration ttl) {
        Instant now = this.clock.instant();
        Instant expires = now.plus(ttl);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.properties.issuer())
            .audience(this.properties.audience())
            .subject(subject)
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .claim("scope", String.join(" ", scopes))
            .build();
        Signer current = signer();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(current.kid()).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(current.signer());
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Could not sign a token", ex);
        }
        return new MintedToken(jwt.serialize(), expires);
    }

    /**
     * The caller a token names, checked as every service checks it.
     * @throws dev.weir.platform.security.TokenRejectedException when it is not valid
     */
    public Caller verify(String token) {
        return this.verifier.verify(token);
    }

    /** Signs the authorization server's tokens with the active key. */
    @Override
    public Jwt encode(JwtEncoderParameters parameters) {
        return signer().encoder().encode(parameters);
    }

    private Signer signer() {
        RSAKey active = this.keys.active();
        Signer current = this.signer;
        if (current == null || !current.kid().equals(active.getKeyID())) {
            try {
                current = new Signer(active.getKeyID(), new RSASSASigner(active),
                        new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(active))));
            }
            catch (JOSEException ex) {
                throw new IllegalStateException(ex);
            }
            this.signer = current;
        }
        return current;
    }

    /**
     * A token minted.
     *
     * @param value the JWT
     * @param expiresAt when it expires
     */
    public record MintedToken(String value, Instant expiresAt) {
    }

    private record Signer(String kid, RSASSASigner signer, NimbusJwtEncoder encoder) {
    }

}
