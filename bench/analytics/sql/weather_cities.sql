SELECT city, min(time_utc), max(time_utc), count(*), max(latitude), max(longitude) FROM warehouse.weather_hourly GROUP BY city ORDER BY city;
