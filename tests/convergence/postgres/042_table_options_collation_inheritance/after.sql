-- README: UNLOGGED and storage options, a column collation, table inheritance
CREATE UNLOGGED TABLE logs (id bigint PRIMARY KEY, line text) WITH (fillfactor = 70);
CREATE TABLE cache (k text PRIMARY KEY, v text COLLATE "C") WITH (autovacuum_enabled = false);
CREATE TABLE base_thing (id int PRIMARY KEY, kind text);
CREATE TABLE special_thing (extra text) INHERITS (base_thing);
