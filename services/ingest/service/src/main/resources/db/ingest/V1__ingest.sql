-- The Ingest service's schema: connector definitions stored through the admin API, run history,
-- per-stream checkpoints, request fingerprints, and the connectors' locks (ShedLock).

CREATE TABLE connector_definition (
    name        text PRIMARY KEY,
    definition  text NOT NULL,               -- YAML (or JSON) as submitted
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE run (
    id             uuid PRIMARY KEY,
    connector      text NOT NULL,
    sync_id        uuid NOT NULL,            -- the run that started the sync this run works on (itself, or the run it resumes)
    trigger        text NOT NULL,            -- api | schedule | cli
    scheduled_for  timestamptz,              -- the schedule's fire time, for runs it started
    refetch        boolean NOT NULL DEFAULT false,
    status         text NOT NULL,            -- running | succeeded | failed | interrupted
    host           text NOT NULL,
    started_at     timestamptz NOT NULL,
    finished_at    timestamptz,
    pages          bigint NOT NULL DEFAULT 0,
    pages_skipped  bigint NOT NULL DEFAULT 0,
    records        bigint NOT NULL DEFAULT 0,
    retries        bigint NOT NULL DEFAULT 0,
    rate_limited   bigint NOT NULL DEFAULT 0,
    dead_letters   bigint NOT NULL DEFAULT 0,
    error          text,
    report         jsonb
);
CREATE INDEX run_by_connector ON run (connector, started_at DESC);
-- a schedule's fire time starts one run cluster-wide
CREATE UNIQUE INDEX run_once_per_fire_time ON run (connector, scheduled_for) WHERE scheduled_for IS NOT NULL;

CREATE TABLE stream_checkpoint (
    connector          text NOT NULL,
    stream             text NOT NULL,
    partition_key      text NOT NULL,        -- '' for a stream pulled once; the parent record's key or the for_each value otherwise
    sync_id            uuid NOT NULL,
    bindings           jsonb,                -- the parent record or for_each value the partition is bound to
    parent_fingerprint text,                 -- the parent page that listed this partition
    pagination         jsonb,                -- the state of the next page to fetch; null: the first
    done               boolean NOT NULL DEFAULT false,
    cursor             text,                 -- incremental cursor as of the last complete sync
    cursor_max         text,                 -- greatest cursor value seen in the current sync
    pages              bigint NOT NULL DEFAULT 0,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connector, stream, partition_key)
);
CREATE INDEX stream_checkpoint_pending ON stream_checkpoint (connector, stream, sync_id, partition_key) WHERE NOT done;
CREATE INDEX stream_checkpoint_by_parent ON stream_checkpoint (connector, parent_fingerprint) WHERE parent_fingerprint IS NOT NULL;

CREATE TABLE request_fingerprint (
    connector    text NOT NULL,
    fingerprint  text NOT NULL,              -- sha256 of method, canonical URL and body, hex
    stream       text NOT NULL,
    url          text NOT NULL,              -- credentials masked
    next_page    jsonb,                      -- pagination state after this page; null: it was the last
    records      integer NOT NULL,
    fetched_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (connector, fingerprint)
);
CREATE INDEX request_fingerprint_expiry ON request_fingerprint (expires_at);

-- ShedLock's table: one row per connector, held while it runs
CREATE TABLE shedlock (
    name        varchar(64) PRIMARY KEY,
    lock_until  timestamp NOT NULL,
    locked_at   timestamp NOT NULL,
    locked_by   varchar(255) NOT NULL
);
