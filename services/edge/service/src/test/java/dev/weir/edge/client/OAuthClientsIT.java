package dev.weir.edge.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.weir.edge.support.EdgeStack;
import dev.weir.testing.infra.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OAuth2 clients: registered through the admin API, a token from {@code /oauth2/token}
 * ({@code client_credentials}), used through the edge and checked again by the Retail
 * service; the authorization server's metadata and key set.
 */
class OAuthClientsIT {

    private final EdgeStack stack = EdgeStack.get();

    private final Http edge = this.stack.edge();

    @Test
    void issuesAnRs256TokenWithTheClientsScopesForItsSecret() {
        Client client = client("c-reader", "retail.read");
        Http.Response token = this.edge.form("/oauth2/token", "grant_type=client_credentials", "Authorization",
                client.basic());
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(token.json().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(token.json().get("expires_in").asInt()).isBetween(800, 900);
        String jwt = token.json().get("access_token").asString();
        JsonNode header = part(jwt, 0);
        JsonNode claims = part(jwt, 1);
        assertThat(header.get("alg").asString()).isEqualTo("RS256");
        assertThat(header.get("kid").asString()).isNotBlank();
        assertThat(claims.get("sub").asString()).isEqualTo("client:" + client.id());
        assertThat(claims.get("scope").asString()).isEqualTo("retail.read");
        assertThat(claims.get("iss").asString()).isEqualTo(this.edge.base());
        assertThat(claims.get("aud").toString()).contains("weir");
    }

    @Test
    void registersTheServicesOwnClientOnStartSoServicesCallEachOtherWithATokenOfTheEdge() {
        Http.Response token = this.edge.form("/oauth2/token",
                "grant_type=client_credentials&client_id=weir-services" + "&client_secret=" + EdgeStack.SERVICE_SECRET);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        String jwt = token.json().get("access_token").asString();
        assertThat(part(jwt, 1).get("scope").asString()).contains("retail.read", "connectors.admin");
        assertThat(this.stack.retail().get("/customer/92404", "Authorization", "Bearer " + jwt).status())
            .as("a service reads Retail with it")
            .isEqualTo(404);
        assertThat(this.edge
            .form("/oauth2/token", "grant_type=client_credentials&client_id=weir-services&client_secret=not-the-secret")
            .status()).isEqualTo(401);
    }

    @Test
    void acceptsTheSecretAsFormParametersToo() {
        Client client = client("c-post", "retail.read");
        Http.Response token = this.edge.form("/oauth2/token",
                "grant_type=client_credentials&client_id=" + client.id() + "&client_secret=" + client.secret());
        assertThat(token.status()).isEqualTo(200);
    }

    @Test
    void callsRetailThroughTheEdgeWithTheToken() {
        Client client = client("c-writer", "retail.read", "retail.write");
        String jwt = token(client);
        Http.Response created = this.edge.post("/customer", "{\"customer_id\": \"92001\", \"country\": \"Kenya\"}",
                "Authorization", "Bearer " + jwt);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(this.edge.get("/customer/92001", "Authorization", "Bearer " + jwt).status()).isEqualTo(200);
        // and the service accepts it directly too: it is the edge's own token
        assertThat(this.stack.retail().get("/customer/92001", "Authorization", "Bearer " + jwt).status())
            .isEqualTo(200);
    }

    @Test
    void refusesAWrongSecretWith401AsAProblemAndAnOAuthError() {
        Client client = client("c-wrong", "retail.read");
        Http.Response refused = this.edge.form("/oauth2/token", "grant_type=client_credentials", "Authorization",
                "Basic " + Base64.getEncoder()
                    .encodeToString((client.id() + ":wrong-secret").getBytes(StandardCharsets.UTF_8)));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(refused.problem()).isEqualTo("invalid-client");
        assertThat(refused.body()).doesNotContain("wrong-secret");
    }

    @Test
    void refusesAScopeTheClientMayNotHaveWith400() {
        Client client = client("c-scope", "retail.read");
        Http.Response refused = this.edge.form("/oauth2/token", "grant_type=client_credentials&scope=admin",
                "Authorization", client.basic());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    void refusesAnotherGrantWith400() {
        Client client = client("c-grant", "retail.read");
        Http.Response refused = this.edge.form("/oauth2/token", "grant_type=password&username=a&password=b",
                "Authorization", client.basic());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asString()).isIn("unsupported_grant_type", "unauthorized_client",
                "invalid_request");
    }

    @Test
    void givesADisabledClientNoToken() {
        Client client = client("c-disabled", "retail.read");
        assertThat(this.edge.delete("/admin/clients/" + client.id(), "X-API-Key", EdgeStack.ADMIN_KEY).status())
            .isEqualTo(204);
        assertThat(this.edge.form("/oauth2/token", "grant_type=client_credentials", "Authorization", client.basic())
            .status()).isEqualTo(401);
    }

    @Test
    void publishesMetadataAndAKeySetWithKeyIds() {
        Http.Response metadata = this.edge.get("/.well-known/oauth-authorization-server");
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.json().get("issuer").asString()).isEqualTo(this.edge.base());
        assertThat(metadata.json().get("token_endpoint").asString()).endsWith("/oauth2/token");
        Http.Response jwks = this.edge.get("/oauth2/jwks");
        assertThat(jwks.status()).isEqualTo(200);
        JsonNode key = jwks.json().get("keys").get(0);
        assertThat(key.get("kid").asString()).isNotBlank();
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.has("d")).as("private exponent").isFalse();
    }

    @Test
    void listsClientsWithoutTheirSecrets() {
        Client client = client("c-listed", "retail.read");
        Http.Response listed = this.edge.get("/admin/clients", "X-API-Key", EdgeStack.ADMIN_KEY);
        assertThat(listed.body()).contains(client.id()).doesNotContain(client.secret());
    }

    private Client client(String name, String... scopes) {
        Http.Response created = this.edge.post("/admin/clients",
                "{\"name\": \"" + name + "\", \"scopes\": [\"" + String.join("\", \"", scopes) + "\"]}", "X-API-Key",
                EdgeStack.ADMIN_KEY);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Client(created.json().get("client_id").asString(), created.json().get("client_secret").asString());
    }

    private String token(Client client) {
        Http.Response token = this.edge.form("/oauth2/token", "grant_type=client_credentials", "Authorization",
                client.basic());
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return token.json().get("access_token").asString();
    }

    private static JsonNode part(String jwt, int index) {
        return JsonMapper.builder()
            .build()
            .readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
    }

    private record Client(String id, String secret) {

        String basic() {
            return "Basic " + Base64.getEncoder()
                .encodeToString((this.id + ":" + this.secret).getBytes(StandardCharsets.UTF_8));
        }

    }

}
