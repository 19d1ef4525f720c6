package dev.weir.retail.system;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.weir.retail.importer.ImportProgress;
import dev.weir.retail.importer.ImportReport;
import dev.weir.retail.importer.RetailImporter;
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

    @Test
    void theImportersDoorMigratesADatabaseTheServiceNeverSawAndImports() throws Exception {
        DataSource dataSource = TestPostgres.dataSource(TestPostgres.newDatabase());
        Path slice = Path.of(getClass().getResource("/online-retail/online_retail_slice_uci.csv").toURI());

        ImportReport report = RetailImporter.importFile(dataSource, slice, ImportProgress.NONE);

        assertThat(RetailSchema.upToDate(dataSource)).isTrue();
        assertThat(report.reconciles()).isTrue();
        assertThat(report.linesStored()).isPositive();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet lines = statement.executeQuery("SELECT count(*) FROM retail.invoice_line")) {
            lines.next();
            assertThat(lines.getLong(1)).isEqualTo(report.linesStored());
        }
    }

}
