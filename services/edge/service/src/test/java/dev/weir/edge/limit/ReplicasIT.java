package dev.weir.edge.limit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.weir.edge.EdgeApplication;
import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two edge replicas on one database: the first start generates the admin key into the
 * data directory, readable by its owner only; a caller's rate limit holds across both
 * replicas (the buckets are in PostgreSQL); usage adds up both replicas' calls.
 */
class ReplicasIT {

    @TempDir
    static Path dataDir;

    private static String database;

    private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

    @BeforeAll
    static void start() {
        database = TestPostgres.newDatabase();
        replicas.add(replica());
        replicas.add(replica());
    }

    @AfterAll
    static void stop() {
        replicas.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void generatesTheAdminKeyOnceIntoAFileOnlyItsOwnerReads() throws Exception {
        Path file = dataDir.resolve("admin.key");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String key = Files.readString(file).strip();
        assertThat(key).startsWith("wk_");
        for (ConfigurableApplicationContext replica : replicas) {
            assertThat(http(replica).get("/admin/keys", "X-API-Key", key).status()).isEqualTo(200);
        }
        // the second replica found the key in force and made no other
        String listed = http(replicas.get(0)).get("/admin/keys", "X-API-Key", key).body();
        assertThat(listed.split("\"name\":\"admin\"").length - 1).isEqualTo(1);
    }

    @Test
    void holdsACallersLimitAcrossReplicas() throws Exception {
        String admin = Files.readString(dataDir.resolve("admin.key")).strip();
        String key = http(replicas.get(0))
            .post("/admin/keys", "{\"name\": \"limited\", \"scopes\": [\"admin\"], \"limit\": \"4/min\"}", "X-API-Key",
                    admin)
            .json()
            .get("key")
            .asString();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(http(replicas.get(i % 2)).get("/admin/usage", "X-API-Key", key).status());
        }
        assertThat(statuses).containsExactly(200, 200, 200, 200, 429, 429);
        Integer rows = JdbcClient.create(TestPostgres.dataSource(database))
            .sql("SELECT count(*) FROM edge.rate_bucket WHERE id LIKE 'key:%|4/min'")
            .query(Integer.class)
            .single();
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void addsUpUsageFromEveryReplica() throws Exception {
        String admin = Files.readString(dataDir.resolve("admin.key")).strip();
        Http.Response created = http(replicas.get(0)).post("/admin/keys",
                "{\"name\": \"metered\", \"scopes\": [\"retail.read\"]}", "X-API-Key", admin);
        String key = created.json().get("key").asString();
        String subject = "key:" + created.json().get("id").asString();
        for (int i = 0; i < 4; i++) {
            // the edge's own operation, refused for want of the admin scope: 403
            assertThat(http(replicas.get(i % 2)).get("/admin/usage", "X-API-Key", key).status()).isEqualTo(403);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String usage = http(replicas.get(0)).get("/admin/usage", "X-API-Key", admin).body();
            assertThat(usage).contains("\"subject\":\"" + subject + "\",\"requests\":4,\"client_errors\":4");
        });
    }

    private static ConfigurableApplicationContext replica() {
        EmbeddedPostgres postgres = TestPostgres.server();
        return EdgeApplication.builder()
            .run("--server.port=0", "--spring.main.banner-mode=off", "--spring.datasource.url=" + database,
                    "--spring.datasource.username=" + postgres.username(),
                    "--spring.datasource.password=" + postgres.password(), "--weir.edge.data-dir=" + dataDir,
                    "--weir.edge.usage.flush-interval=300ms", "--weir.edge.limits.max-unsynced=0");
    }

    private static Http http(ConfigurableApplicationContext replica) {
        return Http.anonymous(((WebServerApplicationContext) replica).getWebServer().getPort());
    }

}
