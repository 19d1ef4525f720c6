package dev.weir.analytics.system;

import java.time.Instant;

/**
 * A dataset's version in the warehouse: moved by every transaction that changed its rows.
 *
 * @param dataset the dataset
 * @param version the number of changing statements so far (0: never loaded)
 * @param changedAt when the last change was made, or null when never
 */
public record DataVersion(Dataset dataset, long version, Instant changedAt) {

    /** The entity tag of every answer computed from this version. */
    public String etag() {
        return "\"" + this.dataset.warehouseName() + "." + this.version + "\"";
    }

}
