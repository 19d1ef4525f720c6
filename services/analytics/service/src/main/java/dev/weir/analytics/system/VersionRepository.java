package dev.weir.analytics.system;

import java.sql.Timestamp;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the datasets' versions (table {@code warehouse.agg_version}). */
@Repository
class VersionRepository {

    private final JdbcClient jdbc;

    VersionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Dataset, DataVersion> all() {
        Map<Dataset, DataVersion> versions = new EnumMap<>(Dataset.class);
        for (Dataset dataset : Dataset.values()) {
            versions.put(dataset, new DataVersion(dataset, 0, null));
        }
        this.jdbc.sql("SELECT dataset, version, changed_at FROM warehouse.agg_version").query((rs, n) -> {
            for (Dataset dataset : Dataset.values()) {
                if (dataset.warehouseName().equals(rs.getString(1))) {
                    Timestamp changed = rs.getTimestamp(3);
                    versions.put(dataset,
                            new DataVersion(dataset, rs.getLong(2), (changed != null) ? changed.toInstant() : null));
                }
            }
            return null;
        }).list();
        return versions;
    }

}
