package dev.weir.analytics.weather;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Weather questions over {@code weather_hourly} by its (city, time_utc) key. */
@Repository
class WeatherAnalyticsRepository {

    private final JdbcClient jdbc;

    WeatherAnalyticsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<WeatherViews.City> cities() {
        return this.jdbc.sql("""
                SELECT city, min(time_utc), max(time_utc), count(*), max(latitude), max(longitude)
                FROM warehouse.weather_hourly GROUP BY city ORDER BY city""")
            .query((rs, n) -> new WeatherViews.City(rs.getString(1), rs.getTimestamp(2).toInstant(),
                    rs.getTimestamp(3).toInstant(), rs.getLong(4), number(rs, 5), number(rs, 6)))
            .list();
    }

    boolean knows(String city) {
        return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM warehouse.weather_hourly WHERE city = :city)")
            .param("city", city)
            .query(Boolean.class)
            .single();
    }

    /** Hours of a city in [from, to), after {@code after}, in time order. */
    List<WeatherViews.Hour> hours(String city, OffsetDateTime from, OffsetDateTime to, OffsetDateTime after,
            int fetch) {
        return this.jdbc.sql("""
                SELECT time_utc, temperature_c, precipitation_mm, wind_speed_kmh, relative_humidity_pct,
                       weather_code, missing
                FROM warehouse.weather_hourly
                WHERE city = :city AND time_utc >= :from AND time_utc < :to AND time_utc > :after
                ORDER BY time_utc LIMIT :fetch""")
            .param("city", city)
            .param("from", from)
            .param("to", to)
            .param("after", after)
            .param("fetch", fetch)
            .query((rs, n) -> {
                Array missing = rs.getArray(7);
                return new WeatherViews.Hour(rs.getTimestamp(1).toInstant(), number(rs, 2), number(rs, 3),
                        number(rs, 4), number(rs, 5), (Integer) rs.getObject(6),
                        (missing != null) ? List.of((String[]) missing.getArray()) : List.of());
            })
            .list();
    }

    List<WeatherViews.Day> days(String city, int fromKey, int toKey) {
        return this.jdbc.sql("""
                SELECT date_key, min(temperature_c), max(temperature_c), avg(temperature_c), sum(precipitation_mm),
                       count(temperature_c)
                FROM warehouse.weather_hourly
                WHERE city = :city AND date_key BETWEEN :from AND :to
                GROUP BY date_key ORDER BY date_key""")
            .param("city", city)
            .param("from", fromKey)
            .param("to", toKey)
            .query((rs, n) -> {
                int key = rs.getInt(1);
                return new WeatherViews.Day(LocalDate.of(key / 10000, key / 100 % 100, key % 100), number(rs, 2),
                        number(rs, 3), number(rs, 4), number(rs, 5), rs.getLong(6));
            })
            .list();
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

}
