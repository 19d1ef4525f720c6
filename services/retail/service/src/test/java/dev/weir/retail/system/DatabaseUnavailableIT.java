package dev.weir.retail.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.retail.api.v1.CreateCustomerRequest;
import dev.weir.retail.api.v1.GetCustomerRequest;
import dev.weir.retail.support.RetailClients;
import dev.weir.retail.support.RetailIT;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.TestPostgres;

import static dev.weir.retail.support.Grpc.detail;
import static dev.weir.retail.support.Grpc.errorInfo;
import static dev.weir.retail.support.Grpc.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST and gRPC APIs while their database refuses connections: the real PostgreSQL,
 * with the service's database closed to connections and its sessions ended, then opened
 * again. A write straight after the sessions ended finds a pooled connection the server
 * closed: the insert and then the rollback fail, and that too is "unavailable", not an
 * internal error.
 */
@RetailIT
@TestPropertySource(properties = { "spring.datasource.hikari.pool-name=retail-database-unavailable",
        "spring.datasource.hikari.connection-timeout=1000", "weir.grpc.health-check-interval=200ms" })
class DatabaseUnavailableIT extends RetailClients {

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @AfterEach
    void reopenTheDatabase() throws SQLException {
        allowConnections(true);
    }

    @Test
    void grpcAnswersUnavailableWithWhenToRetrySaysNotServingAndRecovers() throws SQLException {
        awaitHealth(ServingStatus.SERVING);
        warmThePool();

        allowConnections(false);

        StatusRuntimeException write = failure(() -> this.grpc.customers()
            .createCustomer(CreateCustomerRequest.newBuilder().setCustomerId("35001").setCountry("Chile").build()));
        assertThat(write.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        StatusRuntimeException read = failure(() -> this.grpc.customers()
            .getCustomer(GetCustomerRequest.newBuilder().setCustomerId("35001").build()));
        assertThat(read.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(read.getStatus().getDescription())
            .isEqualTo("The database is not reachable right now; nothing was changed. Retry later.");
        assertThat(errorInfo(read).getReason()).isEqualTo("unavailable");
        assertThat(detail(read, RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(5);
        awaitHealth(ServingStatus.NOT_SERVING);

        allowConnections(true);

        awaitHealth(ServingStatus.SERVING);
        assertThat(this.grpc.customers()
            .createCustomer(CreateCustomerRequest.newBuilder().setCustomerId("35001").setCountry("Chile").build())
            .getCustomerId()).isEqualTo("35001");
    }

    @Test
    void restAnswers503ProblemsWithRetryAfterAndRecovers() throws SQLException {
        warmThePool();

        allowConnections(false);

        for (Http.Response response : List.of(
                this.http.post("/customer", "{\"customer_id\":\"35002\",\"country\":\"Peru\"}"),
                this.http.get("/customer/35002"),
                this.http.put("/stockcode/85123A", "{\"description\":\"HEART\",\"unit_price\":2.55}"))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(503);
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(response.header("Retry-After")).isEqualTo("5");
            assertThat(response.json().get("type").asString()).isEqualTo("https://weir.dev/problems/unavailable");
        }

        allowConnections(true);

        await().atMost(Duration.ofSeconds(15))
            .untilAsserted(() -> assertThat(
                    this.http.post("/customer", "{\"customer_id\":\"35002\",\"country\":\"Peru\"}").status())
                .isEqualTo(201));
        assertThat(this.http.get("/customer/35002").json().get("country").asString()).isEqualTo("Peru");
    }

    /**
     * Uses pooled connections just before their sessions end, as a busy service would.
     */
    private void warmThePool() {
        for (int i = 0; i < 4; i++) {
            failure(() -> this.grpc.customers()
                .getCustomer(GetCustomerRequest.newBuilder().setCustomerId("999999").build()));
        }
    }

    private void awaitHealth(ServingStatus expected) {
        var health = HealthGrpc.newBlockingStub(this.grpc.channel());
        await().atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> health.withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance())
                .getStatus() == expected);
    }

    /**
     * Opens or closes the service's database to connections; closing also ends the
     * sessions the pool holds.
     */
    private void allowConnections(boolean allow) throws SQLException {
        EmbeddedPostgres postgres = TestPostgres.server();
        String database = this.databaseUrl.substring(this.databaseUrl.lastIndexOf('/') + 1);
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
                postgres.password()); var statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + allow);
            if (!allow) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND pid <> pg_backend_pid()");
            }
        }
    }

}
