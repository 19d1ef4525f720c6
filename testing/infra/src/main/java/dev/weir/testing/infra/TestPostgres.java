package dev.weir.testing.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import dev.weir.platform.embedded.EmbeddedPostgres;

/**
 * One throw-away embedded PostgreSQL per test JVM, and a fresh database for each test
 * context that asks for one, so tests never see each other's rows. Deleted when the JVM
 * exits.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path home = Files.createTempDirectory("weir-test-pg");
                server = EmbeddedPostgres.start(home, TestPorts.free(),
                        Path.of(System.getProperty("user.home"), ".cache", "weir"));
                ThrowAwayHome.deleteOnExit(home, server::stop, "test-postgres-stop");
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return server;
    }

    /** A data source for a database of the test server, as its owner. */
    public static DataSource dataSource(String url) {
        EmbeddedPostgres postgres = server();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(postgres.username());
        dataSource.setPassword(postgres.password());
        return dataSource;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String newDatabase() {
        return newDatabase("");
    }

    /**
     * Creates an empty database with {@code CREATE DATABASE} options (such as
     * {@code TEMPLATE template0 LOCALE 'C.UTF-8'}) and returns its JDBC URL.
     */
    public static String newDatabase(String options) {
        EmbeddedPostgres postgres = server();
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
                postgres.password())) {
            connection.createStatement().execute("CREATE DATABASE " + name + " " + options);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not create test database " + name, ex);
        }
        return postgres.jdbcUrl(name);
    }

}
