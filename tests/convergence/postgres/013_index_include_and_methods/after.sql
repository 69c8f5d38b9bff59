-- README: INCLUDE columns added to an index; GIN with opclass and BRIN indexes
CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL, at timestamptz NOT NULL, payload jsonb);
CREATE INDEX events_kind_idx ON events (kind) INCLUDE (at);
CREATE INDEX events_payload_idx ON events USING gin (payload jsonb_path_ops);
CREATE INDEX events_at_brin ON events USING brin (at);
