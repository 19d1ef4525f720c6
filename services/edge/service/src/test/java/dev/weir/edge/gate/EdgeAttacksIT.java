package dev.weir.edge.gate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.function.Consumer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import dev.weir.edge.auth.SigningKeys;
import dev.weir.edge.support.EdgeStack;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker tries at the edge, each refused with 400, 401, 403 or 429 and a
 * problem body that never repeats the secret.
 */
class EdgeAttacksIT {

    private final EdgeStack stack = EdgeStack.get();

    private final Http edge = this.stack.edge();

    @Test
    void acceptsATokenSignedByTheEdgeItself() {
        assertThat(call(token((claims) -> {
        })).status()).isIn(200, 404);
    }

    @Test
    void refusesAnExpiredToken() {
        assertRefused(
                token((claims) -> claims.issueTime(ago(Duration.ofHours(2))).expirationTime(ago(Duration.ofHours(1)))),
                401, "invalid-token");
    }

    @Test
    void refusesATokenNotValidYet() {
        assertRefused(token((claims) -> claims.notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))))),
                401, "invalid-token");
    }

    @Test
    void refusesATokenOfAnotherIssuer() {
        assertRefused(token((claims) -> claims.issuer("https://evil.example")), 401, "invalid-token");
    }

    @Test
    void refusesATokenForAnotherAudience() {
        assertRefused(token((claims) -> claims.audience("someone-else")), 401, "invalid-token");
    }

    @Test
    void refusesAnUnsignedTokenWithAlgNone() {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = token((claims) -> {
        }).split("\\.")[1];
        assertRefused(header + "." + payload + ".", 401, "invalid-token");
    }

    @Test
    void refusesHs256SignedWithThePublicKey() throws Exception {
        RSAKey published = JWKSet.parse(this.edge.get("/oauth2/jwks").body()).getKeys().get(0).toRSAKey();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID()).build(),
                claims((c) -> {
                }));
        forged.sign(new MACSigner(published.toRSAPublicKey().getEncoded()));
        assertRefused(forged.serialize(), 401, "invalid-token");
    }

    @Test
    void refusesATamperedPayload() {
        String[] parts = token((claims) -> {
        }).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("retail.read", "admin");
        assertRefused(parts[0] + "." + base64(payload) + "." + parts[2], 401, "invalid-token");
    }

    @Test
    void refusesATamperedSignature() {
        String jwt = token((claims) -> {
        });
        String tampered = jwt.substring(0, jwt.length() - 6) + (jwt.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
        assertRefused(tampered, 401, "invalid-token");
    }

    @Test
    void refusesAnUnknownKeyId() {
        assertRefused(TestTokens.sign(TestTokens.newKey("not-a-key-of-the-edge"), claims((c) -> {
        })), 401, "invalid-token");
    }

    @Test
    void refusesATokenWithoutTheScopeOfTheEdgesOwnOperation() {
        Http.Response refused = this.edge.get("/admin/usage", "Authorization", "Bearer " + token((claims) -> {
        }));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.problem()).isEqualTo("insufficient-scope");
    }

    @Test
    void refusesOversizedHeadersWith431() {
        Http.Response refused = this.edge.get("/customer/1", "X-API-Key", EdgeStack.ADMIN_KEY, "X-Padding",
                "x".repeat(20_000));
        assertThat(refused.status()).isEqualTo(431);
    }

    @Test
    void doesNotLetDotSegmentsReachTheAdminApi() {
        String key = this.stack.key("k-traversal", null, "retail.read");
        for (String path : new String[] { "/customer/../admin/keys", "/customer/%2e%2e/admin/keys",
                "/customer/..%2Fadmin%2Fkeys", "/customer%2F..%2Fadmin/keys", "/customer/;/../admin/keys" }) {
            Http.Response answer = this.edge.get(path, "X-API-Key", key);
            assertThat(answer.status()).as(path).isIn(400, 403, 404);
            assertThat(answer.body()).as(path).doesNotContain("\"prefix\"");
            assertThat(answer.header("Content-Type")).as(path).startsWith("application/problem+json");
        }
    }

    @Test
    void limitsAFloodFromOneKeyAndNotAnother() {
        String flooding = this.stack.key("k-flood", "5/min", "retail.read");
        String quiet = this.stack.key("k-quiet", "5/min", "retail.read");
        int limited = 0;
        Http.Response last = null;
        for (int i = 0; i < 8; i++) {
            last = this.edge.get("/customer/93001", "X-API-Key", flooding);
            if (last.status() == 429) {
                limited++;
            }
        }
        assertThat(limited).isEqualTo(3);
        assertThat(last.problem()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(last.header("RateLimit-Limit")).isEqualTo("5");
        assertThat(last.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(this.edge.get("/customer/93001", "X-API-Key", quiet).status()).isNotEqualTo(429);
    }

    private Http.Response call(String jwt) {
        return this.edge.get("/customer/93001", "Authorization", "Bearer " + jwt);
    }

    private void assertRefused(String jwt, int status, String problem) {
        Http.Response refused = call(jwt);
        assertThat(refused.status()).as(refused.body()).isEqualTo(status);
        assertThat(refused.problem()).isEqualTo(problem);
        assertThat(refused.body()).doesNotContain(jwt);
    }

    /** A token signed with the edge's own active key, its claims changed. */
    private String token(Consumer<JWTClaimsSet.Builder> change) {
        RSAKey key = this.stack.edgeContext().getBean(SigningKeys.class).active();
        return TestTokens.sign(key, claims(change));
    }

    private JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.edge.base())
            .audience("weir")
            .subject("key:wk_attacker")
            .claim("scope", "retail.read")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(600)));
        change.accept(claims);
        return claims.build();
    }

    private static Date ago(Duration duration) {
        return Date.from(Instant.now().minus(duration));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

}
