package dev.weir.edge.docs;

import org.junit.jupiter.api.Test;

import dev.weir.edge.support.EdgeStack;
import dev.weir.testing.infra.Http;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** One OpenAPI document and one docs page for every service behind the edge. */
class DocsIT {

    private final Http edge = EdgeStack.get().edge();

    @Test
    void mergesTheRoutedOperationsOfEveryServiceWithTheEdgesOwn() {
        Http.Response document = this.edge.get("/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        JsonNode paths = document.json().get("paths");
        assertThat(paths.has("/customer/{customer_id}")).as("retail's").isTrue();
        assertThat(paths.has("/invoice/{invoice_no}")).as("retail's").isTrue();
        assertThat(paths.has("/admin/keys")).as("the edge's admin API").isTrue();
        assertThat(paths.has("/customer/{customer_id}/summary")).as("the aggregation").isTrue();
        assertThat(paths.has("/oauth2/token")).isTrue();
        assertThat(paths.has("/health")).as("not routed: stays the service's own").isFalse();
        JsonNode schemes = document.json().get("components").get("securitySchemes");
        assertThat(schemes.get("apiKey").get("name").asString()).isEqualTo("X-API-Key");
        assertThat(schemes.get("oauth2").get("flows").get("clientCredentials").get("tokenUrl").asString())
            .endsWith("/oauth2/token");
        assertThat(document.json().get("x-weir-missing").toString()).contains("ingest");
    }

    @Test
    void everyReferenceResolvesAndTheEdgesOwnAnswersAreDeclared() {
        JsonNode merged = this.edge.get("/openapi.json").json();
        java.util.List<String> dangling = new java.util.ArrayList<>();
        references(merged, merged, dangling);
        assertThat(dangling).as("$refs with nothing behind them").isEmpty();
        JsonNode customer = merged.get("paths").get("/customer/{customer_id}").get("get").get("responses");
        assertThat(customer.has("401") && customer.has("403") && customer.has("429") && customer.has("502")
                && customer.has("504"))
            .as(customer.toString())
            .isTrue();
        JsonNode createKey = merged.get("paths").get("/admin/keys").get("post").get("responses");
        assertThat(createKey.has("201")).as(createKey.toString()).isTrue();
        assertThat(createKey.has("401")).isTrue();
        JsonNode token = merged.get("paths").get("/oauth2/token").get("post").get("responses");
        assertThat(token.has("400") && token.has("401")).isTrue();
    }

    private static void references(JsonNode node, JsonNode root, java.util.List<String> dangling) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith("#/")
                    && root.at(ref.asString().substring(1)).isMissingNode()) {
                dangling.add(ref.asString());
            }
        }
        node.forEach((child) -> references(child, root, dangling));
    }

    @Test
    void servesTheDocsPageWithoutCredentials() {
        Http.Response page = this.edge.get("/docs/swagger-ui/index.html");
        if (page.status() == 404) {
            page = this.edge.get("/swagger-ui/index.html");
        }
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger");
        assertThat(this.edge.get("/docs").status()).isIn(200, 302);
    }

}
