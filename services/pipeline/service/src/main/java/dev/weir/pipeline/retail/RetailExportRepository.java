package dev.weir.pipeline.retail;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Where the reading of the Retail export stands ({@code warehouse.retail_export}). */
@Repository
class RetailExportRepository {

    static final List<String> ENTITIES = List.of("stock-codes", "customers", "invoices");

    private final JdbcClient jdbc;

    RetailExportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Asks for a read of every entity (after a bulk import). */
    void request() {
        for (String entity : ENTITIES) {
            this.jdbc
                .sql("INSERT INTO warehouse.retail_export (entity, requested_at) VALUES (?, now()) "
                        + "ON CONFLICT (entity) DO UPDATE SET requested_at = now()")
                .param(entity)
                .update();
        }
    }

    /** Asks for a first read if there never was one. */
    void requestIfNeverRead() {
        for (String entity : ENTITIES) {
            this.jdbc
                .sql("INSERT INTO warehouse.retail_export (entity, requested_at) VALUES (?, now()) "
                        + "ON CONFLICT (entity) DO NOTHING")
                .param(entity)
                .update();
        }
    }

    /**
     * The next entity to read and where to start, or empty: one asked for since its last
     * start (from the beginning), or one whose read did not finish (from where it was).
     */
    Optional<Position> next() {
        return this.jdbc.sql("""
                SELECT entity, after_key, requested_at > coalesce(started_at, '-infinity') AS fresh
                FROM warehouse.retail_export
                WHERE requested_at > coalesce(started_at, '-infinity')
                   OR (started_at IS NOT NULL AND (finished_at IS NULL OR finished_at < started_at))
                ORDER BY array_position(ARRAY['stock-codes', 'customers', 'invoices'], entity)
                LIMIT 1""")
            .query((rs, n) -> new Position(rs.getString(1), rs.getBoolean(3) ? "" : rs.getString(2)))
            .optional();
    }

    void started(String entity) {
        this.jdbc
            .sql("UPDATE warehouse.retail_export SET started_at = now(), finished_at = NULL, after_key = '', "
                    + "rows_read = 0 WHERE entity = ?")
            .param(entity)
            .update();
    }

    void advanced(String entity, String afterKey, int rows) {
        this.jdbc.sql("UPDATE warehouse.retail_export SET after_key = ?, rows_read = rows_read + ? WHERE entity = ?")
            .params(afterKey, rows, entity)
            .update();
    }

    void finished(String entity) {
        this.jdbc.sql("UPDATE warehouse.retail_export SET finished_at = clock_timestamp() WHERE entity = ?")
            .param(entity)
            .update();
    }

    /** Whether every entity's latest read finished. */
    boolean allFinished() {
        return this.jdbc
            .sql("SELECT count(*) FROM warehouse.retail_export WHERE finished_at >= started_at "
                    + "AND started_at >= requested_at")
            .query(Long.class)
            .single() == ENTITIES.size();
    }

    /**
     * @param entity stock-codes, customers or invoices
     * @param afterKey the key to read after ({@code ""}: from the start)
     */
    record Position(String entity, String afterKey) {
    }

}
