package dev.weir.retail.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.weir.platform.database.DatabaseBreaker;
import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.retail.RetailApplication;
import dev.weir.retail.api.v1.GetCustomerRequest;
import dev.weir.retail.support.RetailClients;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.TestKafkaInitializer;
import dev.weir.testing.infra.TestPorts;
import dev.weir.testing.infra.TestTokensInitializer;

import static dev.weir.retail.support.Grpc.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Retail service while its PostgreSQL is stopped: a server of its own (not the shared
 * test server), stopped in the middle of the test and started again. Once the database is
 * known to be down, every request, on the fast read path, through Spring MVC and over
 * gRPC, is answered 503 / {@code UNAVAILABLE} at once by the breaker in front of the
 * pool, which the test sees by the pool not being asked; the answer times are printed.
 */
@SpringBootTest(classes = RetailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + RetailApplication.NAME, "weir.grpc.port=0",
                "spring.datasource.hikari.pool-name=retail-outage", "weir.grpc.health-check-interval=200ms" })
@ContextConfiguration(initializers = { TestKafkaInitializer.class, TestTokensInitializer.class })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageIT extends RetailClients {

    static Path home;

    static int port;

    static EmbeddedPostgres postgres;

    @Autowired
    DataSource dataSource;

    @BeforeAll
    static void startItsOwnPostgres() throws IOException {
        home = Files.createTempDirectory("weir-outage-pg");
        port = TestPorts.free();
        postgres = start();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl());
        registry.add("spring.datasource.username", () -> postgres.username());
        registry.add("spring.datasource.password", () -> postgres.password());
    }

    @AfterAll
    static void stopItsOwnPostgres() throws IOException {
        postgres.stop();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
        }
    }

    @Test
    void answersEveryPathAtOnceWithoutAskingThePoolWhileTheDatabaseIsDownAndRecovers() {
        assertThat(this.http.post("/customer", "{\"customer_id\":\"36001\",\"country\":\"Chile\"}").status())
            .isEqualTo(201);
        assertThat(this.http.get("/customer/36001").status()).isEqualTo(200);
        DatabaseBreaker breaker = (DatabaseBreaker) this.dataSource;
        assertThat(breaker.isOpen()).isFalse();

        postgres.stop();

        // The first requests after the stop find the database down: one on a pooled
        // connection whose session ended fails at once; one that asks the pool for a
        // connection waits out the pool's timeout, and that opens the breaker (unless the
        // service's own background work, the gRPC health check, found it first).
        List<String> untilOpen = new ArrayList<>();
        for (int i = 0; i < 50 && !breaker.isOpen(); i++) {
            Timed<Http.Response> answer = timed(() -> this.http.get("/customer/36001"));
            assertThat(answer.value().status()).as(answer.value().toString()).isEqualTo(503);
            assertThat(answer.value().header("Retry-After")).isEqualTo("5");
            untilOpen.add(answer.millis() + " ms");
        }
        System.out.println(
                "database stopped: GET /customer/36001 answered 503 in " + untilOpen + " until the breaker opened");
        assertThat(breaker.isOpen()).isTrue();

        long asked = breaker.asked();
        long refused = breaker.refused();
        List<String> timings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (var request : List.<Supplier<Http.Response>>of(() -> this.http.get("/customer/36001"),
                    () -> this.http.get("/customer?limit=5"),
                    () -> this.http.post("/customer", "{\"customer_id\":\"36002\",\"country\":\"Peru\"}"),
                    () -> this.http.get("/invoice/536365"), () -> this.http.get("/stockcode/85123A"))) {
                Timed<Http.Response> answer = timed(request);
                assertThat(answer.value().status()).as(answer.value().toString()).isEqualTo(503);
                assertThat(answer.value().header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(answer.value().header("Retry-After")).isEqualTo("5");
                assertThat(answer.value().json().get("type").asString())
                    .isEqualTo("https://weir.dev/problems/unavailable");
                timings.add(answer.millis() + " ms");
            }
            Timed<StatusRuntimeException> grpc = timed(() -> failure(() -> this.grpc.customers()
                .getCustomer(GetCustomerRequest.newBuilder().setCustomerId("36001").build())));
            assertThat(grpc.value().getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            timings.add("gRPC " + grpc.millis() + " ms");
        }
        System.out.println("database stopped, breaker open: answers in " + timings);
        // not one of those requests asked the pool: the breaker refused each
        assertThat(breaker.asked()).isEqualTo(asked);
        assertThat(breaker.refused() - refused).isGreaterThanOrEqualTo(18);

        postgres = start();

        await().atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertThat(this.http.get("/customer/36001").status()).isEqualTo(200));
        assertThat(breaker.isOpen()).isFalse();
        assertThat(this.http.post("/customer", "{\"customer_id\":\"36002\",\"country\":\"Peru\"}").status())
            .isEqualTo(201);
    }

    private static EmbeddedPostgres start() {
        return EmbeddedPostgres.start(home, port, Path.of(System.getProperty("user.home"), ".cache", "weir"));
    }

    private static <T> Timed<T> timed(Supplier<T> call) {
        long start = System.nanoTime();
        T value = call.get();
        return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    record Timed<T>(T value, long millis) {
    }

}
