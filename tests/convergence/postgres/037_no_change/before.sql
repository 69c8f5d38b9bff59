CREATE TABLE stable (id int PRIMARY KEY, name text NOT NULL DEFAULT 'x');
CREATE INDEX stable_name_idx ON stable (name);
CREATE VIEW stable_v AS SELECT id FROM stable;
