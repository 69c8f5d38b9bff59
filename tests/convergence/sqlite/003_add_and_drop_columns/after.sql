-- README: columns added (native ADD COLUMN with a default) and one dropped
CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL DEFAULT 0, note TEXT);
