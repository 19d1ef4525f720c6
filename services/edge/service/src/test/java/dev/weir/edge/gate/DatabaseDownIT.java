package dev.weir.edge.gate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.weir.edge.EdgeApplication;
import dev.weir.edge.support.EdgeStack;
import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The edge's database stops answering (connections refused and the open ones ended): a
 * call whose key must be looked up, and a call whose rate limit must be written, are each
 * answered {@code 503 unavailable} with {@code Retry-After} — on the gate's path and on a
 * routed read's fast path — never a 500; once the database answers again, so does the
 * edge.
 */
class DatabaseDownIT {

    @TempDir
    static Path dataDir;

    private static String database;

    private static ConfigurableApplicationContext edge;

    private static Http http;

    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        // every call writes its bucket (no local counting), and a connection is given up
        // on after a second
        edge = EdgeApplication.builder()
            .run(EdgeStack
                .database(List.of("--server.port=0", "--spring.main.banner-mode=off",
                        "--spring.datasource.hikari.connection-timeout=1000", "--weir.edge.data-dir=" + dataDir,
                        "--weir.edge.limits.max-unsynced=0", "--weir.edge.api-keys.cache-ttl=1h"))
                .toArray(String[]::new));
        database = edge.getEnvironment().getRequiredProperty("spring.datasource.url");
        http = Http.anonymous(((WebServerApplicationContext) edge).getWebServer().getPort());
        admin = Files.readString(dataDir.resolve("admin.key")).strip();
    }

    @AfterAll
    static void stop() throws Exception {
        allowConnections(true);
        edge.close();
    }

    @Test
    void answers503WhileItsDatabaseIsDownAndRecoversAfter() throws Exception {
        assertThat(http.get("/admin/keys", "X-API-Key", admin).status()).isEqualTo(200);
        allowConnections(false);
        try {
            // the admin key is cached: its rate limit is what needs the database
            assertUnavailable(http.get("/admin/keys", "X-API-Key", admin));
            // a key never seen must be looked up: on the gate's path, and on a routed
            // read that the fast path would take
            assertUnavailable(http.get("/admin/keys", "X-API-Key", "wk_00000000_unknown"));
            assertUnavailable(http.get("/customer/17850", "X-API-Key", "wk_00000000_unknown"));
        }
        finally {
            allowConnections(true);
        }
        // the pool connects again at its next attempt
        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(http.get("/admin/keys", "X-API-Key", admin).status()).isEqualTo(200));
    }

    private static void assertUnavailable(Http.Response answer) {
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.header("Retry-After")).isEqualTo("1");
        assertThat(answer.json().get("type").asString()).endsWith("/unavailable");
    }

    /**
     * Lets the edge's database take connections, or refuses them and ends the open ones.
     */
    private static void allowConnections(boolean allow) throws Exception {
        EmbeddedPostgres postgres = TestPostgres.server();
        String name = database.substring(database.lastIndexOf('/') + 1).split("\\?")[0];
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
                postgres.password()); Statement sql = connection.createStatement()) {
            sql.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + allow);
            if (!allow) {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            }
        }
    }

}
