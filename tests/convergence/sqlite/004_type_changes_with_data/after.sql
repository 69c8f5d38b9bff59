-- README: declared type changes: a table rebuild that keeps every row
CREATE TABLE measures (id INTEGER PRIMARY KEY, amount REAL NOT NULL, code VARCHAR(50), ratio NUMERIC);
