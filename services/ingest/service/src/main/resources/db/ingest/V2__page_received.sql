-- Pages received and read, whose records are not yet acknowledged by Kafka and checkpointed. A run stopped
-- in between (kill -9, Kafka down) leaves the page here, and the next run publishes it from here rather than
-- fetching it again; the page's checkpoint commit deletes the row.
CREATE TABLE page_received (
    connector    text NOT NULL,
    fingerprint  text NOT NULL,
    status       integer NOT NULL,
    headers      jsonb NOT NULL,
    body         bytea NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connector, fingerprint)
);
CREATE INDEX page_received_age ON page_received (received_at);
