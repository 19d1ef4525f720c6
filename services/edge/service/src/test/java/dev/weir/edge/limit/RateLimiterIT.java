package dev.weir.edge.limit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.weir.edge.system.EdgeProperties;
import dev.weir.testing.infra.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rate limiter on a real PostgreSQL with its optimisation on (calls counted locally,
 * written back in batches): a caller's first calls arriving at once, and a caller whose
 * bucket was removed while it was idle, are each answered (they failed with Bucket4j's
 * "bucket does not exist", a 500, before); a store that cannot be reached is said to be
 * unavailable rather than failing anyhow.
 */
class RateLimiterIT {

    private static final RatePlan PLAN = RatePlan.parse("100000/min");

    private static DataSource dataSource;

    private static RateLimiter limiter;

    @BeforeAll
    static void migrate() {
        dataSource = TestPostgres.dataSource(TestPostgres.newDatabase());
        Flyway.configure()
            .dataSource(dataSource)
            .schemas("edge")
            .defaultSchema("edge")
            .locations("classpath:db/edge")
            .load()
            .migrate();
        limiter = new RateLimiter(dataSource, properties());
    }

    @Test
    void answersEveryOneOfANewCallersFirstCallsArrivingAtOnce() throws Exception {
        assertThat(atOnce("key:burst", 64)).hasSize(64).allMatch(RateLimiter.Decision::allowed);
    }

    @Test
    void countsACallerAgainWhoseBucketWasRemovedWhileItWasIdle() throws Exception {
        assertThat(limiter.consume("key:idle", PLAN).allowed()).isTrue();
        // what removeExpired does to a bucket full for a while
        JdbcClient.create(dataSource).sql("DELETE FROM edge.rate_bucket").update();
        assertThat(atOnce("key:idle", 64)).hasSize(64).allMatch(RateLimiter.Decision::allowed);
        assertThat(limiter.consume("key:idle", PLAN).remaining()).isLessThan(PLAN.requests());
    }

    @Test
    void saysTheStoreIsUnavailableWhenItCannotBeReached() {
        RateLimiter cut = new RateLimiter(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none"),
                properties());
        assertThatThrownBy(() -> cut.consume("key:cut", PLAN)).isInstanceOf(RateLimiter.StoreUnavailable.class);
    }

    private static List<RateLimiter.Decision> atOnce(String subject, int calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RateLimiter.Decision>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(calls)) {
            for (int i = 0; i < calls; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return limiter.consume(subject, PLAN);
                }));
            }
            start.countDown();
            List<RateLimiter.Decision> decisions = new ArrayList<>();
            for (Future<RateLimiter.Decision> future : futures) {
                decisions.add(future.get());
            }
            return decisions;
        }
    }

    private static EdgeProperties properties() {
        return new Binder(new MapConfigurationPropertySource(Map.of("weir.edge.public-url", "http://localhost:8080",
                "weir.edge.limits.max-unsynced", "500", "weir.edge.limits.max-unsynced-time", "1s")))
            .bindOrCreate("weir.edge", EdgeProperties.class);
    }

}
