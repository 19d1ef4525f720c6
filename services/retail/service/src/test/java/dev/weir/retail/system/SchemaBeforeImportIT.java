package dev.weir.retail.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.weir.testing.infra.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk import brings the schema up to date before it writes, and starts Flyway only
 * when something is left to apply.
 */
class SchemaBeforeImportIT {

    @Test
    void migratesAnEmptyDatabaseAndThenFindsItUpToDateUntilAMigrationIsMissing() throws SQLException {
        DataSource dataSource = TestPostgres.dataSource(TestPostgres.newDatabase());
        assertThat(RetailSchema.upToDate(dataSource)).isFalse();

        RetailSchema.migrateIfBehind(dataSource);

        assertThat(RetailSchema.upToDate(dataSource)).isTrue();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT FROM retail.invoice_line");
            statement.execute("DELETE FROM retail.flyway_schema_history WHERE version = '1'");
        }
        assertThat(RetailSchema.upToDate(dataSource)).isFalse();
    }

}
