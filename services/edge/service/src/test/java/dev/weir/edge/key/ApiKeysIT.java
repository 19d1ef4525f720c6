package dev.weir.edge.key;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import dev.weir.edge.support.EdgeStack;
import dev.weir.testing.infra.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys end to end: created through the admin API and shown once, used through the
 * edge against a real Retail service (which checks the token the edge exchanged the key
 * for), revoked.
 */
class ApiKeysIT {

    private final EdgeStack stack = EdgeStack.get();

    private final Http edge = this.stack.edge();

    @Test
    void createsAKeyThatIsShownOnceAndListedByItsPrefixOnly() {
        Http.Response created = this.edge.post("/admin/keys",
                "{\"name\": \"k-shown-once\", \"scopes\": [\"retail.read\"], \"limit\": \"100/min\"}", "X-API-Key",
                EdgeStack.ADMIN_KEY);
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asString();
        String prefix = created.json().get("prefix").asString();
        assertThat(key).startsWith(prefix + "_").hasSizeGreaterThan(40);
        assertThat(created.json().get("limit").asString()).isEqualTo("100/min");
        Http.Response listed = this.edge.get("/admin/keys", "X-API-Key", EdgeStack.ADMIN_KEY);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(prefix).doesNotContain(key);
    }

    @Test
    void callsTheRetailServiceThroughTheEdgeWithAKey() {
        String key = this.stack.key("k-writer", null, "retail.read", "retail.write");
        Http.Response created = this.edge.post("/customer", "{\"customer_id\": \"91001\", \"country\": \"Japan\"}",
                "X-API-Key", key);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Http.Response read = this.edge.get("/customer/91001", "X-API-Key", key);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("country").asString()).isEqualTo("Japan");
        assertThat(read.header("X-Request-Id")).isNotBlank();
        assertThat(read.header("RateLimit-Limit")).isEqualTo("6000");
    }

    @Test
    void passesOnTheServicesRefusalOfAKeyWithoutTheScope() {
        String key = this.stack.key("k-reader", null, "retail.read");
        Http.Response refused = this.edge.post("/customer", "{\"customer_id\": \"91002\", \"country\": \"Japan\"}",
                "X-API-Key", key);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.problem()).isEqualTo("insufficient-scope");
    }

    @Test
    void refusesARevokedKey() {
        String key = this.stack.key("k-revoked", null, "retail.read");
        assertThat(this.edge.get("/customer/91001", "X-API-Key", key).status()).isIn(200, 404);
        String id = key.substring(0, "wk_".length() + 8);
        assertThat(this.edge.delete("/admin/keys/" + id, "X-API-Key", EdgeStack.ADMIN_KEY).status()).isEqualTo(204);
        Http.Response refused = this.edge.get("/customer/91001", "X-API-Key", key);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.problem()).isEqualTo("invalid-api-key");
        assertThat(refused.body()).doesNotContain(key);
    }

    @Test
    void refusesAnUnknownKeyAndNoCredentialsWith401() {
        Http.Response unknown = this.edge.get("/customer/91001", "X-API-Key", "wk_00000000_notakeyatallnotakeyatall");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        Http.Response none = this.edge.get("/customer/91001");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.problem()).isEqualTo("unauthenticated");
    }

    @Test
    void refusesAKeyInTheQueryStringWith400() {
        String key = this.stack.key("k-in-query", null, "retail.read");
        for (String parameter : new String[] { "api_key", "apikey", "X-API-Key", "access_token" }) {
            Http.Response refused = this.edge.get("/customer/91001?" + parameter + "=" + key);
            assertThat(refused.status()).as(parameter).isEqualTo(400);
            assertThat(refused.problem()).isEqualTo("api-key-in-query");
            assertThat(refused.body()).doesNotContain(key);
        }
    }

    @Test
    void keepsTheAdminApiForTheAdminScope() {
        String key = this.stack.key("k-not-admin", null, "retail.read", "retail.write");
        assertThat(this.edge.get("/admin/keys", "X-API-Key", key).status()).isEqualTo(403);
        assertThat(this.edge.get("/metrics", "X-API-Key", key).status()).isEqualTo(403);
        assertThat(this.edge.get("/admin/keys").status()).isEqualTo(401);
    }

    @Test
    void refusesAKeyWithAnUnknownScopeOrLimit() {
        Http.Response scope = this.edge.post("/admin/keys", "{\"name\": \"bad\", \"scopes\": [\"retail.everything\"]}",
                "X-API-Key", EdgeStack.ADMIN_KEY);
        assertThat(scope.status()).isEqualTo(422);
        assertThat(scope.body()).contains("retail.everything");
        Http.Response limit = this.edge.post("/admin/keys",
                "{\"name\": \"bad\", \"scopes\": [\"retail.read\"], \"limit\": \"lots\"}", "X-API-Key",
                EdgeStack.ADMIN_KEY);
        assertThat(limit.status()).isEqualTo(422);
    }

    @Test
    void neverPassesTheKeyToTheService() {
        String key = this.stack.key("k-not-passed", null, "retail.read");
        // the service refuses an API key: it only knows tokens
        assertThat(this.stack.retail().get("/customer/91001", "X-API-Key", key).status()).isEqualTo(401);
        assertThat(this.edge.get("/customer/91001", "X-API-Key", key).status()).isIn(200, 404);
    }

    @Test
    void usesWeirAdminKeyAsTheAdminKeyAndWritesNoFile() {
        assertThat(this.edge.get("/admin/keys", "X-API-Key", EdgeStack.ADMIN_KEY).status()).isEqualTo(200);
        assertThat(Files.exists(this.stack.dataDir().resolve("admin.key"))).isFalse();
    }

}
