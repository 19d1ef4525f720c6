package dev.weir.retail.system;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import dev.weir.platform.error.WeirException;
import dev.weir.platform.grpc.WeirGrpcServer;
import dev.weir.platform.grpc.spi.CallGuard;
import dev.weir.platform.web.spi.RequestGuard;
import dev.weir.retail.api.v1.GetCustomerRequest;
import dev.weir.retail.support.Grpc;
import dev.weir.retail.support.RetailIT;
import dev.weir.testing.infra.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusing guard stops a request on every path into the service, before anything is
 * looked up or changed: the fast GET route, a GET and a POST through Spring MVC, a gRPC
 * call. The guards here refuse what carries {@code X-Refuse} (HTTP) or {@code x-refuse}
 * (gRPC), as a JWT check refuses a request without a valid token. Its context (guards no
 * other test has) is closed when it ends, not left for the JVM's exit.
 */
@RetailIT
@Import(RequestGuardIT.Guards.class)
@DirtiesContext
class RequestGuardIT {

    static final Metadata.Key<String> REFUSE = Metadata.Key.of("x-refuse", Metadata.ASCII_STRING_MARSHALLER);

    @TestConfiguration
    static class Guards {

        @Bean
        RequestGuard refuseMarkedRequests() {
            return (request) -> (request.header("X-Refuse") != null) ? Optional.of(RequestGuard.Refusal
                .of(WeirException.unauthenticated("Unauthenticated", "A valid bearer token is required."))
                .withHeader("WWW-Authenticate", "Bearer realm=\"weir\"")) : Optional.empty();
        }

        @Bean
        CallGuard refuseMarkedCalls() {
            return (method, headers) -> headers.containsKey(REFUSE)
                    ? Optional.of(WeirException.forbidden("Forbidden", "The token lacks the scope for " + method + "."))
                    : Optional.empty();
        }

    }

    @LocalServerPort
    int port;

    @Autowired
    WeirGrpcServer grpcServer;

    Http http;

    Grpc grpc;

    @BeforeEach
    void data() {
        this.http = new Http(this.port);
        this.grpc = new Grpc(this.grpcServer.port());
        this.http.post("/customer", "{\"customer_id\": \"72001\", \"country\": \"Chile\"}");
    }

    @AfterEach
    void close() {
        this.grpc.close();
    }

    @Test
    void stopsAFastGetBeforeTheRouteLooksAnythingUp() {
        assertThat(this.http.get("/customer/72001").status()).isEqualTo(200);

        var found = this.http.get("/customer/72001", "X-Refuse", "yes");
        var missing = this.http.get("/customer/no-such-customer", "X-Refuse", "yes");

        assertRefused(found, "/customer/72001");
        // a lookup would have answered 404
        assertRefused(missing, "/customer/no-such-customer");
        assertThat(found.body()).doesNotContain("Chile");
        // refused on the fast path itself, not passed on to Spring MVC's filter
        assertThat(this.http.get("/metrics/weir.fast.routes?tag=outcome:refused")
            .json()
            .get("measurements")
            .get(0)
            .get("value")
            .asDouble()).isEqualTo(2.0);
    }

    @Test
    void stopsAGetThroughSpringMvc() {
        // a query string takes the full stack; so does a list
        assertRefused(this.http.get("/customer/72001?via=full-stack", "X-Refuse", "yes"), "/customer/72001");
        assertRefused(this.http.get("/customer?country=Chile", "X-Refuse", "yes"), "/customer");
        assertThat(this.http.get("/customer?country=Chile").body()).contains("72001");
    }

    @Test
    void stopsAPostBeforeAnythingIsChanged() {
        var refused = this.http.post("/customer", "{\"customer_id\": \"72002\", \"country\": \"Peru\"}", "X-Refuse",
                "yes");

        assertRefused(refused, "/customer");
        assertThat(this.http.get("/customer/72002").status()).isEqualTo(404);
    }

    @Test
    void stopsAGrpcCallBeforeItsHandler() {
        Metadata marked = new Metadata();
        marked.put(REFUSE, "yes");
        var customers = this.grpc.customers().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(marked));

        var refused = Grpc.failure(() -> customers.withDeadlineAfter(10, TimeUnit.SECONDS)
            .getCustomer(GetCustomerRequest.newBuilder().setCustomerId("72001").build()));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(refused.getStatus().getDescription()).contains("retail.v1.Customers/GetCustomer");
        assertThat(Grpc.errorInfo(refused).getReason()).isEqualTo("forbidden");
        assertThat(this.grpc.customers()
            .getCustomer(GetCustomerRequest.newBuilder().setCustomerId("72001").build())
            .getCountry()).isEqualTo("Chile");
    }

    private static void assertRefused(Http.Response response, String path) {
        assertThat(response.status()).as(path).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).as(path).isEqualTo("Bearer realm=\"weir\"");
        assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).as(path)
            .isEqualTo("https://weir.dev/problems/unauthenticated");
        assertThat(response.json().get("status").asInt()).as(path).isEqualTo(401);
        assertThat(response.json().get("instance").asString()).as(path).isEqualTo(path);
    }

}
