-- README: a column renamed by hint under an index and a view (native RENAME COLUMN rewrites both)
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  -- flash:renamed-from fname
  first_name TEXT NOT NULL,
  lname TEXT
);
CREATE INDEX people_fname_idx ON people (first_name);
CREATE VIEW first_names AS SELECT first_name FROM people;
