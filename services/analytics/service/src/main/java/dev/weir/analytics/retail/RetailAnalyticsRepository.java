package dev.weir.analytics.retail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Retail questions answered from the aggregates the warehouse keeps current
 * ({@code agg_retail_*}); never from the invoice lines.
 */
@Repository
class RetailAnalyticsRepository {

    private static final String REVENUE_COLUMNS = """
            coalesce(sum(amount) FILTER (WHERE kind = 'sale'), 0),
            coalesce(sum(amount) FILTER (WHERE kind = 'cancellation'), 0),
            coalesce(sum(amount) FILTER (WHERE kind NOT IN ('sale', 'cancellation')), 0),
            coalesce(sum(amount), 0),
            coalesce(sum(invoices) FILTER (WHERE kind = 'sale'), 0),
            coalesce(sum(invoices) FILTER (WHERE kind = 'cancellation'), 0)""";

    private final JdbcClient jdbc;

    RetailAnalyticsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<RetailViews.MonthRevenue> revenueByMonth(int fromKey, int toKey, String country) {
        return this.jdbc.sql("SELECT date_key / 100 AS ym, " + REVENUE_COLUMNS + """
                 FROM warehouse.agg_retail_daily
                WHERE date_key BETWEEN :from AND :to AND (CAST(:country AS text) IS NULL OR country = :country)
                GROUP BY 1 ORDER BY 1""")
            .param("from", fromKey)
            .param("to", toKey)
            .param("country", country)
            .query((rs, n) -> new RetailViews.MonthRevenue(month(rs.getInt(1)), rs.getBigDecimal(2),
                    rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getLong(6), rs.getLong(7)))
            .list();
    }

    List<RetailViews.CountryRevenue> revenueByCountry(int fromKey, int toKey) {
        return this.jdbc.sql("SELECT country, " + REVENUE_COLUMNS + """
                 FROM warehouse.agg_retail_daily
                WHERE date_key BETWEEN :from AND :to
                GROUP BY 1 ORDER BY 5 DESC, 1""")
            .param("from", fromKey)
            .param("to", toKey)
            .query((rs, n) -> new RetailViews.CountryRevenue(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                    rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getLong(6), rs.getLong(7)))
            .list();
    }

    /**
     * Products ranked by net revenue or net quantity over months; keyset after
     * {@code (value, stock_code)}.
     */
    List<RetailViews.TopProduct> topProducts(java.time.LocalDate fromMonth, java.time.LocalDate toMonth,
            boolean byQuantity, BigDecimal afterValue, String afterCode, int fetch, int firstRank) {
        String value = byQuantity ? "quantity" : "revenue";
        String sql = """
                SELECT * FROM (
                    SELECT p.stock_code, max(pr.description) AS description, sum(p.quantity) AS quantity,
                           sum(p.amount) AS revenue,
                           coalesce(sum(p.quantity) FILTER (WHERE p.kind = 'sale'), 0) AS sold_quantity,
                           coalesce(sum(p.amount) FILTER (WHERE p.kind = 'sale'), 0) AS sales
                    FROM warehouse.agg_retail_product_month p
                    LEFT JOIN warehouse.retail_product pr ON pr.stock_code = p.stock_code
                    WHERE p.month BETWEEN :from AND :to AND coalesce(pr.is_product, true)
                    GROUP BY p.stock_code) r
                WHERE CAST(:afterValue AS numeric) IS NULL
                   OR r.%1$s < :afterValue OR (r.%1$s = :afterValue AND r.stock_code > :afterCode)
                ORDER BY r.%1$s DESC, r.stock_code
                LIMIT :fetch""".formatted(value);
        int[] rank = { firstRank };
        return this.jdbc.sql(sql)
            .param("from", fromMonth)
            .param("to", toMonth)
            .param("afterValue", afterValue)
            .param("afterCode", afterCode)
            .param("fetch", fetch)
            .query((rs, n) -> new RetailViews.TopProduct(rank[0]++, rs.getString("stock_code"),
                    rs.getString("description"), rs.getLong("quantity"), rs.getBigDecimal("revenue"),
                    rs.getLong("sold_quantity"), rs.getBigDecimal("sales")))
            .list();
    }

    Optional<CustomerRow> customer(String customerId) {
        return this.jdbc.sql("""
                SELECT a.customer_id, c.country, a.orders, a.cancellations, a.lines, a.quantity, a.gross, a.spend,
                       a.first_purchase, a.last_purchase
                FROM warehouse.agg_retail_customer a
                LEFT JOIN warehouse.retail_customer c ON c.customer_id = a.customer_id
                WHERE a.customer_id = :id""")
            .param("id", customerId)
            .query(RetailAnalyticsRepository::customerRow)
            .optional();
    }

    /** Whether the warehouse knows the customer even without invoices. */
    Optional<String> customerCountry(String customerId) {
        return this.jdbc
            .sql("SELECT country FROM warehouse.retail_customer WHERE customer_id = :id AND deleted_at IS NULL")
            .param("id", customerId)
            .query(String.class)
            .optional();
    }

    /**
     * The quintile boundaries of every customer with an order: recency by last purchase,
     * frequency by orders, monetary by spend; and the reference day.
     */
    RfmBounds rfmBounds() {
        return this.jdbc.sql("""
                SELECT max(last_purchase),
                       percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY last_purchase),
                       percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY orders),
                       percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY spend)
                FROM warehouse.agg_retail_customer WHERE orders > 0""").query((rs, n) -> {
            Timestamp last = rs.getTimestamp(1);
            if (last == null) {
                return null;
            }
            Timestamp[] recency = (Timestamp[]) rs.getArray(2).getArray();
            Integer[] frequency = (Integer[]) rs.getArray(3).getArray();
            BigDecimal[] monetary = (BigDecimal[]) rs.getArray(4).getArray();
            return new RfmBounds(last.toLocalDateTime(),
                    java.util.Arrays.stream(recency).map(Timestamp::toLocalDateTime).toList(),
                    java.util.Arrays.stream(frequency).map(Integer::longValue).toList(), List.of(monetary));
        }).optional().orElse(null);
    }

    List<RetailViews.BasketSize> basket(int fromKey, int toKey, String country, boolean monthly) {
        String period = monthly ? "date_key / 100" : "date_key";
        return this.jdbc.sql("""
                SELECT %s AS period, sum(invoices), sum(lines), sum(quantity), sum(amount)
                FROM warehouse.agg_retail_daily
                WHERE kind = 'sale' AND date_key BETWEEN :from AND :to
                  AND (CAST(:country AS text) IS NULL OR country = :country)
                GROUP BY 1 HAVING sum(invoices) > 0 ORDER BY 1""".formatted(period))
            .param("from", fromKey)
            .param("to", toKey)
            .param("country", country)
            .query((rs, n) -> {
                long invoices = rs.getLong(2);
                return new RetailViews.BasketSize(monthly ? month(rs.getInt(1)) : day(rs.getInt(1)), invoices,
                        (double) rs.getLong(3) / invoices, (double) rs.getLong(4) / invoices,
                        rs.getBigDecimal(5).divide(BigDecimal.valueOf(invoices), 2, RoundingMode.HALF_EVEN));
            })
            .list();
    }

    private static CustomerRow customerRow(ResultSet rs, int n) throws SQLException {
        Timestamp first = rs.getTimestamp("first_purchase");
        Timestamp last = rs.getTimestamp("last_purchase");
        return new CustomerRow(rs.getString("customer_id"), rs.getString("country"), rs.getLong("orders"),
                rs.getLong("cancellations"), rs.getLong("lines"), rs.getLong("quantity"), rs.getBigDecimal("gross"),
                rs.getBigDecimal("spend"), (first != null) ? first.toLocalDateTime() : null,
                (last != null) ? last.toLocalDateTime() : null);
    }

    private static String month(int yyyymm) {
        return String.format("%04d-%02d", yyyymm / 100, yyyymm % 100);
    }

    private static String day(int yyyymmdd) {
        return String.format("%04d-%02d-%02d", yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
    }

    record CustomerRow(String customerId, String country, long orders, long cancellations, long lines, long quantity,
            BigDecimal gross, BigDecimal spend, java.time.LocalDateTime firstPurchase,
            java.time.LocalDateTime lastPurchase) {
    }

    /** Each list holds the 20th, 40th, 60th and 80th percentiles. */
    record RfmBounds(java.time.LocalDateTime lastPurchase, List<java.time.LocalDateTime> recency, List<Long> frequency,
            List<BigDecimal> monetary) {
    }

}
