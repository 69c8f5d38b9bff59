-- README: an FK's action changes and an FK is added (rebuild, foreign keys checked afterwards)
CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES authors (id) ON DELETE CASCADE, editor_id INTEGER REFERENCES authors (id) ON DELETE SET NULL);
