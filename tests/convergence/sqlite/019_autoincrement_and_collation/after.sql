-- README: AUTOINCREMENT added and removed; a column collation changes; an index with its own collation
CREATE TABLE tickets (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT);
CREATE TABLE codes (id INTEGER PRIMARY KEY, code TEXT COLLATE BINARY);
CREATE INDEX codes_code_idx ON codes (code COLLATE NOCASE);
