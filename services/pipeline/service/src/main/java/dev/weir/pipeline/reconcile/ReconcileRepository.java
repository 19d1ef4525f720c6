package dev.weir.pipeline.reconcile;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The warehouse's side of a reconciliation. */
@Repository
class ReconcileRepository {

    private final JdbcClient jdbc;

    ReconcileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Long> counters(String dataset) {
        Map<String, Long> counters = new TreeMap<>();
        this.jdbc.sql("SELECT counter, value FROM warehouse.pipeline_count WHERE dataset = ?")
            .param(dataset)
            .query((rs, n) -> counters.put(rs.getString(1), rs.getLong(2)))
            .list();
        return counters;
    }

    long rows(String table, String where) {
        return this.jdbc.sql("SELECT count(*) FROM warehouse." + table + ((where != null) ? " WHERE " + where : ""))
            .query(Long.class)
            .single();
    }

    Map<String, Long> deadLetters(String dataset, String stage) {
        Map<String, Long> counts = new TreeMap<>();
        this.jdbc.sql("SELECT rule, count(*) FROM warehouse.dead_letter WHERE dataset = ? AND stage = ? GROUP BY rule")
            .params(dataset, stage)
            .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
            .list();
        return counts;
    }

}
