-- Aggregates for the analytics service (docs/design/analytics-aggregates.md), kept current inside the
-- warehouse's own transactions by statement-level triggers with transition tables on the fact tables:
-- a loaded batch and the aggregates it changes commit together, so an aggregate is never older or newer
-- than the rows it sums. No analytics request reads retail_invoice_line (536,641 rows on the full data).
--
-- Every trigger first bumps its dataset's row in agg_version (the ETag of the analytics API). That row
-- lock is held to the end of the loading transaction, so the aggregate writes of two transactions that
-- load the same dataset never interleave: each trigger statement after it sees every committed row
-- (READ COMMITTED, the loader's isolation level), whichever of an invoice and its lines came first.
-- Functions run with the search_path of this migration (the warehouse schema).

CREATE TABLE agg_version (
    dataset    text PRIMARY KEY,
    version    bigint NOT NULL DEFAULT 0,
    changed_at timestamptz
);
INSERT INTO agg_version (dataset) VALUES ('retail'), ('fhrs'), ('open-meteo'), ('rides'), ('telemetry');

CREATE FUNCTION agg_touch(p_dataset text) RETURNS void
LANGUAGE sql SET search_path FROM CURRENT AS $$
    INSERT INTO agg_version AS v (dataset, version, changed_at) VALUES (p_dataset, 1, clock_timestamp())
    ON CONFLICT (dataset) DO UPDATE SET version = v.version + 1, changed_at = clock_timestamp();
$$;

-- The rows of a statement with a sign: +1 for new rows, -1 for old ones (an UPDATE has both).
-- Transition tables exist only for the trigger's own event, so each function picks its source by TG_OP.
CREATE FUNCTION agg_signed(p_op text, p_columns text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE p_op
        WHEN 'INSERT' THEN format('SELECT 1 AS sign, %s FROM new_rows', p_columns)
        WHEN 'DELETE' THEN format('SELECT -1 AS sign, %s FROM old_rows', p_columns)
        ELSE format('SELECT 1 AS sign, %1$s FROM new_rows UNION ALL SELECT -1, %1$s FROM old_rows', p_columns)
    END;
$$;

-- Retail ---------------------------------------------------------------------------------------------
-- Each invoice's totals over its lines (all kinds), whether or not the invoice itself has arrived yet.
CREATE TABLE agg_retail_invoice (
    invoice_no text COLLATE "C" PRIMARY KEY,
    lines      integer NOT NULL DEFAULT 0,
    quantity   bigint NOT NULL DEFAULT 0,
    amount     numeric(16, 3) NOT NULL DEFAULT 0
);

-- Per day (the invoice's date), country and invoice kind (sale, cancellation, adjustment): invoices that
-- have lines, and their lines' count, quantity and amount. Revenue by month and basket size read this.
CREATE TABLE agg_retail_daily (
    date_key  integer NOT NULL,
    country   text NOT NULL,            -- '' when the invoice has none
    kind      text NOT NULL,
    invoices  integer NOT NULL,
    lines     integer NOT NULL,
    quantity  bigint NOT NULL,
    amount    numeric(16, 3) NOT NULL,
    PRIMARY KEY (date_key, country, kind)
);

-- Per month (the invoice's), stock code and invoice kind: what "top products for a period" ranks.
CREATE TABLE agg_retail_product_month (
    month      date NOT NULL,           -- the first day of the month
    stock_code text COLLATE "C" NOT NULL,
    kind       text NOT NULL,
    lines      integer NOT NULL,
    quantity   bigint NOT NULL,
    amount     numeric(16, 3) NOT NULL,
    PRIMARY KEY (month, stock_code, kind)
);

-- Per customer: recomputed from its invoices (index retail_invoice_customer_idx) whenever one of them or
-- their lines changes, because first and last purchase are a min and a max.
CREATE TABLE agg_retail_customer (
    customer_id    text COLLATE "C" PRIMARY KEY,
    orders         integer NOT NULL,     -- sale invoices with lines
    cancellations  integer NOT NULL,     -- cancellation invoices with lines
    lines          integer NOT NULL,
    quantity       bigint NOT NULL,
    gross          numeric(16, 3) NOT NULL,  -- sale invoices' amount
    spend          numeric(16, 3) NOT NULL,  -- every invoice's amount: net of cancellations
    first_purchase timestamp,
    last_purchase  timestamp
);
CREATE INDEX agg_retail_customer_last_idx ON agg_retail_customer (last_purchase);

CREATE FUNCTION agg_retail_customers_refresh(p_ids text[]) RETURNS void
LANGUAGE sql SET search_path FROM CURRENT AS $$
    DELETE FROM agg_retail_customer WHERE customer_id = ANY (p_ids);
    INSERT INTO agg_retail_customer (customer_id, orders, cancellations, lines, quantity, gross, spend,
                                     first_purchase, last_purchase)
    SELECT i.customer_id,
           count(*) FILTER (WHERE i.kind = 'sale' AND a.lines > 0),
           count(*) FILTER (WHERE i.kind = 'cancellation' AND a.lines > 0),
           coalesce(sum(a.lines), 0), coalesce(sum(a.quantity), 0),
           coalesce(sum(a.amount) FILTER (WHERE i.kind = 'sale'), 0), coalesce(sum(a.amount), 0),
           min(i.invoice_date) FILTER (WHERE i.kind = 'sale' AND a.lines > 0),
           max(i.invoice_date) FILTER (WHERE i.kind = 'sale' AND a.lines > 0)
    FROM retail_invoice i JOIN agg_retail_invoice a USING (invoice_no)
    WHERE i.customer_id = ANY (p_ids)
    GROUP BY i.customer_id
    ORDER BY i.customer_id;
$$;

CREATE FUNCTION agg_retail_line_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    src text := agg_signed(TG_OP, 'invoice_no, stock_code, quantity, amount');
    changed boolean;
BEGIN
    -- a statement that changed nothing (an upsert of rows already there) changes no aggregate nor version
    EXECUTE format('SELECT EXISTS (%s)', src) INTO changed;
    IF NOT changed THEN
        RETURN NULL;
    END IF;
    PERFORM agg_touch('retail');
    -- 1. the invoices' totals
    EXECUTE format($q$
        INSERT INTO agg_retail_invoice AS t (invoice_no, lines, quantity, amount)
        SELECT invoice_no, sum(sign), sum(sign * quantity), sum(sign * amount)
        FROM (%s) s GROUP BY invoice_no ORDER BY invoice_no
        ON CONFLICT (invoice_no) DO UPDATE SET lines = t.lines + excluded.lines,
            quantity = t.quantity + excluded.quantity, amount = t.amount + excluded.amount$q$, src);
    -- 2. per day, for the invoices that have arrived (an invoice arriving later adds its totals then);
    --    an invoice counts once it has a line: a.lines is after this change, a.lines - d.lines before it
    EXECUTE format($q$
        WITH d AS (SELECT invoice_no, sum(sign) AS lines, sum(sign * quantity) AS quantity,
                          sum(sign * amount) AS amount
                   FROM (%s) s GROUP BY invoice_no)
        INSERT INTO agg_retail_daily AS t (date_key, country, kind, invoices, lines, quantity, amount)
        SELECT i.date_key, coalesce(i.country, ''), i.kind,
               sum((a.lines > 0)::int - ((a.lines - d.lines) > 0)::int), sum(d.lines), sum(d.quantity),
               sum(d.amount)
        FROM d JOIN agg_retail_invoice a USING (invoice_no) JOIN retail_invoice i USING (invoice_no)
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (date_key, country, kind) DO UPDATE SET invoices = t.invoices + excluded.invoices,
            lines = t.lines + excluded.lines, quantity = t.quantity + excluded.quantity,
            amount = t.amount + excluded.amount$q$, src);
    -- 3. per month and stock code
    EXECUTE format($q$
        INSERT INTO agg_retail_product_month AS t (month, stock_code, kind, lines, quantity, amount)
        SELECT date_trunc('month', i.invoice_date)::date, s.stock_code, i.kind, sum(s.sign),
               sum(s.sign * s.quantity), sum(s.sign * s.amount)
        FROM (%s) s JOIN retail_invoice i USING (invoice_no)
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (month, stock_code, kind) DO UPDATE SET lines = t.lines + excluded.lines,
            quantity = t.quantity + excluded.quantity, amount = t.amount + excluded.amount$q$, src);
    -- 4. the invoices' customers
    EXECUTE format($q$
        SELECT agg_retail_customers_refresh(array_agg(DISTINCT i.customer_id))
        FROM (SELECT DISTINCT invoice_no FROM (%s) s) s JOIN retail_invoice i USING (invoice_no)
        WHERE i.customer_id IS NOT NULL$q$, src);
    RETURN NULL;
END $$;

CREATE FUNCTION agg_retail_invoice_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    src text := agg_signed(TG_OP, 'invoice_no, invoice_date, date_key, coalesce(country, '''') AS country, '
        || 'kind, customer_id');
    changed boolean;
BEGIN
    -- a statement that changed nothing (an upsert of rows already there) changes no aggregate nor version
    EXECUTE format('SELECT EXISTS (%s)', src) INTO changed;
    IF NOT changed THEN
        RETURN NULL;
    END IF;
    PERFORM agg_touch('retail');
    -- an invoice moves its lines' totals between days, countries, kinds and months when it arrives, changes
    -- or goes; rows whose old and new contributions are equal cancel out
    EXECUTE format($q$
        INSERT INTO agg_retail_daily AS t (date_key, country, kind, invoices, lines, quantity, amount)
        SELECT s.date_key, s.country, s.kind, sum(s.sign * (a.lines > 0)::int), sum(s.sign * a.lines),
               sum(s.sign * a.quantity), sum(s.sign * a.amount)
        FROM (%s) s JOIN agg_retail_invoice a USING (invoice_no)
        GROUP BY 1, 2, 3
        HAVING sum(s.sign * (a.lines > 0)::int) <> 0 OR sum(s.sign * a.lines) <> 0
            OR sum(s.sign * a.quantity) <> 0 OR sum(s.sign * a.amount) <> 0
        ORDER BY 1, 2, 3
        ON CONFLICT (date_key, country, kind) DO UPDATE SET invoices = t.invoices + excluded.invoices,
            lines = t.lines + excluded.lines, quantity = t.quantity + excluded.quantity,
            amount = t.amount + excluded.amount$q$, src);
    EXECUTE format($q$
        INSERT INTO agg_retail_product_month AS t (month, stock_code, kind, lines, quantity, amount)
        SELECT date_trunc('month', s.invoice_date)::date, l.stock_code, s.kind, sum(s.sign),
               sum(s.sign * l.quantity), sum(s.sign * l.amount)
        FROM (%s) s JOIN retail_invoice_line l USING (invoice_no)
        GROUP BY 1, 2, 3
        HAVING sum(s.sign) <> 0 OR sum(s.sign * l.quantity) <> 0 OR sum(s.sign * l.amount) <> 0
        ORDER BY 1, 2, 3
        ON CONFLICT (month, stock_code, kind) DO UPDATE SET lines = t.lines + excluded.lines,
            quantity = t.quantity + excluded.quantity, amount = t.amount + excluded.amount$q$, src);
    EXECUTE format($q$
        SELECT agg_retail_customers_refresh(array_agg(DISTINCT customer_id)) FROM (%s) s
        WHERE customer_id IS NOT NULL$q$, src);
    RETURN NULL;
END $$;

CREATE TRIGGER agg_retail_line_inserted AFTER INSERT ON retail_invoice_line
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION agg_retail_line_changed();
CREATE TRIGGER agg_retail_line_updated AFTER UPDATE ON retail_invoice_line
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION agg_retail_line_changed();
CREATE TRIGGER agg_retail_line_deleted AFTER DELETE ON retail_invoice_line
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION agg_retail_line_changed();
CREATE TRIGGER agg_retail_invoice_inserted AFTER INSERT ON retail_invoice
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION agg_retail_invoice_changed();
CREATE TRIGGER agg_retail_invoice_updated AFTER UPDATE ON retail_invoice
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION agg_retail_invoice_changed();
CREATE TRIGGER agg_retail_invoice_deleted AFTER DELETE ON retail_invoice
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION agg_retail_invoice_changed();

-- FHRS -----------------------------------------------------------------------------------------------
-- Establishments per authority, business type and rating: distributions and "share of low ratings".
CREATE TABLE agg_fhrs_rating (
    local_authority_name text NOT NULL,      -- '' when the source has none
    business_type        text NOT NULL,      -- ''
    rating_scheme        text NOT NULL,
    rating_value         text NOT NULL,
    rating_status        text NOT NULL,
    rating_score         smallint NOT NULL,  -- -1 when the value is not a 0-5 score
    establishments       integer NOT NULL,
    PRIMARY KEY (local_authority_name, business_type, rating_scheme, rating_value, rating_status, rating_score)
);

CREATE FUNCTION agg_fhrs_establishment_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    src text := agg_signed(TG_OP, 'local_authority_name, business_type, rating_scheme, rating_value, '
        || 'rating_status, rating_score');
    changed boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (%s)', src) INTO changed;
    IF NOT changed THEN
        RETURN NULL;
    END IF;
    PERFORM agg_touch('fhrs');
    EXECUTE format($q$
        INSERT INTO agg_fhrs_rating AS t (local_authority_name, business_type, rating_scheme, rating_value,
                                          rating_status, rating_score, establishments)
        SELECT coalesce(local_authority_name, ''), coalesce(business_type, ''), rating_scheme, rating_value,
               rating_status, coalesce(rating_score, -1), sum(sign)
        FROM (%s) s GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (local_authority_name, business_type, rating_scheme, rating_value, rating_status, rating_score)
        DO UPDATE SET establishments = t.establishments + excluded.establishments$q$, src);
    RETURN NULL;
END $$;

CREATE TRIGGER agg_fhrs_establishment_inserted AFTER INSERT ON fhrs_establishment
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION agg_fhrs_establishment_changed();
CREATE TRIGGER agg_fhrs_establishment_updated AFTER UPDATE ON fhrs_establishment
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION agg_fhrs_establishment_changed();
CREATE TRIGGER agg_fhrs_establishment_deleted AFTER DELETE ON fhrs_establishment
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION agg_fhrs_establishment_changed();

-- Rides ----------------------------------------------------------------------------------------------
CREATE TABLE agg_ride_hourly (
    date_key   integer NOT NULL,          -- the start's UTC date
    hour       smallint NOT NULL,         -- the start's UTC hour
    trips      integer NOT NULL,
    duration_s bigint NOT NULL,
    PRIMARY KEY (date_key, hour)
);

CREATE TABLE agg_ride_station_daily (
    date_key   integer NOT NULL,
    station_id text NOT NULL,
    starts     integer NOT NULL,
    ends       integer NOT NULL,
    PRIMARY KEY (date_key, station_id)
);

-- Where each station is (the position of its latest ride's start or end there).
CREATE TABLE agg_ride_station (
    station_id text PRIMARY KEY,
    lat        double precision,
    lon        double precision
);

-- Frequency tables, so medians are exact without reading the rides: trips per whole second of duration,
-- and per 10 m of distance (a median distance is exact to the 10 m bucket).
CREATE TABLE agg_ride_duration (
    date_key   integer NOT NULL,
    duration_s integer NOT NULL,
    trips      integer NOT NULL,
    PRIMARY KEY (date_key, duration_s)
);
CREATE TABLE agg_ride_distance (
    date_key   integer NOT NULL,
    distance_10m integer NOT NULL,
    trips      integer NOT NULL,
    PRIMARY KEY (date_key, distance_10m)
);

CREATE FUNCTION agg_ride_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    src text := agg_signed(TG_OP, 'start_date_key, start_hour, duration_s, distance_m, start_station_id, '
        || 'end_station_id, start_lat, start_lon, end_lat, end_lon');
    changed boolean;
BEGIN
    -- a statement that changed nothing (an upsert of rows already there) changes no aggregate nor version
    EXECUTE format('SELECT EXISTS (%s)', src) INTO changed;
    IF NOT changed THEN
        RETURN NULL;
    END IF;
    PERFORM agg_touch('rides');
    EXECUTE format($q$
        INSERT INTO agg_ride_hourly AS t (date_key, hour, trips, duration_s)
        SELECT start_date_key, start_hour, sum(sign), sum(sign * duration_s) FROM (%s) s
        GROUP BY 1, 2 HAVING sum(sign) <> 0 ORDER BY 1, 2
        ON CONFLICT (date_key, hour) DO UPDATE SET trips = t.trips + excluded.trips,
            duration_s = t.duration_s + excluded.duration_s$q$, src);
    EXECUTE format($q$
        INSERT INTO agg_ride_station_daily AS t (date_key, station_id, starts, ends)
        SELECT start_date_key, station_id, sum(starts), sum(ends) FROM (
            SELECT start_date_key, start_station_id AS station_id, sign AS starts, 0 AS ends FROM (%1$s) s
            WHERE start_station_id IS NOT NULL
            UNION ALL
            SELECT start_date_key, end_station_id, 0, sign FROM (%1$s) s WHERE end_station_id IS NOT NULL) e
        GROUP BY 1, 2 HAVING sum(starts) <> 0 OR sum(ends) <> 0 ORDER BY 1, 2
        ON CONFLICT (date_key, station_id) DO UPDATE SET starts = t.starts + excluded.starts,
            ends = t.ends + excluded.ends$q$, src);
    EXECUTE format($q$
        INSERT INTO agg_ride_duration AS t (date_key, duration_s, trips)
        SELECT start_date_key, duration_s, sum(sign) FROM (%s) s
        GROUP BY 1, 2 HAVING sum(sign) <> 0 ORDER BY 1, 2
        ON CONFLICT (date_key, duration_s) DO UPDATE SET trips = t.trips + excluded.trips$q$, src);
    EXECUTE format($q$
        INSERT INTO agg_ride_distance AS t (date_key, distance_10m, trips)
        SELECT start_date_key, round(distance_m / 10)::integer, sum(sign) FROM (%s) s
        WHERE distance_m IS NOT NULL
        GROUP BY 1, 2 HAVING sum(sign) <> 0 ORDER BY 1, 2
        ON CONFLICT (date_key, distance_10m) DO UPDATE SET trips = t.trips + excluded.trips$q$, src);
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO agg_ride_station AS t (station_id, lat, lon)
        SELECT DISTINCT ON (station_id) station_id, lat, lon FROM (
            SELECT start_station_id AS station_id, start_lat AS lat, start_lon AS lon FROM new_rows
            UNION ALL SELECT end_station_id, end_lat, end_lon FROM new_rows) p
        WHERE station_id IS NOT NULL AND lat IS NOT NULL AND lon IS NOT NULL
        ORDER BY station_id
        ON CONFLICT (station_id) DO UPDATE SET lat = excluded.lat, lon = excluded.lon
        WHERE (t.lat, t.lon) IS DISTINCT FROM (excluded.lat, excluded.lon);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER agg_ride_inserted AFTER INSERT ON ride
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION agg_ride_changed();
CREATE TRIGGER agg_ride_updated AFTER UPDATE ON ride
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION agg_ride_changed();
CREATE TRIGGER agg_ride_deleted AFTER DELETE ON ride
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION agg_ride_changed();

-- Telemetry ------------------------------------------------------------------------------------------
-- Each vehicle's latest report (what vehicle_latest computes by reading every report), recomputed for
-- the vehicles a statement touched through vehicle_telemetry_vehicle_idx.
CREATE TABLE agg_vehicle_latest (
    vehicle_id   text PRIMARY KEY,
    reported_at  timestamptz NOT NULL,
    lat          double precision NOT NULL,
    lon          double precision NOT NULL,
    battery_pct  double precision,
    range_m      double precision,
    is_reserved  boolean,
    is_disabled  boolean,
    vehicle_type text
);

CREATE FUNCTION agg_telemetry_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    ids text[];
BEGIN
    EXECUTE format('SELECT array_agg(DISTINCT vehicle_id ORDER BY vehicle_id) FROM (%s) s',
        agg_signed(TG_OP, 'vehicle_id')) INTO ids;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM agg_touch('telemetry');
    DELETE FROM agg_vehicle_latest WHERE vehicle_id = ANY (ids);
    INSERT INTO agg_vehicle_latest (vehicle_id, reported_at, lat, lon, battery_pct, range_m, is_reserved,
                                    is_disabled, vehicle_type)
    SELECT l.vehicle_id, l.reported_at, l.lat, l.lon, l.battery_pct, l.range_m, l.is_reserved, l.is_disabled,
           l.vehicle_type
    FROM unnest(ids) AS v(id)
    CROSS JOIN LATERAL (SELECT * FROM vehicle_telemetry t WHERE t.vehicle_id = v.id
                        ORDER BY t.reported_at DESC LIMIT 1) l;
    RETURN NULL;
END $$;

CREATE TRIGGER agg_telemetry_inserted AFTER INSERT ON vehicle_telemetry
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION agg_telemetry_changed();
CREATE TRIGGER agg_telemetry_updated AFTER UPDATE ON vehicle_telemetry
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION agg_telemetry_changed();
CREATE TRIGGER agg_telemetry_deleted AFTER DELETE ON vehicle_telemetry
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION agg_telemetry_changed();

-- Changes the analytics API answers from the facts themselves (small tables, or read by key) still move
-- their dataset's version, so its ETags change.
CREATE FUNCTION agg_dataset_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    changed boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (%s)', agg_signed(TG_OP, '1')) INTO changed;
    IF changed THEN
        PERFORM agg_touch(TG_ARGV[0]);
    END IF;
    RETURN NULL;
END $$;

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('retail_customer', 'retail'), ('retail_product', 'retail'),
                                   ('fhrs_authority', 'fhrs'), ('weather_hourly', 'open-meteo')) v(tbl, dataset)
    LOOP
        EXECUTE format('CREATE TRIGGER %1$I AFTER INSERT ON %2$I REFERENCING NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION agg_dataset_changed(%3$L)', 'agg_' || t.tbl || '_inserted', t.tbl, t.dataset);
        EXECUTE format('CREATE TRIGGER %1$I AFTER UPDATE ON %2$I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION agg_dataset_changed(%3$L)', 'agg_' || t.tbl || '_updated', t.tbl, t.dataset);
        EXECUTE format('CREATE TRIGGER %1$I AFTER DELETE ON %2$I REFERENCING OLD TABLE AS old_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION agg_dataset_changed(%3$L)', 'agg_' || t.tbl || '_deleted', t.tbl, t.dataset);
    END LOOP;
END $$;

-- Rows loaded before this migration ------------------------------------------------------------------
INSERT INTO agg_retail_invoice (invoice_no, lines, quantity, amount)
SELECT invoice_no, count(*), sum(quantity), sum(amount) FROM retail_invoice_line GROUP BY invoice_no;
INSERT INTO agg_retail_daily (date_key, country, kind, invoices, lines, quantity, amount)
SELECT i.date_key, coalesce(i.country, ''), i.kind, count(*), sum(a.lines), sum(a.quantity), sum(a.amount)
FROM retail_invoice i JOIN agg_retail_invoice a USING (invoice_no) GROUP BY 1, 2, 3;
INSERT INTO agg_retail_product_month (month, stock_code, kind, lines, quantity, amount)
SELECT date_trunc('month', i.invoice_date)::date, l.stock_code, i.kind, count(*), sum(l.quantity), sum(l.amount)
FROM retail_invoice_line l JOIN retail_invoice i USING (invoice_no) GROUP BY 1, 2, 3;
SELECT agg_retail_customers_refresh(array_agg(DISTINCT customer_id)) FROM retail_invoice
WHERE customer_id IS NOT NULL;
INSERT INTO agg_fhrs_rating (local_authority_name, business_type, rating_scheme, rating_value, rating_status,
                             rating_score, establishments)
SELECT coalesce(local_authority_name, ''), coalesce(business_type, ''), rating_scheme, rating_value, rating_status,
       coalesce(rating_score, -1), count(*)
FROM fhrs_establishment GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO agg_ride_hourly (date_key, hour, trips, duration_s)
SELECT start_date_key, start_hour, count(*), sum(duration_s) FROM ride GROUP BY 1, 2;
INSERT INTO agg_ride_station_daily (date_key, station_id, starts, ends)
SELECT start_date_key, station_id, sum(starts), sum(ends) FROM (
    SELECT start_date_key, start_station_id AS station_id, 1 AS starts, 0 AS ends FROM ride
    WHERE start_station_id IS NOT NULL
    UNION ALL SELECT start_date_key, end_station_id, 0, 1 FROM ride WHERE end_station_id IS NOT NULL) e
GROUP BY 1, 2;
INSERT INTO agg_ride_station (station_id, lat, lon)
SELECT DISTINCT ON (station_id) station_id, lat, lon FROM (
    SELECT start_station_id AS station_id, start_lat AS lat, start_lon AS lon FROM ride
    UNION ALL SELECT end_station_id, end_lat, end_lon FROM ride) p
WHERE station_id IS NOT NULL AND lat IS NOT NULL AND lon IS NOT NULL ORDER BY station_id;
INSERT INTO agg_ride_duration (date_key, duration_s, trips)
SELECT start_date_key, duration_s, count(*) FROM ride GROUP BY 1, 2;
INSERT INTO agg_ride_distance (date_key, distance_10m, trips)
SELECT start_date_key, round(distance_m / 10)::integer, count(*) FROM ride WHERE distance_m IS NOT NULL GROUP BY 1, 2;
INSERT INTO agg_vehicle_latest (vehicle_id, reported_at, lat, lon, battery_pct, range_m, is_reserved, is_disabled,
                                vehicle_type)
SELECT DISTINCT ON (vehicle_id) vehicle_id, reported_at, lat, lon, battery_pct, range_m, is_reserved, is_disabled,
       vehicle_type
FROM vehicle_telemetry ORDER BY vehicle_id, reported_at DESC;

-- The analytics service's read-only access -----------------------------------------------------------
-- A group role that may only read this schema; the analytics service logs in as a member of it (on the
-- embedded PostgreSQL `weir up` creates that login role; on a server you run, see docs/analytics.md).
-- Created here when the migrating user may create roles; otherwise an administrator creates it first
-- (CREATE ROLE weir_warehouse_reader NOLOGIN) and this migration only grants.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'weir_warehouse_reader') THEN
        IF (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
            CREATE ROLE weir_warehouse_reader NOLOGIN;
        ELSE
            RAISE NOTICE 'Role weir_warehouse_reader does not exist and % may not create it: no grants to it',
                current_user;
            RETURN;
        END IF;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO weir_warehouse_reader', current_schema());
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO weir_warehouse_reader', current_schema());
    -- tables later migrations create (by the same user) are readable too
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO weir_warehouse_reader',
        current_schema());
END $$;
