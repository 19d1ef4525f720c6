package dev.weir.analytics.rides;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Rides and fleet questions from the aggregates the warehouse keeps current
 * ({@code agg_ride_*}, {@code agg_vehicle_latest}): never from the rides or reports
 * themselves. Medians come from frequency tables (trips per second of duration, per 10 m
 * of distance).
 */
@Repository
class RidesAnalyticsRepository {

    private final JdbcClient jdbc;

    RidesAnalyticsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<RidesViews.HourTrips> hours(int fromKey, int toKey) {
        return this.jdbc.sql("""
                SELECT date_key, hour, trips, duration_s FROM warehouse.agg_ride_hourly
                WHERE date_key BETWEEN :from AND :to AND trips > 0 ORDER BY date_key, hour""")
            .param("from", fromKey)
            .param("to", toKey)
            .query((rs, n) -> new RidesViews.HourTrips(date(rs.getInt(1)), rs.getInt(2), rs.getLong(3),
                    (double) rs.getLong(4) / rs.getLong(3)))
            .list();
    }

    /** Stations by starts + ends, most first; keyset after (total, station_id). */
    List<RidesViews.Station> busiest(int fromKey, int toKey, Long afterTotal, String afterId, int fetch,
            int firstRank) {
        int[] rank = { firstRank };
        return this.jdbc.sql("""
                SELECT s.*, p.lat, p.lon FROM (
                    SELECT station_id, sum(starts) AS starts, sum(ends) AS ends, sum(starts + ends) AS total
                    FROM warehouse.agg_ride_station_daily WHERE date_key BETWEEN :from AND :to
                    GROUP BY station_id) s
                LEFT JOIN warehouse.agg_ride_station p USING (station_id)
                WHERE s.total > 0 AND (CAST(:afterTotal AS bigint) IS NULL OR s.total < :afterTotal
                       OR (s.total = :afterTotal AND s.station_id COLLATE "C" > :afterId COLLATE "C"))
                ORDER BY s.total DESC, s.station_id COLLATE "C" LIMIT :fetch""")
            .param("from", fromKey)
            .param("to", toKey)
            .param("afterTotal", afterTotal)
            .param("afterId", afterId)
            .param("fetch", fetch)
            .query((rs, n) -> new RidesViews.Station(rank[0]++, rs.getString("station_id"), rs.getLong("starts"),
                    rs.getLong("ends"), rs.getLong("total"), number(rs, "lat"), number(rs, "lon")))
            .list();
    }

    /**
     * The median of a frequency table {@code (value, trips)} over days: the middle value,
     * or the mean of the two middle ones (the value at position p is the smallest whose
     * running count reaches p). Returns {count, median, mean}, scaled.
     */
    double[] median(String table, String valueColumn, double scale, int fromKey, int toKey) {
        return this.jdbc.sql("""
                WITH f AS (SELECT %2$s AS v, sum(trips) AS trips FROM warehouse.%1$s
                           WHERE date_key BETWEEN :from AND :to GROUP BY 1 HAVING sum(trips) > 0),
                     c AS (SELECT v, trips, sum(trips) OVER (ORDER BY v) AS upto, sum(trips) OVER () AS n FROM f)
                SELECT max(n), (min(v) FILTER (WHERE upto >= (n + 1) / 2) + min(v) FILTER (WHERE upto >= n / 2 + 1))
                               / 2.0,
                       sum(v * trips)::float8 / nullif(max(n), 0)
                FROM c""".formatted(table, valueColumn))
            .param("from", fromKey)
            .param("to", toKey)
            .query((rs, n) -> new double[] { rs.getLong(1), rs.getDouble(2) * scale, rs.getDouble(3) * scale })
            .single();
    }

    RidesViews.FleetBattery fleet() {
        // the buckets first: a query inside another's row mapper would hold two
        // connections of the pool at once
        List<RidesViews.Bucket> battery = buckets("battery_pct", 10, 1);
        List<RidesViews.Bucket> range = buckets("range_m", 5000, 1000);
        return this.jdbc.sql("""
                SELECT count(*), count(*) FILTER (WHERE NOT coalesce(is_disabled, false)
                                                   AND NOT coalesce(is_reserved, false)),
                       count(*) FILTER (WHERE is_disabled), count(*) FILTER (WHERE is_reserved),
                       count(battery_pct), count(*) FILTER (WHERE battery_pct < 20), avg(battery_pct),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY range_m), max(reported_at)
                FROM warehouse.agg_vehicle_latest""").query((rs, n) -> {
            Timestamp latest = rs.getTimestamp(9);
            return new RidesViews.FleetBattery(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                    rs.getLong(5), rs.getLong(6), number(rs, 7), number(rs, 8), battery, range,
                    (latest != null) ? latest.toInstant() : null);
        }).single();
    }

    private List<RidesViews.Bucket> buckets(String column, double width, double unit) {
        return this.jdbc.sql("""
                SELECT floor(%1$s / :width) * :width / :unit, count(*) FROM warehouse.agg_vehicle_latest
                WHERE %1$s IS NOT NULL GROUP BY 1 ORDER BY 1""".formatted(column))
            .param("width", width)
            .param("unit", unit)
            .query((rs, n) -> new RidesViews.Bucket(rs.getDouble(1), rs.getLong(2)))
            .list();
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static LocalDate date(int key) {
        return LocalDate.of(key / 10000, key / 100 % 100, key % 100);
    }

}
