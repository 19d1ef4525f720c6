-- The warehouse: cleaned data of every dataset, typed, for analytics (docs/pipeline.md says what each
-- table is for), and the pipeline's own bookkeeping. Written only by the pipeline's loader; the analytics
-- service reads it with a read-only role.
--
-- Every fact table carries received_at (when Weir first received the record: the raw Kafka record's
-- timestamp) and loaded_at (the loading transaction's time), so freshness is a query.

-- A calendar, 2000-2040: join facts on date_key (yyyymmdd) to group by month, quarter, weekday.
CREATE TABLE dim_date (
    date_key     integer PRIMARY KEY,
    date         date NOT NULL UNIQUE,
    year         smallint NOT NULL,
    quarter      smallint NOT NULL,
    month        smallint NOT NULL,
    month_name   text NOT NULL,
    year_month   text NOT NULL,
    day          smallint NOT NULL,
    iso_week     smallint NOT NULL,
    day_of_week  smallint NOT NULL, -- ISO: 1 Monday .. 7 Sunday
    day_name     text NOT NULL,
    is_weekend   boolean NOT NULL
);
INSERT INTO dim_date
SELECT to_char(d, 'YYYYMMDD')::integer, d, extract(year FROM d), extract(quarter FROM d), extract(month FROM d),
       trim(to_char(d, 'Month')), to_char(d, 'YYYY-MM'), extract(day FROM d), extract(week FROM d),
       extract(isodow FROM d), trim(to_char(d, 'Day')), extract(isodow FROM d) IN (6, 7)
FROM generate_series(date '2000-01-01', date '2040-12-31', interval '1 day') AS g(d);

-- Retail ---------------------------------------------------------------------------------------------
-- source_version: the Retail service's version of the row (its updated_at, or the event's time); an
-- older version never overwrites a newer one. deleted_at: a tombstone, so a late export row cannot bring
-- back a deleted customer.
CREATE TABLE retail_customer (
    customer_id    text COLLATE "C" PRIMARY KEY,
    country        text NOT NULL,
    deleted_at     timestamptz,
    source_version timestamptz NOT NULL,
    received_at    timestamptz NOT NULL,
    loaded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX retail_customer_country_idx ON retail_customer (country);

CREATE TABLE retail_product (
    stock_code     text COLLATE "C" PRIMARY KEY,
    description    text,
    unit_price     numeric(12, 3),
    kind           text NOT NULL,            -- product, postage, fee, discount, ... (the Retail service's)
    is_product     boolean NOT NULL,         -- kind = product: what "top products" ranks
    source_version timestamptz NOT NULL,
    received_at    timestamptz NOT NULL,
    loaded_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE retail_invoice (
    invoice_no     text COLLATE "C" PRIMARY KEY,
    invoice_date   timestamp NOT NULL,       -- as the source has it (UK local time, no zone)
    date_key       integer NOT NULL,         -- dim_date
    customer_id    text COLLATE "C",         -- null: 135,080 source lines have no customer
    country        text,
    kind           text NOT NULL,            -- sale, cancellation (C...), adjustment (A...)
    source_version timestamptz NOT NULL,
    received_at    timestamptz NOT NULL,
    loaded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX retail_invoice_date_idx ON retail_invoice (date_key);
CREATE INDEX retail_invoice_customer_idx ON retail_invoice (customer_id, invoice_date);
CREATE INDEX retail_invoice_country_idx ON retail_invoice (country, date_key);

-- Lines are immutable in the source (a line is added, never changed). amount = quantity * unit_price,
-- negative for cancellations: summing amount over an invoice's lines is the revenue net of them.
CREATE TABLE retail_invoice_line (
    invoice_no     text COLLATE "C" NOT NULL,
    line_no        integer NOT NULL,
    stock_code     text COLLATE "C" NOT NULL,
    description    text,
    quantity       integer NOT NULL,
    unit_price     numeric(12, 3) NOT NULL,
    amount         numeric(14, 3) GENERATED ALWAYS AS (quantity * unit_price) STORED,
    received_at    timestamptz NOT NULL,
    loaded_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (invoice_no, line_no)
);
CREATE INDEX retail_invoice_line_stock_code_idx ON retail_invoice_line (stock_code);

-- Revenue questions in one place: a line with its invoice's date, customer, country and kind.
CREATE VIEW retail_sales AS
SELECT l.invoice_no, l.line_no, l.stock_code, l.description, l.quantity, l.unit_price, l.amount,
       i.invoice_date, i.date_key, i.customer_id, i.country, i.kind
FROM retail_invoice_line l JOIN retail_invoice i USING (invoice_no);

-- FHRS -----------------------------------------------------------------------------------------------
-- rating_scheme keeps FHRS (England, Wales, Northern Ireland: 0-5) and FHIS (Scotland: Pass, Improvement
-- Required, ...) apart; rating_value is the source's text, rating_score the 0-5 number where there is one,
-- rating_status what kind of value it is (rated, exempt, awaiting_inspection, awaiting_publication, pass,
-- pass_eat_safe, improvement_required, other).
CREATE TABLE fhrs_establishment (
    fhrs_id                  bigint PRIMARY KEY,
    business_name            text,
    business_type            text,
    business_type_id         integer,
    address_line1            text,
    address_line2            text,
    address_line3            text,
    address_line4            text,
    postcode                 text,
    rating_scheme            text NOT NULL,
    rating_value             text NOT NULL,
    rating_status            text NOT NULL,
    rating_score             smallint,
    rating_date              date,
    rating_date_key          integer,
    local_authority_code     text,
    local_authority_name     text,
    hygiene_score            smallint,
    structural_score         smallint,
    confidence_score         smallint,
    longitude                double precision,
    latitude                 double precision,
    new_rating_pending       boolean,
    received_at              timestamptz NOT NULL,
    loaded_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fhrs_establishment_authority_idx ON fhrs_establishment (local_authority_name, rating_status);
CREATE INDEX fhrs_establishment_business_type_idx ON fhrs_establishment (business_type, rating_status);
-- "near a point": a bounding box on latitude then longitude, refined by distance in the query
CREATE INDEX fhrs_establishment_location_idx ON fhrs_establishment (latitude, longitude);

CREATE TABLE fhrs_authority (
    local_authority_id   integer PRIMARY KEY,
    code                 text,
    name                 text NOT NULL,
    region_name          text,
    scheme_type          text,   -- FHRS or FHIS
    establishment_count  integer,
    last_published_at    timestamptz,
    received_at          timestamptz NOT NULL,
    loaded_at            timestamptz NOT NULL DEFAULT now()
);

-- Weather ------------------------------------------------------------------------------------------
-- One row per city and hour (UTC). Units are in the column names. A value the source left null stays
-- null and is listed in missing (flagged, never filled: an invented temperature would skew min/max/mean).
CREATE TABLE weather_hourly (
    city                  text NOT NULL,
    time_utc              timestamptz NOT NULL,
    date_key              integer NOT NULL,
    latitude              double precision,
    longitude             double precision,
    temperature_c         double precision,
    precipitation_mm      double precision,
    wind_speed_kmh        double precision,
    relative_humidity_pct double precision,
    weather_code          integer,
    missing               text[] NOT NULL DEFAULT '{}',
    received_at           timestamptz NOT NULL,
    loaded_at             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city, time_utc)
);
CREATE INDEX weather_hourly_date_idx ON weather_hourly (date_key, city);

-- Rides and telemetry -------------------------------------------------------------------------------
CREATE TABLE ride (
    ride_id           text PRIMARY KEY,
    vehicle_id        text,
    started_at        timestamptz NOT NULL,
    ended_at          timestamptz NOT NULL,
    start_date_key    integer NOT NULL,
    start_hour        smallint NOT NULL,    -- 0-23, UTC
    duration_s        integer NOT NULL,
    distance_m        double precision,     -- great-circle between start and end
    start_station_id  text,
    end_station_id    text,
    start_lat         double precision,
    start_lon         double precision,
    end_lat           double precision,
    end_lon           double precision,
    user_type         text,                 -- subscriber, customer
    birth_year        smallint,
    event_id          text NOT NULL,
    received_at       timestamptz NOT NULL,
    loaded_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ride_started_idx ON ride (started_at);
CREATE INDEX ride_start_station_idx ON ride (start_station_id);
CREATE INDEX ride_end_station_idx ON ride (end_station_id);

CREATE TABLE vehicle_telemetry (
    event_id          text PRIMARY KEY,
    vehicle_id        text NOT NULL,
    reported_at       timestamptz NOT NULL,
    date_key          integer NOT NULL,
    lat               double precision NOT NULL,
    lon               double precision NOT NULL,
    battery_pct       double precision,
    range_m           double precision,
    is_reserved       boolean,
    is_disabled       boolean,
    vehicle_type      text,
    received_at       timestamptz NOT NULL,
    loaded_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vehicle_telemetry_vehicle_idx ON vehicle_telemetry (vehicle_id, reported_at DESC);

-- Fleet battery health: each vehicle's latest report.
CREATE VIEW vehicle_latest AS
SELECT DISTINCT ON (vehicle_id) * FROM vehicle_telemetry ORDER BY vehicle_id, reported_at DESC;

-- The pipeline's bookkeeping -----------------------------------------------------------------------
-- The loader's position in each partition it loads: moved only in the transaction that wrote the rows of
-- the records before it (docs/design/exactly-once-load.md).
CREATE TABLE loader_offset (
    topic       text NOT NULL,
    partition   integer NOT NULL,
    next_offset bigint NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition)
);

-- Counts, exactly once: the clean stage's tallies (raw read, cleaned, dead-lettered by rule, repeats,
-- rules fired) and the loader's own (rows inserted, updated, unchanged, stale), per dataset.
CREATE TABLE pipeline_count (
    dataset  text NOT NULL,
    counter  text NOT NULL,
    value    bigint NOT NULL,
    PRIMARY KEY (dataset, counter)
);

-- Per loaded batch: for the pipeline-health view of the dashboard.
CREATE TABLE load_batch (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset            text NOT NULL,
    loaded_at          timestamptz NOT NULL DEFAULT now(),
    rows               integer NOT NULL,
    max_event_time     timestamptz,
    max_freshness_ms   bigint
);
CREATE INDEX load_batch_dataset_idx ON load_batch (dataset, loaded_at);

-- Every dead letter of a dataset (the pipeline's, and the ingest service's bad pages), as read from
-- weir.dlq.<dataset>: the original record and where it came from, for `weir dlq list|show|replay`.
CREATE TABLE dead_letter (
    dataset            text NOT NULL,
    dlq_partition      integer NOT NULL,
    dlq_offset         bigint NOT NULL,
    stage              text NOT NULL,          -- pipeline or ingest
    rule               text NOT NULL,
    reason             text NOT NULL,
    dead_at            timestamptz NOT NULL,
    original_topic     text,
    original_partition integer,
    original_offset    bigint,
    original_key       text,
    original_headers   jsonb NOT NULL DEFAULT '{}',
    original_value     bytea,
    provenance         jsonb NOT NULL DEFAULT '{}',
    replay_of          text,
    replayed_at        timestamptz,
    replay_count       integer NOT NULL DEFAULT 0,
    PRIMARY KEY (dataset, dlq_partition, dlq_offset)
);
CREATE INDEX dead_letter_rule_idx ON dead_letter (dataset, rule);

-- The reading of the Retail API's export (one row per entity: stock-codes, customers, invoices): a read is
-- requested (after each bulk import, and at the first start), then runs page by page; after_key moves only
-- once Kafka acknowledged the page's records.
CREATE TABLE retail_export (
    entity        text PRIMARY KEY,
    after_key     text NOT NULL DEFAULT '',
    requested_at  timestamptz,
    started_at    timestamptz,
    finished_at   timestamptz,
    rows_read     bigint NOT NULL DEFAULT 0
);
