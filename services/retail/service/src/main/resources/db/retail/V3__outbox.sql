-- The transactional outbox: every change of the Retail service writes its event here in the
-- transaction of the change, so an event exists exactly when its change committed. The relay
-- (one per cluster) publishes unpublished rows to Kafka topic weir.events.retail and marks them
-- published once Kafka acknowledged them; published rows are deleted after a retention.
--
-- id orders the events of one key: the writes of one aggregate lock its row (or its unique key)
-- until they commit, so a later change of it always gets a later id.
CREATE TABLE outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the CloudEvents id, stable across re-publication
    event_id     uuid NOT NULL DEFAULT gen_random_uuid(),
    -- the CloudEvents type, e.g. weir.retail.customer.created
    type         text NOT NULL,
    -- the Kafka record key: the aggregate's id (customer id, invoice number), so one aggregate's
    -- events share a partition and keep their order
    event_key    text NOT NULL,
    -- the CloudEvents subject: the aggregate's id
    subject      text NOT NULL,
    -- the CloudEvents data: the resource as the REST API shows it
    data         json NOT NULL,
    -- the CloudEvents time: when the change was written
    occurred_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    published_at timestamptz
);

-- What the relay reads: unpublished rows in id order. Small, as published rows leave it.
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
