package dev.weir.retail.system;

/** SQL fragments every repository of the Retail service shares. */
public final class RetailSql {

    /** A row's version: its {@code updated_at} in microseconds since the epoch. */
    public static final String VERSION = "(extract(epoch FROM updated_at) * 1000000)::bigint";

    private RetailSql() {
    }

    /**
     * A price as read from a {@code numeric(12,3)} column, without the padding zeros
     * ({@code 2.950} is 2.95).
     */
    public static java.math.BigDecimal price(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        java.math.BigDecimal price = rs.getBigDecimal(column);
        return (price != null) ? price.stripTrailingZeros() : null;
    }

}
