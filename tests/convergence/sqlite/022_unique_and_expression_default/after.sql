-- README: a UNIQUE column and an expression default (rebuild); a new WITHOUT ROWID table
CREATE TABLE settings (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE ON CONFLICT REPLACE, value TEXT DEFAULT (json_object()));
CREATE TABLE flags (name TEXT PRIMARY KEY, on_ INTEGER NOT NULL DEFAULT 0 CHECK (on_ IN (0, 1))) WITHOUT ROWID;
