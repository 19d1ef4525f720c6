package dev.weir.retail.system;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.weir.platform.grpc.WeirGrpcServer;
import dev.weir.retail.api.v1.CreateCustomerRequest;
import dev.weir.retail.api.v1.GetCustomerRequest;
import dev.weir.retail.support.Grpc;
import dev.weir.retail.support.RetailClients;
import dev.weir.retail.support.RetailIT;
import dev.weir.testing.infra.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every path into the service checks the caller's token and scope: the fast GET routes
 * (in front of Spring MVC), the Spring MVC reads and writes, and gRPC. Going round the
 * edge gets a caller nothing.
 */
@RetailIT
class SecuredCallsIT extends RetailClients {

    @Autowired
    WeirGrpcServer server;

    @BeforeEach
    void customer() {
        this.http.post("/customer", "{\"customer_id\": \"81001\", \"country\": \"Chile\"}");
    }

    @Test
    void refusesAFastRouteReadWithoutATokenWith401() {
        var refused = this.http.anonymous().get("/customer/81001");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("https://weir.dev/problems/unauthenticated");
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(refused.body()).doesNotContain("81001\",\"country");
    }

    @Test
    void answersAFastRouteReadWithTheReadScope() {
        var read = this.http.withScopes("retail.read").get("/customer/81001");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("country").asString()).isEqualTo("Chile");
    }

    @Test
    void refusesASpringMvcReadWithoutATokenWith401() {
        assertThat(this.http.anonymous().get("/customer/81001?via=full-stack").status()).isEqualTo(401);
        assertThat(this.http.anonymous().get("/stockcode?q=mug").status()).isEqualTo(401);
    }

    @Test
    void refusesAWriteWithOnlyTheReadScopeWith403() {
        var refused = this.http.withScopes("retail.read")
            .post("/customer", "{\"customer_id\": \"81002\", \"country\": \"Peru\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("https://weir.dev/problems/insufficient-scope");
        assertThat(this.http.get("/customer/81002").status()).isEqualTo(404);
    }

    @Test
    void refusesAnExpiredTokenOnTheFastPath() {
        String expired = TestTokens.token((claims) -> claims.claim("scope", "retail.read")
            .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
            .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))));
        var refused = this.http.get("/customer/81001", "Authorization", "Bearer " + expired);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("type").asString()).isEqualTo("https://weir.dev/problems/invalid-token");
    }

    @Test
    void refusesAnEncodedSlashInThePathWith400() {
        assertThat(this.http.get("/customer/..%2Fadmin").status()).isEqualTo(400);
    }

    @Test
    void leavesHealthAndTheApiDocumentOpen() {
        assertThat(this.http.anonymous().get("/health/readiness").status()).isEqualTo(200);
        assertThat(this.http.anonymous().get("/openapi.json").status()).isEqualTo(200);
    }

    @Test
    void needsTheAdminScopeForMetrics() {
        assertThat(this.http.withScopes("retail.read").get("/metrics").status()).isEqualTo(403);
        assertThat(this.http.withScopes("admin").get("/metrics").status()).isEqualTo(200);
    }

    @Test
    void refusesGrpcCallsWithoutATokenOrWithoutTheScope() {
        try (Grpc anonymous = new Grpc(this.server.port(), null);
                Grpc reader = new Grpc(this.server.port(), TestTokens.bearer("retail.read"))) {
            StatusRuntimeException unauthenticated = Grpc.failure(() -> anonymous.customers()
                .getCustomer(GetCustomerRequest.newBuilder().setCustomerId("81001").build()));
            assertThat(unauthenticated.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(reader.customers()
                .getCustomer(GetCustomerRequest.newBuilder().setCustomerId("81001").build())
                .getCountry()).isEqualTo("Chile");
            StatusRuntimeException denied = Grpc.failure(() -> reader.customers()
                .createCustomer(CreateCustomerRequest.newBuilder().setCustomerId("81003").setCountry("Cuba").build()));
            assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

}
