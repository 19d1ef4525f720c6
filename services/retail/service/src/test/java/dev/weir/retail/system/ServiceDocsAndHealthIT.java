package dev.weir.retail.system;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.retail.support.RetailIT;
import dev.weir.testing.infra.Http;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@RetailIT
class ServiceDocsAndHealthIT {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        this.http = new Http(this.port);
    }

    @Test
    void describesEveryOperationWithSnakeCaseSchemasAndProblemResponses() {
        JsonNode api = this.http.get("/openapi.json").json();
        JsonNode paths = api.get("paths");
        assertThat(paths.propertyNames()).contains("/customer", "/customer/{customer_id}",
                "/customer/{customer_id}/invoice", "/invoice/{invoice_no}", "/invoice/{invoice_no}/{stock_code}",
                "/stockcode", "/stockcode/{stock_code}");
        assertThat(paths.get("/customer/{customer_id}").propertyNames()).contains("get", "put", "patch", "delete");
        assertThat(api.get("components").get("schemas").get("Customer").get("properties").propertyNames())
            .containsExactlyInAnyOrder("customer_id", "country");
        assertThat(api.get("components").get("schemas").get("Invoice").get("properties").propertyNames())
            .contains("invoice_no", "invoice_date", "customer", "lines");
        JsonNode created = paths.get("/customer").get("post").get("responses");
        assertThat(created.propertyNames()).contains("201", "400", "409", "413", "415", "422", "503");
        assertThat(created.get("422").get("$ref").asString()).isEqualTo("#/components/responses/Invalid");
        assertThat(api.get("components").get("responses").get("Invalid").get("content").propertyNames())
            .containsExactly("application/problem+json");
    }

    @Test
    void servesSwaggerUiAndRedoc() {
        assertThat(this.http.get("/docs").status()).isEqualTo(302);
        var swagger = this.http.get("/swagger-ui/index.html");
        assertThat(swagger.status()).isEqualTo(200);
        assertThat(swagger.body()).contains("swagger-ui");
        var redoc = this.http.get("/redoc");
        assertThat(redoc.status()).isEqualTo(200);
        assertThat(redoc.body()).contains("spec-url=\"/openapi.json\"", "/weir/redoc.standalone.js");
        assertThat(this.http.get("/weir/redoc.standalone.js").status()).isEqualTo(200);
    }

    @Test
    void reportsHealthAndReadinessIncludingTheDatabase() {
        JsonNode health = this.http.get("/health").json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode readiness = this.http.get("/health/readiness").json();
        assertThat(readiness.get("status").asString()).isEqualTo("UP");
        assertThat(readiness.get("components").propertyNames()).containsAll(List.of("db", "readinessState"));
        assertThat(this.http.get("/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void answersUnknownPathsWithA404Problem() {
        var missing = this.http.get("/no/such/thing");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing.json().get("type").asString()).isEqualTo("https://weir.dev/problems/not-found");
    }

}
