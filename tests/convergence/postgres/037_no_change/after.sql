-- README: (no-op) the same schema written differently: no statement
CREATE TABLE stable (id int PRIMARY KEY,
  name text NOT NULL DEFAULT 'x');
create index stable_name_idx on stable (name);
CREATE VIEW stable_v AS SELECT id FROM stable;
