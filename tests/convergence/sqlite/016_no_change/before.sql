CREATE TABLE stable (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'x');
CREATE INDEX stable_name_idx ON stable (name);
