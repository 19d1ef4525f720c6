package dev.weir.pipeline.support;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Reading the warehouse in tests. */
public final class Warehouse {

    private final JdbcClient jdbc;

    public Warehouse(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long count(String table) {
        return this.jdbc.sql("SELECT count(*) FROM warehouse." + table).query(Long.class).single();
    }

    /** A counter of {@code warehouse.pipeline_count}, 0 when absent. */
    public long counter(String dataset, String counter) {
        return this.jdbc
            .sql("SELECT coalesce(sum(value), 0) FROM warehouse.pipeline_count WHERE dataset = ? AND counter = ?")
            .params(dataset, counter)
            .query(Long.class)
            .single();
    }

    /** Every counter of a dataset. */
    public Map<String, Long> counters(String dataset) {
        return this.jdbc.sql("SELECT counter, value FROM warehouse.pipeline_count WHERE dataset = ? ORDER BY counter")
            .param(dataset)
            .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
            .list()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new));
    }

    public JdbcClient jdbc() {
        return this.jdbc;
    }

    /**
     * Waits until {@code condition} holds, failing with {@code what} after
     * {@code timeout}.
     */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }

}
