-- The edge's own state: who may call (API keys, OAuth2 clients), the keys it signs tokens with, the
-- rate-limit buckets every edge replica shares, and usage per caller.

-- API keys: only a SHA-256 of the key is kept; the prefix is shown to people to tell keys apart.
CREATE TABLE api_key (
    id          TEXT PRIMARY KEY,
    name        TEXT        NOT NULL,
    prefix      TEXT        NOT NULL UNIQUE,
    key_hash    BYTEA       NOT NULL UNIQUE,
    scopes      TEXT[]      NOT NULL,
    rate_limit  TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ
);

-- OAuth2 clients (client_credentials): the secret as SHA-256.
CREATE TABLE client (
    client_id   TEXT PRIMARY KEY,
    name        TEXT        NOT NULL,
    secret_hash BYTEA       NOT NULL,
    scopes      TEXT[]      NOT NULL,
    rate_limit  TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    disabled_at TIMESTAMPTZ
);

-- RSA signing keys: published in the JWKS from created_at, signing from activates_at (the newest such
-- key signs), published until a newer key has signed for longer than any token lives.
CREATE TABLE signing_key (
    kid          TEXT PRIMARY KEY,
    private_key  BYTEA       NOT NULL,
    public_key   BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    activates_at TIMESTAMPTZ NOT NULL
);

-- Bucket4j's token buckets (its PostgreSQL integration), one row per caller.
CREATE TABLE rate_bucket (
    id         TEXT PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);

-- Calls per caller (key:<prefix> or client:<id>), added up by every replica.
CREATE TABLE usage (
    subject       TEXT PRIMARY KEY,
    requests      BIGINT      NOT NULL DEFAULT 0,
    client_errors BIGINT      NOT NULL DEFAULT 0,
    server_errors BIGINT      NOT NULL DEFAULT 0,
    rate_limited  BIGINT      NOT NULL DEFAULT 0,
    bytes_in      BIGINT      NOT NULL DEFAULT 0,
    bytes_out     BIGINT      NOT NULL DEFAULT 0,
    last_seen_at  TIMESTAMPTZ
);
