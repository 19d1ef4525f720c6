package dev.weir.retail.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.weir.testing.infra.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migration 4 puts the identifiers in the "C" collation on a database whose default is
 * another (here C.UTF-8, as Debian's PostgreSQL packages make them), keeping every row,
 * key and check.
 */
class IdentifierCollationIT {

    @Test
    void identifiersCompareByteByByteAfterTheMigrationAndNothingStoredIsLost() throws SQLException {
        DataSource dataSource = TestPostgres
            .dataSource(TestPostgres.newDatabase("TEMPLATE template0 LOCALE 'C.UTF-8'"));
        migrate(dataSource, "3");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO retail.customer (customer_id, country) VALUES ('17850', 'United Kingdom')");
            statement.execute("INSERT INTO retail.stock_code (stock_code, description) VALUES ('85123A', 'HEART'),"
                    + " ('ÉCLAIR', 'PASTRY')");
            statement.execute("INSERT INTO retail.invoice (invoice_no, invoice_date, customer_id, kind)"
                    + " VALUES ('536365', '2010-12-01 08:26', '17850', 'sale')");
            statement.execute("INSERT INTO retail.invoice_line (invoice_no, line_no, stock_code, quantity, unit_price)"
                    + " VALUES ('536365', 1, '85123A', 6, 2.55), ('536365', 2, 'ÉCLAIR', 1, 1)");
        }

        migrate(dataSource, "latest");

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(strings(statement, """
                    SELECT table_name || '.' || column_name || ' ' || coalesce(collation_name, 'default')
                    FROM information_schema.columns
                    WHERE table_schema = 'retail' AND data_type = 'text'
                      AND table_name IN ('customer', 'stock_code', 'invoice', 'invoice_line')
                    ORDER BY 1
                    """)).containsExactly("customer.country default", "customer.customer_id C",
                    "invoice.country default", "invoice.customer_id C", "invoice.invoice_no C", "invoice.kind default",
                    "invoice_line.description default", "invoice_line.invoice_no C", "invoice_line.stock_code C",
                    "stock_code.description default", "stock_code.details default", "stock_code.kind default",
                    "stock_code.stock_code C");
            assertThat(strings(statement,
                    "SELECT invoice_no || '/' || line_no || '/' || stock_code"
                            + " FROM retail.invoice_line ORDER BY line_no"))
                .containsExactly("536365/1/85123A", "536365/2/ÉCLAIR");
            assertThat(strings(statement,
                    "SELECT conname || ' ' || convalidated FROM pg_constraint"
                            + " WHERE connamespace = 'retail'::regnamespace AND contype = 'f' ORDER BY 1"))
                .containsExactly("invoice_customer_id_fkey true", "invoice_line_invoice_no_fkey true",
                        "invoice_line_stock_code_fkey true");
            // the foreign keys hold, and the upper-case check still knows letters beyond
            // ASCII
            assertThatThrownBy(() -> statement.execute("INSERT INTO retail.invoice_line"
                    + " (invoice_no, line_no, stock_code, quantity, unit_price) VALUES ('536365', 3, 'NONE', 1, 1)"))
                .hasMessageContaining("invoice_line_stock_code_fkey");
            assertThatThrownBy(() -> statement.execute("INSERT INTO retail.stock_code (stock_code) VALUES ('é')"))
                .hasMessageContaining("stock_code_stock_code_check");
        }
    }

    private static void migrate(DataSource dataSource, String target) {
        RetailSchema.configuration(dataSource).target(target).load().migrate();
    }

    private static List<String> strings(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

}
