-- An Idempotency-Key is its caller's own: two callers may send the same key without one getting the other's
-- answer (found by an outside fuzzer: keys were global). caller is the subject of the caller's token; the rows
-- kept from before have none ('') and stay valid until they expire.
ALTER TABLE idempotency_key ADD COLUMN caller text NOT NULL DEFAULT '';
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey, ADD PRIMARY KEY (stream, caller, key);
