package dev.weir.analytics.system;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.weir.analytics.AnalyticsApplication;
import dev.weir.analytics.support.WarehouseDatabase;
import dev.weir.testing.infra.FreshDatabaseInitializer;
import dev.weir.testing.infra.TestTokensInitializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * As {@code weir up} starts it: given Weir's own database user, the service creates its
 * read-only role with a generated password kept in a file, and connects as that role.
 */
@SpringBootTest(classes = AnalyticsApplication.class,
        properties = { "spring.config.name=" + AnalyticsApplication.NAME, "weir.analytics.kafka.enabled=false",
                "weir.analytics.reader.ensure=true" })
@ContextConfiguration(initializers = { FreshDatabaseInitializer.class, TestTokensInitializer.class })
class ReaderLoginIT {

    static Path directory;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void passwordFile(DynamicPropertyRegistry registry) throws Exception {
        directory = Files.createTempDirectory("weir-analytics-reader");
        registry.add("weir.analytics.reader.password-file",
                () -> directory.resolve("postgres/analytics-password").toString());
    }

    @AfterAll
    static void deleteDirectory() throws Exception {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach((f) -> f.toFile().delete());
        }
    }

    @Test
    void givenWeirsUserTheServiceCreatesItsReadOnlyRoleAndConnectsAsIt() throws Exception {
        assertThat(this.jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo(WarehouseReader.LOGIN);
        assertThat(this.jdbc.sql("SHOW default_transaction_read_only").query(String.class).single()).isEqualTo("on");
        Path file = directory.resolve("postgres/analytics-password");
        assertThat(Files.readString(file)).hasSizeGreaterThan(20).isNotEqualTo(WarehouseDatabase.READER_PASSWORD);
        assertThat(Files.getPosixFilePermissions(file).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

}
