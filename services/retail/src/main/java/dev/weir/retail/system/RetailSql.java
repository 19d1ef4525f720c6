package dev.weir.retail.system;

/** SQL fragments every repository of the Retail service shares. */
public final class RetailSql {

    /** A row's version: its {@code updated_at} in microseconds since the epoch. */
    public static final String VERSION = "(extract(epoch FROM updated_at) * 1000000)::bigint";

    private RetailSql() {
    }

}
