SELECT date_key, hour, trips, duration_s FROM warehouse.agg_ride_hourly WHERE date_key BETWEEN 0 AND 99991231 AND trips > 0 ORDER BY date_key, hour;
