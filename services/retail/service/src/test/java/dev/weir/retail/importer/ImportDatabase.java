package dev.weir.retail.importer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import dev.weir.testing.infra.RepositoryData;
import dev.weir.testing.infra.TestPostgres;
import dev.weir.retail.system.RetailSchema;

/**
 * A new database on the test PostgreSQL with the Retail schema migrated, for one test:
 * imports never see each other's rows.
 */
final class ImportDatabase {

    private static final String[] TABLES = { "customer", "stock_code", "invoice", "invoice_line" };

    private static final Map<String, String> KEYS = Map.of("customer", "customer_id", "stock_code", "stock_code",
            "invoice", "invoice_no", "invoice_line", "invoice_no, line_no");

    final String url;

    final DataSource dataSource;

    private ImportDatabase(String url) {
        this.url = url;
        this.dataSource = TestPostgres.dataSource(url);
        RetailSchema.configure(this.dataSource).migrate();
    }

    static ImportDatabase create() {
        return new ImportDatabase(TestPostgres.newDatabase());
    }

    ImportReport importFile(Path file) {
        return new RetailImporter(this.dataSource).importFile(file, ImportProgress.NONE);
    }

    ImportReport importFile(Path file, BulkMode bulkMode, ImportProgress progress) {
        return new RetailImporter(this.dataSource, bulkMode).importFile(file, progress);
    }

    /**
     * The Retail tables' constraints (name: kind, definition, deferrability, validated),
     * indexes (name: definition) and number of triggers per table (the foreign keys'
     * internal ones included), in name order: equal maps mean the same keys, checked the
     * same way.
     */
    Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        try (Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        """
                                SELECT 'constraint ' || conrelid::regclass || '.' || conname,
                                       contype::text || ': ' || pg_get_constraintdef(oid) || ', deferrable ' || condeferrable
                                       || ', initially deferred ' || condeferred || ', validated ' || convalidated
                                FROM pg_constraint WHERE connamespace = 'retail'::regnamespace
                                UNION ALL
                                SELECT 'index ' || schemaname || '.' || indexname, indexdef
                                FROM pg_indexes WHERE schemaname = 'retail'
                                UNION ALL
                                SELECT 'triggers on ' || tgrelid::regclass, count(*)::text
                                FROM pg_trigger WHERE tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'retail'::regnamespace)
                                GROUP BY tgrelid
                                ORDER BY 1""")) {
            while (rows.next()) {
                keys.put(rows.getString(1), rows.getString(2));
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
        return keys;
    }

    /** Runs statements on a connection of its own, autocommitted. */
    void execute(String... sql) {
        try (Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(String.join("; ", sql), ex);
        }
    }

    long count(String sql) {
        return query(sql, (rows) -> rows.getLong(1));
    }

    String text(String sql) {
        return query(sql, (rows) -> rows.getString(1));
    }

    /**
     * Every table's row count and a digest of all its rows in key order, with their
     * timestamps and {@code xmin} (which changes when a row is updated): equal
     * fingerprints mean nothing was inserted, updated or deleted.
     */
    Map<String, String> fingerprint() {
        Map<String, String> fingerprint = new LinkedHashMap<>();
        for (String table : TABLES) {
            fingerprint.put(table, text(
                    "SELECT count(*) || ' rows, ' || coalesce(md5(string_agg(t::text || t.xmin::text, '|' ORDER BY "
                            + KEYS.get(table) + ")), 'empty') FROM retail." + table + " t"));
        }
        return fingerprint;
    }

    /**
     * The contents of every table without timestamps, in key order, to compare imports.
     */
    Map<String, String> contents() {
        Map<String, String> contents = new LinkedHashMap<>();
        contents.put("customer", text(
                "SELECT string_agg(customer_id || ',' || country, '|' ORDER BY customer_id) FROM retail.customer"));
        contents.put("stock_code", text(
                "SELECT string_agg(concat_ws(',', stock_code, description, unit_price, kind), '|' ORDER BY stock_code) FROM retail.stock_code"));
        contents.put("invoice", text(
                "SELECT string_agg(concat_ws(',', invoice_no, invoice_date, customer_id, country, kind), '|' ORDER BY invoice_no) FROM retail.invoice"));
        contents.put("invoice_line", text(
                "SELECT string_agg(concat_ws(',', invoice_no, line_no, stock_code, description, quantity, unit_price), '|' ORDER BY invoice_no, line_no) FROM retail.invoice_line"));
        return contents;
    }

    private <T> T query(String sql, Column<T> column) {
        try (Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return column.read(rows);
        }
        catch (SQLException ex) {
            throw new IllegalStateException(sql, ex);
        }
    }

    /**
     * The full UCI file, in the repository's {@code data/}; a clear failure when it is
     * missing.
     */
    static Path fullFile() {
        return RepositoryData.file("online-retail/online_retail.csv.gz");
    }

    @FunctionalInterface
    private interface Column<T> {

        T read(ResultSet rows) throws SQLException;

    }

}
