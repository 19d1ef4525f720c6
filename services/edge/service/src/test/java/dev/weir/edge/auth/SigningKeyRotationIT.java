package dev.weir.edge.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.weir.edge.support.EdgeStack;
import dev.weir.testing.infra.Http;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rotating the signing key without downtime: the new key is published before it signs,
 * tokens of the old key stay valid until they expire, and the Retail service learns the
 * new key from the key set without a restart.
 */
class SigningKeyRotationIT {

    private final EdgeStack stack = EdgeStack.get();

    private final Http edge = this.stack.edge();

    @Test
    void rotatesTheSigningKeyWhileTokensOfBothKeysKeepWorking() {
        String client = this.edge
            .post("/admin/clients", "{\"name\": \"rotation\", \"scopes\": [\"retail.read\"]}", "X-API-Key",
                    EdgeStack.ADMIN_KEY)
            .body();
        String id = JsonMapper.builder().build().readTree(client).get("client_id").asString();
        String secret = JsonMapper.builder().build().readTree(client).get("client_secret").asString();
        String before = token(id, secret);
        String oldKid = kid(before);

        Http.Response rotated = this.edge.post("/admin/signing-keys/rotate", "", "X-API-Key", EdgeStack.ADMIN_KEY);
        assertThat(rotated.status()).isEqualTo(201);
        String newKid = rotated.json().get("kid").asString();
        assertThat(newKid).isNotEqualTo(oldKid);
        // published at once, not signing yet
        assertThat(this.edge.get("/oauth2/jwks").body()).contains(newKid).contains(oldKid);
        assertThat(kid(token(id, secret))).isEqualTo(oldKid);

        await().atMost(Duration.ofSeconds(10)).until(() -> kid(token(id, secret)).equals(newKid));
        String after = token(id, secret);
        for (String token : new String[] { before, after }) {
            assertThat(this.edge.get("/customer/94001", "Authorization", "Bearer " + token).status()).isIn(200, 404);
            assertThat(this.stack.retail().get("/customer/94001", "Authorization", "Bearer " + token).status())
                .as("the service itself, with a token of key %s", kid(token))
                .isIn(200, 404);
        }
        assertThat(this.edge.get("/oauth2/jwks").body()).as("the old key, until its tokens expire").contains(oldKid);
        assertThat(this.edge.get("/admin/signing-keys", "X-API-Key", EdgeStack.ADMIN_KEY).body()).contains("\"active\"")
            .contains("\"retiring\"");
    }

    private String token(String id, String secret) {
        Http.Response token = this.edge.form("/oauth2/token",
                "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return token.json().get("access_token").asString();
    }

    private static String kid(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
        return JsonMapper.builder().build().readTree(header).get("kid").asString();
    }

}
