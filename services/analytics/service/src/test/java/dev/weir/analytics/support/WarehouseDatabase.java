package dev.weir.analytics.support;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import dev.weir.analytics.system.WarehouseReader;
import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.testing.infra.TestPostgres;

/**
 * A warehouse on the test PostgreSQL: a fresh database migrated by the Pipeline service's
 * own Flyway migrations (schema {@code warehouse}, aggregates and grants included), and
 * the Analytics service's read-only login role.
 *
 * @param url the database's JDBC URL
 */
public record WarehouseDatabase(String url) {

    /** The read-only login role's password in tests. */
    public static final String READER_PASSWORD = "analytics-test";

    public static WarehouseDatabase create() {
        String url = TestPostgres.newDatabase();
        DataSource owner = TestPostgres.dataSource(url);
        Flyway.configure()
            .dataSource(owner)
            .schemas("warehouse")
            .defaultSchema("warehouse")
            .locations("classpath:db/warehouse")
            .load()
            .migrate();
        try (Connection connection = owner.getConnection()) {
            WarehouseReader.ensure(connection, WarehouseReader.LOGIN, READER_PASSWORD);
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
        return new WarehouseDatabase(url);
    }

    /** The database as its owner (what the Pipeline service's loader writes as). */
    public DataSource owner() {
        return TestPostgres.dataSource(this.url);
    }

    public EmbeddedPostgres server() {
        return TestPostgres.server();
    }

}
