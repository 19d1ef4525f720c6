package dev.weir.platform.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.weir.testing.infra.TestPorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresIT {

    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "weir");

    @TempDir
    Path home;

    @Test
    void keepsDataAcrossARestartOfTheServer() throws Exception {
        int port = TestPorts.free();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(this.home, port, CACHE)) {
            assertThat(postgres.startedHere()).isTrue();
            try (Connection connection = connect(postgres)) {
                connection.createStatement().execute("CREATE TABLE kept (v text)");
                connection.createStatement().execute("INSERT INTO kept VALUES ('survives')");
            }
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(this.home, port, CACHE);
                Connection connection = connect(postgres)) {
            ResultSet rows = connection.createStatement().executeQuery("SELECT v FROM kept");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("survives");
        }
    }

    @Test
    void attachesToARunningServerInsteadOfStartingASecondOneAndLeavesItRunning() throws Exception {
        try (EmbeddedPostgres first = EmbeddedPostgres.start(this.home, TestPorts.free(), CACHE)) {
            try (EmbeddedPostgres second = EmbeddedPostgres.start(this.home, TestPorts.free(), CACHE)) {
                assertThat(second.startedHere()).isFalse();
                assertThat(second.port()).isEqualTo(first.port());
            }
            try (Connection connection = connect(first)) {
                assertThat(connection.isValid(2)).isTrue();
            }
        }
    }

    @Test
    void refusesConnectionsWithoutThePassword() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(this.home, TestPorts.free(), CACHE)) {
            assertThat(Files.getPosixFilePermissions(this.home.resolve("password"))).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgres.USER, "wrong"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
        }
    }

    private static Connection connect(EmbeddedPostgres postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

}
