SELECT d.dataset, b.loaded_at, b.max_event_time, b.max_freshness_ms, (SELECT coalesce(sum(rows), 0) FROM warehouse.load_batch h WHERE h.dataset = d.dataset AND h.loaded_at > now() - interval '1 hour') FROM unnest(ARRAY['retail','fhrs','open-meteo','rides','telemetry']) AS d(dataset) LEFT JOIN LATERAL (SELECT * FROM warehouse.load_batch b WHERE b.dataset = d.dataset ORDER BY b.loaded_at DESC LIMIT 1) b ON true;
SELECT dataset, date_trunc('minute', loaded_at), sum(rows) FROM warehouse.load_batch WHERE loaded_at > now() - interval '30 minutes' GROUP BY 1, 2 ORDER BY 1, 2;
SELECT dataset, rule, count(*), count(*) FILTER (WHERE replayed_at IS NULL), (array_agg(reason ORDER BY dead_at DESC))[1], max(dead_at) FROM warehouse.dead_letter GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2;
SELECT dataset, counter, value FROM warehouse.pipeline_count ORDER BY 1, 2;
SELECT topic, partition, next_offset FROM warehouse.loader_offset;
SELECT * FROM warehouse.retail_export ORDER BY entity;
