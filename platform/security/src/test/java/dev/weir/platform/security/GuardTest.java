package dev.weir.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import dev.weir.testing.infra.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check every service runs, against the tokens an attacker would try: each is refused
 * with 401 (or 403 for a valid token without the scope), and the refusal never repeats
 * the token.
 */
class GuardTest {

    private static final WeirSecurityProperties PROPERTIES = new WeirSecurityProperties(
            WeirSecurityProperties.Mode.ENFORCE, TestTokens.ISSUER, TestTokens.AUDIENCE, TestTokens.jwksUri(), "",
            Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(30), "admin",
            List.of("/health", "/health/**", "/openapi.json"), List.of(),
            List.of(new WeirSecurityProperties.Operation("retail.read", List.of("GET,HEAD /customer/**"),
                    List.of("retail.v1.Customers/Get*")),
                    new WeirSecurityProperties.Operation("retail.write", List.of("POST /customer/**"), List.of())),
            new WeirSecurityProperties.ServiceClient("", "", "", ""));

    private final Guard guard = new Guard(new AccessPolicy(PROPERTIES), TokenVerifier.forKeySet(PROPERTIES, null));

    @Test
    void letsAValidTokenWithTheOperationsScopeThrough() {
        assertThat(this.guard.checkHttp("GET", "/customer/17850", TestTokens.bearer("retail.read"))).isNull();
        assertThat(this.guard.checkGrpc("retail.v1.Customers/GetCustomer", TestTokens.bearer("retail.read"))).isNull();
    }

    @Test
    void letsTheAdminScopeCallEverything() {
        assertThat(this.guard.checkHttp("DELETE", "/anything/else", TestTokens.bearer("admin"))).isNull();
    }

    @Test
    void leavesHealthAndTheApiDocumentOpen() {
        assertThat(this.guard.checkHttp("GET", "/health/readiness", null)).isNull();
        assertThat(this.guard.checkHttp("GET", "/openapi.json", null)).isNull();
    }

    @Test
    void refusesACallWithoutATokenWith401AndAChallenge() {
        Refusal refusal = this.guard.checkHttp("GET", "/customer/17850", null);
        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.type()).isEqualTo("https://weir.dev/problems/unauthenticated");
        assertThat(refusal.challenge()).startsWith("Bearer");
    }

    @Test
    void refusesBasicCredentialsWith401() {
        assertThat(this.guard.checkHttp("GET", "/customer/1", "Basic dXNlcjpwYXNz").status()).isEqualTo(401);
    }

    @Test
    void refusesAValidTokenWithoutTheScopeWith403() {
        Refusal refusal = this.guard.checkHttp("POST", "/customer", TestTokens.bearer("retail.read"));
        assertThat(refusal.status()).isEqualTo(403);
        assertThat(refusal.type()).isEqualTo("https://weir.dev/problems/insufficient-scope");
        assertThat(refusal.challenge()).contains("insufficient_scope").contains("retail.write");
    }

    @Test
    void needsTheAdminScopeForAnOperationNoRuleNames() {
        assertThat(this.guard.checkHttp("GET", "/metrics", TestTokens.bearer("retail.read")).status()).isEqualTo(403);
        assertThat(this.guard.checkGrpc("retail.v1.Invoices/CreateInvoice", TestTokens.bearer("retail.read")).status())
            .isEqualTo(403);
    }

    @Test
    void refusesAnExpiredToken() {
        String token = TestTokens.token((claims) -> claims.claim("scope", "retail.read")
            .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(10))))
            .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5)))));
        assertInvalid(token, "expired");
    }

    @Test
    void refusesATokenNotValidYet() {
        String token = TestTokens.token((claims) -> claims.claim("scope", "retail.read")
            .notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(5)))));
        assertInvalid(token, "");
    }

    @Test
    void refusesATokenWithoutExpiry() {
        assertInvalid(TestTokens.token((claims) -> claims.claim("scope", "retail.read").expirationTime(null)), "exp");
    }

    @Test
    void refusesATokenOfAnotherIssuer() {
        assertInvalid(TestTokens.token((claims) -> claims.claim("scope", "retail.read").issuer("https://evil.test")),
                "iss");
    }

    @Test
    void refusesATokenForAnotherAudience() {
        assertInvalid(TestTokens.token((claims) -> claims.claim("scope", "retail.read").audience("other")), "aud");
    }

    @Test
    void refusesAnUnsignedTokenWithAlgNone() {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = TestTokens.token("retail.read").split("\\.")[1];
        assertInvalid(header + "." + payload + ".", "");
    }

    @Test
    void refusesATokenSignedWithHs256KeyedWithThePublicKey() throws Exception {
        RSAKey publicKey = JWKSet.load(new java.net.URI(TestTokens.jwksUri()).toURL()).getKeys().get(0).toRSAKey();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicKey.getKeyID()).build(),
                claims("retail.read"));
        forged.sign(new MACSigner(publicKey.toRSAPublicKey().getEncoded()));
        assertInvalid(forged.serialize(), "");
    }

    @Test
    void refusesATokenWhosePayloadWasChanged() {
        String[] parts = TestTokens.token("retail.read").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("retail.read", "admin");
        assertInvalid(parts[0] + "." + base64(payload) + "." + parts[2], "");
    }

    @Test
    void refusesATokenWhoseSignatureWasChanged() {
        String token = TestTokens.token("retail.read");
        char last = token.charAt(token.length() - 5);
        String tampered = token.substring(0, token.length() - 5) + ((last == 'A') ? 'B' : 'A')
                + token.substring(token.length() - 4);
        assertInvalid(tampered, "");
    }

    @Test
    void refusesATokenSignedByAKeyOutsideTheKeySet() {
        assertInvalid(TestTokens.sign(TestTokens.newKey("unknown-kid"), claims("admin")), "");
    }

    @Test
    void refusesGarbage() {
        assertInvalid("not-a-jwt", "");
    }

    private void assertInvalid(String token, String detailMentions) {
        Refusal refusal = this.guard.checkHttp("GET", "/customer/17850", "Bearer " + token);
        assertThat(refusal).as("refusal").isNotNull();
        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.type()).isEqualTo("https://weir.dev/problems/invalid-token");
        assertThat(refusal.detail()).contains(detailMentions).doesNotContain(token);
        assertThat(new String(refusal.json("/customer/17850"), StandardCharsets.UTF_8)).doesNotContain(token);
    }

    private static JWTClaimsSet claims(String scope) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(TestTokens.ISSUER)
            .audience(TestTokens.AUDIENCE)
            .subject("client:attacker")
            .claim("scope", scope)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(600)))
            .build();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

}
