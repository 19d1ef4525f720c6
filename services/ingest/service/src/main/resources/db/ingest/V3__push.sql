-- Push: stream declarations stored through the admin API, and idempotency keys of pushed batches.

CREATE TABLE stream_definition (
    name        text PRIMARY KEY,
    definition  text NOT NULL,               -- YAML (or JSON) as submitted
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- A batch sent with an Idempotency-Key: pending while its events are produced, then done with the answer
-- the client got, which a retry with the same key gets again (docs/design/lake-commits.md).
CREATE TABLE idempotency_key (
    stream        text NOT NULL,
    key           text NOT NULL,
    request_hash  text NOT NULL,             -- sha-256 of the request (format, partial, body), hex
    state         text NOT NULL,             -- pending | done
    status        integer,                   -- the answer's HTTP status, once done
    answer        text,                      -- the answer's JSON body, once done
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (stream, key)
);
CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at);
