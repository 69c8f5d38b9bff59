CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, updated_at TEXT);
CREATE TABLE audit (note_id INTEGER, what TEXT);
